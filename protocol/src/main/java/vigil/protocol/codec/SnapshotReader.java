package vigil.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.ObjectClass;

/**
 * The fast path for {@code ME_OD}, the message that arrives 25 times a second with every alarming
 * object. It reads the well-formed current form only, eight bytes at a time ({@link Swar}); anything
 * else (an old R/N state, an unknown class or area, a number out of the plain form) makes it give
 * up on the record, and the field-by-field parser reads it instead, with its precise messages.
 *
 * <p>Why it is shaped so: its time is the work it does per field (docs/BENCHMARKS.md measures
 * where it goes), so each field is read from the words at its start and nothing else: the digits
 * or letters are counted in the word, the delimiter is taken from the word, and a name is told by a
 * table from its first letters rather than by branches, which the random order of classes and
 * zones would mispredict.
 */
final class SnapshotReader {
    /** The delimiter of a field that ends the data. */
    private static final int END = -1;
    /** What a word holds past the end of the data: neither digits nor letters. */
    private static final byte PAST_END = '\n';

    private final byte[] bytes;
    private final int end;
    private int position;
    /** The last number read. */
    private long value;
    /** What ended the last field: {@code ,}, {@code ;} or {@link #END}. */
    private int delimiter;

    SnapshotReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** Reads records into {@code objects} until the data ends or a record is not the plain form; returns where it stopped. */
    int readInto(List<DetectedObject> objects) {
        while (position < end) {
            int recordStart = position;
            DetectedObject object = record();
            if (object == null) {
                return recordStart;
            }
            objects.add(object);
        }
        return Math.min(position, end); // past the end after a last field that ends the data
    }

    private DetectedObject record() {
        if (!id() || delimiter != FieldCursor.FIELD) {
            return null;
        }
        long id = value;
        ObjectClass objectClass = objectClass();
        if (objectClass == null || delimiter != FieldCursor.FIELD || !coordinate() || delimiter != FieldCursor.FIELD) {
            return null;
        }
        int x = (int) value;
        if (!coordinate() || delimiter != FieldCursor.FIELD) {
            return null;
        }
        int y = (int) value;
        Area area = zone();
        if (area == null) {
            return null;
        }
        Integer rescueLevel = null;
        if (delimiter == FieldCursor.FIELD) { // the area ended with a comma: a rescue level follows, and ends the record
            if (!rescueLevel() || delimiter == FieldCursor.FIELD) {
                return null;
            }
            rescueLevel = (int) value;
        }
        return new DetectedObject(id, objectClass, x, y, area, rescueLevel);
    }

    /** An object id: 1–19 digits that fit a {@code long}, in one to three words. */
    private boolean id() {
        long word = wordAt(position);
        int count = Swar.leadingDigits(word);
        value = Swar.digitsValue(word, count);
        for (int words = 1; count == Long.BYTES * words && words < 3; words++) {
            word = wordAt(position + Long.BYTES * words); // not + count: the load need not wait for the count
            int more = Swar.leadingDigits(word);
            value = value * POWERS_OF_TEN[more] + Swar.digitsValue(word, more);
            count += more;
        }
        return count > 0 && count <= FieldCursor.MAX_LONG_DIGITS && FieldCursor.fitsLong(value, count, false)
                && endField(position + count, word, count);
    }

    /** A map coordinate: up to seven digits, perhaps negative (a node reports {@code -1} for no position). */
    private boolean coordinate() {
        int start = position;
        long word = wordAt(start);
        boolean negative = (word & 0xFF) == '-';
        if (negative) {
            word = wordAt(++start);
        }
        int count = Swar.leadingDigits(word);
        if (count == 0 || count == Long.BYTES) {
            return false; // none, or too many for this path
        }
        long magnitude = count <= Integer.BYTES ? Swar.shortDigitsValue(word, count) : Swar.digitsValue(word, count);
        value = negative ? -magnitude : magnitude;
        return endField(start + count, word, count);
    }

    /** 0–9, or 10 exactly, as the field parser reads it ({@code 05} is not a level). */
    private boolean rescueLevel() {
        long word = wordAt(position);
        int count = Swar.leadingDigits(word);
        if (count != 1 && count != 2) {
            return false;
        }
        value = Swar.shortDigitsValue(word, count);
        return (count == 1 || value == 10) && endField(position + count, word, count);
    }

    /**
     * A class is known by its first two letters, and WORK_PERSON from WORK_VEHICLE by the sixth;
     * they give the one name the field can be, which is then compared whole.
     */
    private ObjectClass objectClass() {
        long first = wordAt(position);
        int slot = classSlot(first);
        int ordinal = CLASS_IN_SLOT[slot] + (WORK_IN_SLOT[slot] & is(byteOf(first, 5), 'V'));
        return name(CLASS_NAMES[ordinal], first) ? CLASSES[ordinal] : null;
    }

    /** A zone is known by its first letter (T, R or G) and its last (A–D); UNKNOWN and None are left to the field parser. */
    private Area zone() {
        long first = wordAt(position);
        int kind = (int) byteOf(first, 0) & 15;
        int ordinal = (FIRST_ZONE_OF_KIND[kind] + (int) byteOf(first, LETTER_OF_KIND[kind]) - 'A') & 7;
        return name(ZONE_NAMES[ordinal], first) ? Area.ZONES.get(ordinal) : null;
    }

    /** Whether the field at the position, whose first word is {@code first}, is exactly the name; if so, steps over it. */
    private boolean name(WireName name, long first) {
        long second = wordAt(position + Long.BYTES);
        int inFirst = Swar.leadingLetters(first);
        int length = inFirst < Long.BYTES ? inFirst : Long.BYTES + Swar.leadingLetters(second);
        return length == name.length() && name.spells(first, second)
                && endField(position + length, length < Long.BYTES ? first : second, length & 7);
    }

    /**
     * Ends the field at {@code index}, whose byte is byte {@code inWord} of {@code word} (which also
     * holds {@link #PAST_END} past the data): it must be a delimiter, or the end of the data.
     */
    private boolean endField(int index, long word, int inWord) {
        int following = (int) byteOf(word, inWord & 7);
        delimiter = index == end ? END : following;
        position = index + 1;
        return delimiter == FieldCursor.FIELD || delimiter == FieldCursor.RECORD || delimiter == END;
    }

    private long wordAt(int index) {
        return Swar.wordBefore(bytes, index, end, PAST_END);
    }

    private static long byteOf(long word, int index) {
        return word >>> (index << 3) & 0xFF;
    }

    /** 1 if the byte is {@code value}, else 0, without a branch. */
    private static int is(long unsignedByte, char value) {
        return (int) ((unsignedByte ^ value) - 1 >>> 63);
    }

    private static int classSlot(long word) {
        return (int) (byteOf(word, 0) + 4 * byteOf(word, 1)) & 15;
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** A class or zone name as the two words that spell it (names are up to 16 letters), with a mask for each. */
    private record WireName(int length, long first, long firstMask, long second, long secondMask) {
        static WireName of(String text) {
            byte[] padded = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 2 * Long.BYTES);
            return new WireName(text.length(), Swar.word(padded, 0), mask(text.length()),
                    Swar.word(padded, Long.BYTES), mask(text.length() - Long.BYTES));
        }

        boolean spells(long firstWord, long secondWord) {
            return ((firstWord ^ first) & firstMask | (secondWord ^ second) & secondMask) == 0;
        }

        /** The low {@code bytes} bytes of a word. */
        private static long mask(int bytes) {
            return bytes >= Long.BYTES ? -1L : bytes <= 0 ? 0 : (1L << (bytes << 3)) - 1;
        }
    }

    private static final ObjectClass[] CLASSES = ObjectClass.values();
    private static final WireName[] CLASS_NAMES = Arrays.stream(CLASSES).map(c -> WireName.of(c.name())).toArray(WireName[]::new);
    /** By slot, the class whose first two letters lead there; UNKNOWN where none does, which the comparison then refuses. */
    private static final int[] CLASS_IN_SLOT = new int[16];
    /** By slot, 1 for WORK_, whose sixth letter then picks WORK_VEHICLE (the next class) over WORK_PERSON. */
    private static final int[] WORK_IN_SLOT = new int[16];
    private static final WireName[] ZONE_NAMES = Area.ZONES.stream().map(zone -> WireName.of(zone.name())).toArray(WireName[]::new);
    /** By the low four bits of a zone's first letter: its first zone (TWY_A, RWY_A, GRASS_A) and where its letter is. */
    private static final int[] FIRST_ZONE_OF_KIND = new int[16];
    private static final int[] LETTER_OF_KIND = new int[16];

    static {
        if (ObjectClass.WORK_VEHICLE.ordinal() != ObjectClass.WORK_PERSON.ordinal() + 1) {
            throw new ExceptionInInitializerError("WORK_VEHICLE must follow WORK_PERSON");
        }
        Arrays.fill(CLASS_IN_SLOT, ObjectClass.UNKNOWN.ordinal());
        for (ObjectClass objectClass : CLASSES) {
            if (objectClass != ObjectClass.UNKNOWN && objectClass != ObjectClass.WORK_VEHICLE) {
                int slot = classSlot(CLASS_NAMES[objectClass.ordinal()].first());
                if (CLASS_IN_SLOT[slot] != ObjectClass.UNKNOWN.ordinal()) {
                    throw new ExceptionInInitializerError("two classes share slot " + slot);
                }
                CLASS_IN_SLOT[slot] = objectClass.ordinal();
                WORK_IN_SLOT[slot] = objectClass == ObjectClass.WORK_PERSON ? 1 : 0;
            }
        }
        for (Area zone : Area.ZONES) {
            String name = zone.name();
            if (name.endsWith("_A")) {
                FIRST_ZONE_OF_KIND[name.charAt(0) & 15] = zone.ordinal();
                LETTER_OF_KIND[name.charAt(0) & 15] = name.length() - 1;
            }
        }
    }
}
