package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each word trick against the byte-at-a-time meaning it stands for, over words made to sit on the edges. */
class SwarTest {
    private static final int WORDS = 200_000;
    /** Bytes on both sides of every edge the tricks test: digits, delimiters, letters, '_', '-', high bytes. */
    private static final byte[] EDGES = "/0123456789:@AZ[_`az,;-\n\r\u0000".getBytes(StandardCharsets.ISO_8859_1);

    private final Random random = new Random(7);

    @Test
    void leadingDigitsCountsTheDigitsBeforeTheFirstOtherByte() {
        for (int i = 0; i < WORDS; i++) {
            byte[] bytes = randomWord();
            int expected = 0;
            while (expected < 8 && bytes[expected] >= '0' && bytes[expected] <= '9') {
                expected++;
            }
            assertEquals(expected, Swar.leadingDigits(Swar.word(bytes, 0)), () -> show(bytes));
        }
    }

    @Test
    void digitsValueIsTheDecimalValueOfTheLeadingDigits() {
        for (int i = 0; i < WORDS; i++) {
            byte[] bytes = randomWord();
            for (int j = 0; j < 8; j++) {
                bytes[j] = (byte) ('0' + random.nextInt(10));
            }
            for (int count = 0; count <= 8; count++) {
                long expected = count == 0 ? 0 : Long.parseLong(new String(bytes, 0, count, StandardCharsets.US_ASCII));
                assertEquals(expected, Swar.digitsValue(Swar.word(bytes, 0), count), show(bytes) + " count " + count);
            }
        }
    }

    @Test
    void shortDigitsValueIsTheValueOfUpToFourDigits() {
        for (int value = 0; value < 10_000; value++) {
            for (int count = Integer.toString(value).length(); count <= 4; count++) {
                String digits = String.format("%0" + count + "d", value) + ",;AZ_-9\n";
                byte[] bytes = digits.substring(0, 8).getBytes(StandardCharsets.US_ASCII);
                assertEquals(value, Swar.shortDigitsValue(Swar.word(bytes, 0), count), digits);
            }
        }
    }

    @Test
    void leadingLettersStopsAtDigitsAndDelimiters() {
        for (int i = 0; i < WORDS; i++) {
            byte[] bytes = randomWord();
            int expected = 0;
            while (expected < 8 && (bytes[expected] & 0x7F) >= 'A') {
                expected++;
            }
            assertEquals(expected, Swar.leadingLetters(Swar.word(bytes, 0)), () -> show(bytes));
        }
    }

    @Test
    void indexOfFindsTheFirstMatchInAnyRange() {
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = EDGES[random.nextInt(EDGES.length)];
            }
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            byte value = EDGES[random.nextInt(EDGES.length)];
            int expected = -1;
            for (int j = from; j < to && expected < 0; j++) {
                expected = bytes[j] == value ? j : -1;
            }
            assertEquals(expected, Swar.indexOf(bytes, from, to, value), show(bytes) + " " + from + ".." + to);
        }
    }

    @Test
    void wordBeforeFillsWhatIsPastTheEnd() {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Swar.word("23456789".getBytes(StandardCharsets.US_ASCII), 0), Swar.wordBefore(bytes, 2, 10, (byte) '!'));
        assertEquals(Swar.word("2345!!!!".getBytes(StandardCharsets.US_ASCII), 0), Swar.wordBefore(bytes, 2, 6, (byte) '!'));
        assertEquals(Swar.word("!!!!!!!!".getBytes(StandardCharsets.US_ASCII), 0), Swar.wordBefore(bytes, 6, 6, (byte) '!'));
    }

    private byte[] randomWord() {
        byte[] bytes = new byte[8];
        for (int j = 0; j < 8; j++) {
            bytes[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : EDGES[random.nextInt(EDGES.length)];
        }
        return bytes;
    }

    private static String show(byte[] bytes) {
        return NodeMessageDecoder.excerpt(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }
}
