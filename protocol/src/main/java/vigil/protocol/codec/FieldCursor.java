package vigil.protocol.codec;

import java.nio.charset.StandardCharsets;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * Walks the fields of a message's data: fields end at {@code ,}, records at {@code ;}. It reads a
 * plain array (the decoder copies each line out of its buffer in one bulk copy, because a
 * {@code ByteBuf} checks its reference count and bounds on every single-byte read); numbers,
 * classes and areas are read straight from the bytes, so the hot {@code ME_OD} path makes no
 * strings. Every read names the field it expected when it fails.
 */
final class FieldCursor {
    static final byte FIELD = ',';
    static final byte RECORD = ';';

    private final byte[] bytes;
    private final int end;
    private int position;
    private int fieldStart;
    private int fieldEnd;
    private byte delimiter;
    private boolean atRecordStart = true;

    FieldCursor(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** Whether any data is left after the last field and its delimiter. */
    boolean hasMore() {
        return position < end;
    }

    /** Whether the last field was followed by another field of the same record. */
    boolean fieldFollows() {
        return delimiter == FIELD;
    }

    /** Treats a {@code ,} that ends the data as ending it, as in {@code OK,} with no records. */
    void acceptEmptyLastField() {
        if (position >= end && delimiter == FIELD) {
            delimiter = 0;
        }
    }

    /** Starts the next record: its first field may follow a {@code ;}. */
    void beginRecord() {
        atRecordStart = true;
    }

    /** Advances over the next field of the current record. */
    FieldCursor next(String what) {
        startField(what);
        endFieldAt(position);
        return this;
    }

    private void startField(String what) {
        if (position > end || (!atRecordStart && delimiter != FIELD)) {
            throw new MalformedMessageException("missing " + what);
        }
        atRecordStart = false;
        fieldStart = position;
    }

    /** Ends the current field at the first delimiter from {@code from} on. */
    private void endFieldAt(int from) {
        int i = from;
        byte found = 0;
        while (i < end) {
            byte b = bytes[i];
            if (b == FIELD || b == RECORD) {
                found = b;
                break;
            }
            i++;
        }
        fieldEnd = i;
        delimiter = found;
        position = i + 1;
    }

    /** Fails unless the last field ended its record (a {@code ;} or the end of the data). */
    void expectRecordEnd(String record) {
        if (delimiter == FIELD) {
            throw new MalformedMessageException(record + " has more fields than expected");
        }
    }

    /** Reads a decimal field in one pass: the digits are summed as the delimiter is sought. */
    long nextLong(String what) {
        startField(what);
        int i = position;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) { // ',' and ';' lie outside '0'-'9': the field ends here, or it is bad
                break;
            }
            value = value * 10 + digit;
        }
        int digits = i - digitsStart;
        endFieldAt(i);
        if (digits == 0 || fieldEnd != i) {
            throw new MalformedMessageException(what + " is not a number: '" + fieldText() + "'");
        }
        if (!fitsLong(value, significantDigits(bytes, digitsStart, digits), negative)) {
            throw new MalformedMessageException(what + " does not fit a 64-bit integer: '" + fieldText() + "'");
        }
        return negative ? -value : value;
    }

    /**
     * Whether {@code digits} decimal digits, summed into {@code magnitude} with wrap-around, are a
     * {@code long}. Up to 18 digits always are; 19 digits never exceed 2⁶⁴, so their sum is exact
     * read unsigned, and fits when it is at most {@code Long.MAX_VALUE} (one more when negative).
     */
    static boolean fitsLong(long magnitude, int digits, boolean negative) {
        return digits < MAX_LONG_DIGITS
                || digits == MAX_LONG_DIGITS && (magnitude >= 0 || negative && magnitude == Long.MIN_VALUE);
    }

    /** The digits without the leading zeros, which add nothing to a sum; counted only where they could matter. */
    private static int significantDigits(byte[] bytes, int start, int digits) {
        int significant = digits;
        for (int i = start; significant > MAX_LONG_DIGITS && bytes[i] == '0'; i++) {
            significant--;
        }
        return significant;
    }

    int nextInt(String what) {
        long value = nextLong(what);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new MalformedMessageException(what + " is out of range: '" + fieldText() + "'");
        }
        return (int) value;
    }

    int nextInt(String what, int min, int max) {
        int value = nextInt(what);
        if (value < min || value > max) {
            throw new MalformedMessageException(what + " must be " + min + "-" + max + ": '" + fieldText() + "'");
        }
        return value;
    }

    String nextText(String what) {
        next(what);
        return fieldText();
    }

    NodeTimestamp nextTimestamp(String what) {
        return NodeTimestamp.parse(nextText(what));
    }

    /**
     * Reads a class name in one pass: the first bytes say which name it must be, that name is
     * compared in place, and the byte after it must end the field. Anything else is UNKNOWN.
     */
    ObjectClass nextClass() {
        startField("class");
        ObjectClass expected = position < end ? expectedClass(bytes, position, end) : null;
        if (expected != null && matchName(CLASS_NAMES[expected.ordinal()])) {
            return expected;
        }
        if (expected == ObjectClass.AIRPLANE && matchName(AIRCRAFT)) {
            return ObjectClass.AIRPLANE;
        }
        endFieldAt(position);
        if (fieldEnd == fieldStart) {
            throw new MalformedMessageException("class is empty");
        }
        return ObjectClass.UNKNOWN;
    }

    /** Reads an area name in one pass, as {@link #nextClass()} reads a class. */
    Area nextArea() {
        startField("area");
        Area expected = position < end ? expectedArea(bytes, position, end) : null;
        if (expected != null && matchName(expected == Area.NONE ? NONE_AREA : ZONE_NAMES[expected.ordinal()])) {
            return expected;
        }
        endFieldAt(position);
        if (fieldEnd == fieldStart) {
            throw new MalformedMessageException("area is empty");
        }
        return Area.UNKNOWN;
    }

    /** Whether the field is exactly {@code name}; if so, the cursor moves past it. */
    private boolean matchName(byte[] name) {
        int nameEnd = position + name.length;
        if (nameEnd > end || !java.util.Arrays.equals(bytes, position, nameEnd, name, 0, name.length)) {
            return false;
        }
        byte after = nameEnd < end ? bytes[nameEnd] : 0;
        if (after != 0 && after != FIELD && after != RECORD) {
            return false;
        }
        fieldEnd = nameEnd;
        delimiter = after;
        position = nameEnd + 1;
        return true;
    }

    /** The only class a name starting at {@code start} can be, from its first bytes; null for none. */
    private static ObjectClass expectedClass(byte[] bytes, int start, int end) {
        return switch (bytes[start]) {
            case 'B' -> ObjectClass.BIRD;
            case 'F' -> ObjectClass.FOD;
            case 'P' -> ObjectClass.PERSON;
            case 'V' -> ObjectClass.VEHICLE;
            case 'A' -> start + 1 < end && bytes[start + 1] == 'N' ? ObjectClass.ANIMAL : ObjectClass.AIRPLANE;
            case 'W' -> start + 5 < end && bytes[start + 5] == 'V' ? ObjectClass.WORK_VEHICLE : ObjectClass.WORK_PERSON;
            default -> null;
        };
    }

    private static Area expectedArea(byte[] bytes, int start, int end) {
        byte kind = bytes[start];
        if (kind == 'N') {
            return Area.NONE;
        }
        if (kind == 'G') {
            byte letter = start + 6 < end ? bytes[start + 6] : 0;
            return letter == 'A' ? Area.GRASS_A : letter == 'B' ? Area.GRASS_B : null;
        }
        byte letter = start + 4 < end ? bytes[start + 4] : 0;
        if (kind == 'T' && letter >= 'A' && letter <= 'D') {
            return Area.ZONES.get(letter - 'A');
        }
        if (kind == 'R' && (letter == 'A' || letter == 'B')) {
            return letter == 'A' ? Area.RWY_A : Area.RWY_B;
        }
        return null;
    }

    /** A rescue level, 0–10, or the old {@code R}/{@code N}/{@code rescue}/{@code none} state (1 or 0). */
    Integer nextRescueLevel() {
        next("rescue level");
        return rescueLevelOf(bytes, fieldStart, fieldEnd);
    }

    String fieldText() {
        return new String(bytes, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
    }

    boolean fieldIs(String ascii) {
        return equals(bytes, fieldStart, fieldEnd, ascii(ascii));
    }

    static final long NOT_A_NUMBER = Long.MIN_VALUE;
    /** The most digits a {@code long} has. */
    static final int MAX_LONG_DIGITS = 19;

    /** A decimal integer (optionally negative) that fits a {@code long}, or {@link #NOT_A_NUMBER}. */
    static long parseLong(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        if (i == end) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        return fitsLong(value, significantDigits(bytes, digitsStart, end - digitsStart), negative)
                ? (negative ? -value : value) : NOT_A_NUMBER;
    }

    private static final byte[] RESCUE_STATE = ascii("rescue");
    private static final byte[] NONE_STATE = ascii("none");

    /** 0–10 as nodes send it, read first; the old states R and rescue (1), N and none (0) after. */
    static Integer rescueLevelOf(byte[] bytes, int start, int end) {
        int length = end - start;
        int first = length > 0 ? bytes[start] - '0' : -1;
        if (length == 1 && first >= 0 && first <= 9) {
            return first;
        }
        if (length == 2 && first == 1 && bytes[start + 1] == '0') {
            return 10;
        }
        if (length == 1 && (bytes[start] == 'R' || bytes[start] == 'N')) {
            return bytes[start] == 'R' ? 1 : 0;
        }
        if (equals(bytes, start, end, RESCUE_STATE)) {
            return 1;
        }
        if (equals(bytes, start, end, NONE_STATE)) {
            return 0;
        }
        throw new MalformedMessageException("rescue level must be 0-10, R, N, rescue or none: '"
                + new String(bytes, start, length, StandardCharsets.UTF_8) + "'");
    }

    private static final byte[][] CLASS_NAMES = new byte[ObjectClass.values().length][];
    private static final byte[] AIRCRAFT = ascii("AIRCRAFT");
    private static final byte[] NONE_AREA = ascii("None");
    private static final byte[][] ZONE_NAMES = new byte[Area.ZONES.size()][];

    static {
        for (ObjectClass objectClass : ObjectClass.values()) {
            CLASS_NAMES[objectClass.ordinal()] = ascii(objectClass.name());
        }
        for (Area zone : Area.ZONES) {
            ZONE_NAMES[zone.ordinal()] = ascii(zone.name());
        }
    }

    private static boolean equals(byte[] bytes, int start, int end, byte[] name) {
        return java.util.Arrays.equals(bytes, start, end, name, 0, name.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
