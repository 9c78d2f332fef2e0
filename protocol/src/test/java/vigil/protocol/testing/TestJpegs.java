package vigil.protocol.testing;

import java.util.Random;
import vigil.protocol.wire.Jpeg;

/**
 * JPEG-shaped byte arrays for codec tests: the start and end markers around random bytes, so that
 * the payload holds newlines, commas, {@code FF} bytes and prefix-like text, as real JPEGs do.
 */
public final class TestJpegs {

    private TestJpegs() {
    }

    public static byte[] bytes(int size, long seed) {
        if (size < 4) {
            throw new IllegalArgumentException("a JPEG has at least its four marker bytes");
        }
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[size - 2] = (byte) 0xFF;
        bytes[size - 1] = (byte) 0xD9;
        return bytes;
    }

    public static Jpeg jpeg(int size, long seed) {
        return Jpeg.wrapOwned(bytes(size, seed));
    }

    /** A payload full of the bytes a careless decoder would stop at. */
    public static Jpeg hostile(int size) {
        byte[] bytes = bytes(size, 0);
        byte[] traps = "\nME_OD:1,BIRD,1,1,RWY_A\n,;$$\r\n\u00FF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 2; i + traps.length < size - 2; i += traps.length + 7) {
            System.arraycopy(traps, 0, bytes, i, traps.length);
        }
        return Jpeg.wrapOwned(bytes);
    }
}
