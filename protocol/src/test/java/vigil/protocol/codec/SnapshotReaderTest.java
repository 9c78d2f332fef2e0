package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.ObjectSnapshot;

/**
 * The fast path may give up on any record, but a record it reads must be exactly what the field
 * parser reads. Records are made of fields drawn from the plain form and from its edges (long and
 * short numbers, leading zeros, signs, old states, near-miss names, stray delimiters), and the data
 * is placed in an array whose bytes around it would change the reading if the reader looked past
 * its ends.
 */
class SnapshotReaderTest {
    private static final String[] IDS = {"175124638568410", "17510203858541", "1751250790995189", "7", "0", "00000000",
        "12345678", "123456789", "1234567890123456", "12345678901234567", "123456789012345678", "999999999999999999",
        "1000000000000000000", "1234567890123456789", "9223372036854775807", "09223372036854775807",
        "9223372036854775808", "9999999999999999999", "18446744073709551615", "18446744073709551616",
        "-5", "", "12a", "1 2", "99999999999999999999"};
    private static final String[] CLASSES = {"BIRD", "FOD", "PERSON", "ANIMAL", "AIRPLANE", "AIRCRAFT", "VEHICLE",
        "WORK_PERSON", "WORK_VEHICLE", "UNKNOWN", "DRONE", "", "PERSO", "PERSONS", "WORK_PERSONS", "WORK_", "person",
        "WORK_VEHICLF", "AIRPLANEX", "BIRD1", "FOD_"};
    private static final String[] COORDINATES = {"0", "332", "959", "-1", "-14", "1000", "0000001", "12345678",
        "123456789", "2147483648", "-", "--1", "+3", "1.5", "", "3x", "-0"};
    private static final String[] AREAS = {"TWY_A", "TWY_B", "TWY_C", "TWY_D", "RWY_A", "RWY_B", "GRASS_A", "GRASS_B",
        "UNKNOWN", "None", "RWY_C", "TWY_E", "GRASS_C", "RWY_AB", "rwy_a", "", "TWY", "GRASS_A1", "RWY_"};
    private static final String[] RESCUE_LEVELS = {"0", "1", "9", "10", "05", "11", "100", "R", "N", "rescue", "none",
        "", "-1"};
    /** Bytes that would join a field read past the data's end (or before its start). */
    private static final String[] SURROUNDINGS = {"", "9", "99999999", "A", "AAAAAAAA", ",", ";", "\n", "_B"};

    private final Random random = new Random(11);

    @Test
    void everyRecordTheFastPathReadsIsTheFieldParsersReading() {
        // A stray ';' makes two records of one: the fast path may read the first and stop at the second.
        int read = 0;
        for (int i = 0; i < 300_000; i++) {
            String record = randomRecord();
            String before = SURROUNDINGS[random.nextInt(SURROUNDINGS.length)];
            String after = SURROUNDINGS[random.nextInt(SURROUNDINGS.length)];
            byte[] bytes = (before + record + after).getBytes(StandardCharsets.ISO_8859_1);
            int start = before.length();
            int end = start + record.length();

            List<DetectedObject> fast = new ArrayList<>();
            int stopped = new SnapshotReader(bytes, start, end).readInto(fast);
            read += fast.size();
            assertEquals(fieldByField(Arrays.copyOfRange(bytes, start, stopped)), fast, record);
        }
        assertTrue(read > 30_000, "the fast path read only " + read + " records");
    }

    @Test
    void linesOfPlainRecordsAreReadWholeByTheFastPath() {
        for (int i = 0; i < 2_000; i++) {
            List<String> records = new ArrayList<>();
            for (int j = random.nextInt(1, 60); j > 0; j--) {
                records.add(plainRecord());
            }
            String line = String.join(";", records) + (random.nextBoolean() ? ";" : "");
            String before = SURROUNDINGS[random.nextInt(SURROUNDINGS.length)];
            byte[] bytes = (before + line + SURROUNDINGS[random.nextInt(SURROUNDINGS.length)]).getBytes(StandardCharsets.US_ASCII);
            int end = before.length() + line.length();
            List<DetectedObject> fast = new ArrayList<>();
            assertEquals(end, new SnapshotReader(bytes, before.length(), end).readInto(fast), line);
            assertEquals(fieldByField(line.getBytes(StandardCharsets.US_ASCII)), fast, line);
        }
    }

    @Test
    void aLineOfMixedRecordsDecodesAsTheFieldParserReadsIt() {
        for (int i = 0; i < 20_000; i++) {
            List<String> records = new ArrayList<>();
            for (int j = random.nextInt(1, 8); j > 0; j--) {
                records.add(random.nextBoolean() ? plainRecord() : randomRecord());
            }
            byte[] bytes = String.join(";", records).getBytes(StandardCharsets.ISO_8859_1);
            List<DetectedObject> expected;
            try {
                expected = fieldByField(bytes);
            } catch (MalformedMessageException e) {
                continue; // the decoder reports such a line whole; MalformedMessagesTest and the decoder tests cover that
            }
            var decoded = (ObjectSnapshot) TextMessageParser.parse(MessageType.ME_OD, null, bytes, 0, bytes.length);
            assertEquals(expected, decoded.objects(), new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    private static List<DetectedObject> fieldByField(byte[] bytes) {
        FieldCursor fields = new FieldCursor(bytes, 0, bytes.length);
        List<DetectedObject> objects = new ArrayList<>();
        while (fields.hasMore()) {
            fields.beginRecord();
            objects.add(TextMessageParser.detectedObject(fields));
        }
        return objects;
    }

    private String plainRecord() {
        String objectClass = CLASSES[random.nextInt(9)];
        return pick(IDS, 3) + "," + (objectClass.equals("AIRCRAFT") ? "AIRPLANE" : objectClass) + "," + pick(COORDINATES, 4)
                + "," + pick(COORDINATES, 4) + "," + pick(AREAS, 8)
                + (objectClass.equals("PERSON") ? "," + pick(RESCUE_LEVELS, 4) : "");
    }

    /** Mostly plain fields, often an edge, now and then a stray or missing delimiter. */
    private String randomRecord() {
        List<String> fields = new ArrayList<>(Arrays.asList(edgeOrPlain(IDS, 3), edgeOrPlain(CLASSES, 9),
                edgeOrPlain(COORDINATES, 4), edgeOrPlain(COORDINATES, 4), edgeOrPlain(AREAS, 8)));
        if (random.nextInt(3) == 0) {
            fields.add(edgeOrPlain(RESCUE_LEVELS, 4));
        }
        if (random.nextInt(20) == 0) {
            fields.remove(random.nextInt(fields.size()));
        }
        StringBuilder record = new StringBuilder(fields.getFirst());
        for (String field : fields.subList(1, fields.size())) {
            record.append(random.nextInt(25) == 0 ? ";" : ",").append(field);
        }
        return record.toString();
    }

    private String edgeOrPlain(String[] values, int plain) {
        return random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : pick(values, plain);
    }

    private String pick(String[] values, int firstPlain) {
        return values[random.nextInt(firstPlain)];
    }
}
