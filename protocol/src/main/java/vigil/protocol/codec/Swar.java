package vigil.protocol.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time in one {@code long} ("SIMD within a register"): finding a byte, counting
 * leading digits and summing them without a branch or a loop per byte. Words are little-endian, so
 * a word's first byte in the data is its lowest byte, and the first match is its lowest set bit.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;
    private static final long ZEROS = '0' * ONES;
    private static final long SIXES = 6 * ONES;

    private Swar() {
    }

    /** The eight bytes from {@code index}; the caller makes sure they are all in the array. */
    static long word(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** The eight bytes from {@code index}, with {@code filler} in the place of any at or after {@code end}. */
    static long wordBefore(byte[] bytes, int index, int end, byte filler) {
        if (index + Long.BYTES <= end) {
            return word(bytes, index);
        }
        long word = (filler & 0xFFL) * ONES;
        for (int i = index; i < end; i++) {
            int shift = (i - index) << 3;
            word = word & ~(0xFFL << shift) | (bytes[i] & 0xFFL) << shift;
        }
        return word;
    }

    /** The index of the first {@code value} in {@code bytes[from, to)}, or -1. */
    static int indexOf(byte[] bytes, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long matches = zeroBytes(word(bytes, i) ^ pattern);
            if (matches != 0) {
                return i + (Long.numberOfTrailingZeros(matches) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The high bit of each zero byte; a byte above a zero byte may be marked too (a borrow), so only
     * the lowest mark is exact, which is the one wanted.
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }

    /** How many bytes, from the word's first, are ASCII digits: 0–8. */
    static int leadingDigits(long word) {
        // A byte is a digit when neither b - '0' nor b - '0' + 6 leaves its low nibble. Borrows and
        // carries move upwards only, so they blur just the bytes after the first non-digit.
        long values = word - ZEROS;
        long nonDigits = (values | (values + SIXES)) & HIGH_NIBBLES;
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /**
     * How many bytes, from the word's first, could be in a name: 0–8. Names are capitals and
     * {@code _}; a byte is counted when its low seven bits are at least {@code A}, so digits and
     * delimiters end a name, and anything else that passes is refused when the name is compared.
     */
    static int leadingLetters(long word) {
        long atLeastA = ((word | HIGH_BITS) - 'A' * ONES) & HIGH_BITS;
        return Long.numberOfTrailingZeros(~atLeastA & HIGH_BITS) >>> 3;
    }

    /** The value of the word's first {@code count} (0–8) bytes, all ASCII digits; 0 for none. */
    static long digitsValue(long word, int count) {
        // The digits go to the top of the word and zeros (leading zeros) fill the bytes below; then
        // pairs, quads and the eight are summed in three multiplications. The shift is made in two
        // halves because Java shifts a long by 64 as by 0.
        int shift = (Long.BYTES - count) << 3;
        long digits = (word & LOW_NIBBLES) << (shift >>> 1) << (shift - (shift >>> 1));
        digits = (digits * 10 + (digits >>> 8)) & 0x00FF00FF00FF00FFL;
        digits = (digits * 100 + (digits >>> 16)) & 0x0000FFFF0000FFFFL;
        return (digits * 10000 + (digits >>> 32)) & 0xFFFFFFFFL;
    }

    /**
     * The value of the word's first {@code count} (1–4) bytes, all ASCII digits: a map coordinate or a
     * rescue level, in two multiplications on an int rather than three on a long (the reader, 2 ns a
     * record less).
     */
    static int shortDigitsValue(long word, int count) {
        int digits = ((int) word & 0x0F0F0F0F) << ((Integer.BYTES - count) << 3);
        digits = (digits * 10 + (digits >>> 8)) & 0x00FF00FF;
        return (digits * 100 + (digits >>> 16)) & 0xFFFF;
    }
}
