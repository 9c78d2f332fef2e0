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
        if (digits == 0 || digits > 18 || fieldEnd != i) {
            throw new MalformedMessageException(what + " is not a number: '" + fieldText() + "'");
        }
        return negative ? -value : value;
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

    ObjectClass nextClass() {
        next("class");
        if (fieldEnd == fieldStart) {
            throw new MalformedMessageException("class is empty");
        }
        return classOf(bytes, fieldStart, fieldEnd);
    }

    Area nextArea() {
        next("area");
        if (fieldEnd == fieldStart) {
            throw new MalformedMessageException("area is empty");
        }
        return areaOf(bytes, fieldStart, fieldEnd);
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
        return equalsAscii(bytes, fieldStart, fieldEnd, ascii);
    }

    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** A decimal integer (optionally negative) of up to 18 digits, or {@link #NOT_A_NUMBER}. */
    static long parseLong(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end || end - i > 18) {
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
        return negative ? -value : value;
    }


    static Integer rescueLevelOf(byte[] bytes, int start, int end) {
        if (equalsAscii(bytes, start, end, "R") || equalsAscii(bytes, start, end, "rescue")) {
            return 1;
        }
        if (equalsAscii(bytes, start, end, "N") || equalsAscii(bytes, start, end, "none")) {
            return 0;
        }
        long level = parseLong(bytes, start, end);
        if (level < 0 || level > 10) {
            throw new MalformedMessageException("rescue level must be 0-10, R, N, rescue or none: '"
                    + new String(bytes, start, end - start, StandardCharsets.UTF_8) + "'");
        }
        return (int) level;
    }

    private static final byte[][] CLASS_NAMES = new byte[ObjectClass.values().length][];
    private static final byte[] AIRCRAFT = ascii("AIRCRAFT");
    private static final byte[][] ZONE_NAMES = new byte[Area.ZONES.size()][];

    static {
        for (ObjectClass objectClass : ObjectClass.values()) {
            CLASS_NAMES[objectClass.ordinal()] = ascii(objectClass.name());
        }
        for (Area zone : Area.ZONES) {
            ZONE_NAMES[zone.ordinal()] = ascii(zone.name());
        }
    }

    static ObjectClass classOf(byte[] bytes, int start, int end) {
        ObjectClass candidate = switch (end - start) {
            case 3 -> ObjectClass.FOD;
            case 4 -> ObjectClass.BIRD;
            case 6 -> bytes[start] == 'P' ? ObjectClass.PERSON : ObjectClass.ANIMAL;
            case 7 -> ObjectClass.VEHICLE;
            case 8 -> bytes[start + 1] == 'I' && bytes[start + 3] == 'C' ? null : ObjectClass.AIRPLANE;
            case 11 -> ObjectClass.WORK_PERSON;
            case 12 -> ObjectClass.WORK_VEHICLE;
            default -> ObjectClass.UNKNOWN;
        };
        if (candidate == null) {
            return equals(bytes, start, end, AIRCRAFT) ? ObjectClass.AIRPLANE : ObjectClass.UNKNOWN;
        }
        if (candidate == ObjectClass.UNKNOWN) {
            return candidate;
        }
        return equals(bytes, start, end, CLASS_NAMES[candidate.ordinal()]) ? candidate : ObjectClass.UNKNOWN;
    }

    static Area areaOf(byte[] bytes, int start, int end) {
        int length = end - start;
        Area candidate = null;
        if (length == 5) {
            byte letter = bytes[start + 4];
            if (bytes[start] == 'T' && letter >= 'A' && letter <= 'D') {
                candidate = Area.ZONES.get(letter - 'A');
            } else if (bytes[start] == 'R' && (letter == 'A' || letter == 'B')) {
                candidate = letter == 'A' ? Area.RWY_A : Area.RWY_B;
            }
        } else if (length == 7) {
            byte letter = bytes[start + 6];
            if (letter == 'A' || letter == 'B') {
                candidate = letter == 'A' ? Area.GRASS_A : Area.GRASS_B;
            }
        } else if (length == 4 && equalsAscii(bytes, start, end, "None")) {
            return Area.NONE;
        }
        return candidate != null && equals(bytes, start, end, ZONE_NAMES[candidate.ordinal()]) ? candidate : Area.UNKNOWN;
    }

    private static boolean equals(byte[] bytes, int start, int end, byte[] name) {
        return java.util.Arrays.equals(bytes, start, end, name, 0, name.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean equalsAscii(byte[] bytes, int start, int end, String ascii) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
