package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * Walks the fields of a message's data in place: fields end at {@code ,}, records at {@code ;}.
 * Numbers, classes and areas are read straight from the buffer's bytes, so the hot {@code ME_OD}
 * path makes no strings. Every read names the field it expected when it fails.
 */
final class FieldCursor {
    static final byte FIELD = ',';
    static final byte RECORD = ';';

    private final ByteBuf buf;
    private final int end;
    private int position;
    private int fieldStart;
    private int fieldEnd;
    private byte delimiter;
    private boolean atRecordStart = true;

    FieldCursor(ByteBuf buf, int start, int end) {
        this.buf = buf;
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
        if (position > end || (!atRecordStart && delimiter != FIELD)) {
            throw new MalformedMessageException("missing " + what);
        }
        atRecordStart = false;
        fieldStart = position;
        int i = position;
        byte found = 0;
        while (i < end) {
            byte b = buf.getByte(i);
            if (b == FIELD || b == RECORD) {
                found = b;
                break;
            }
            i++;
        }
        fieldEnd = i;
        delimiter = found;
        position = i + 1;
        return this;
    }

    /** Fails unless the last field ended its record (a {@code ;} or the end of the data). */
    void expectRecordEnd(String record) {
        if (delimiter == FIELD) {
            throw new MalformedMessageException(record + " has more fields than expected");
        }
    }

    long nextLong(String what) {
        next(what);
        return fieldAsLong(what);
    }

    int nextInt(String what) {
        next(what);
        long value = fieldAsLong(what);
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
        return classOf(buf, fieldStart, fieldEnd);
    }

    Area nextArea() {
        next("area");
        if (fieldEnd == fieldStart) {
            throw new MalformedMessageException("area is empty");
        }
        return areaOf(buf, fieldStart, fieldEnd);
    }

    /** A rescue level, 0–10, or the old {@code R}/{@code N}/{@code rescue}/{@code none} state (1 or 0). */
    Integer nextRescueLevel() {
        next("rescue level");
        return rescueLevelOf(buf, fieldStart, fieldEnd);
    }

    String fieldText() {
        return buf.toString(fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
    }

    boolean fieldIs(String ascii) {
        return equalsAscii(buf, fieldStart, fieldEnd, ascii);
    }

    private long fieldAsLong(String what) {
        long value = parseLong(buf, fieldStart, fieldEnd);
        if (value == NOT_A_NUMBER) {
            throw new MalformedMessageException(what + " is not a number: '" + fieldText() + "'");
        }
        return value;
    }

    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** A decimal integer (optionally negative) of up to 18 digits, or {@link #NOT_A_NUMBER}. */
    static long parseLong(ByteBuf buf, int start, int end) {
        int i = start;
        boolean negative = i < end && buf.getByte(i) == '-';
        if (negative) {
            i++;
        }
        if (i == end || end - i > 18) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    static boolean isDigits(ByteBuf buf, int start, int end) {
        return end > start && parseLong(buf, start, end) >= 0 && buf.getByte(start) != '-';
    }

    static Integer rescueLevelOf(ByteBuf buf, int start, int end) {
        if (equalsAscii(buf, start, end, "R") || equalsAscii(buf, start, end, "rescue")) {
            return 1;
        }
        if (equalsAscii(buf, start, end, "N") || equalsAscii(buf, start, end, "none")) {
            return 0;
        }
        long level = parseLong(buf, start, end);
        if (level < 0 || level > 10) {
            throw new MalformedMessageException("rescue level must be 0-10, R, N, rescue or none: '"
                    + buf.toString(start, end - start, StandardCharsets.UTF_8) + "'");
        }
        return (int) level;
    }

    static ObjectClass classOf(ByteBuf buf, int start, int end) {
        ObjectClass candidate = switch (end - start) {
            case 3 -> ObjectClass.FOD;
            case 4 -> ObjectClass.BIRD;
            case 6 -> buf.getByte(start) == 'P' ? ObjectClass.PERSON : ObjectClass.ANIMAL;
            case 7 -> ObjectClass.VEHICLE;
            case 8 -> ObjectClass.AIRPLANE;
            case 11 -> ObjectClass.WORK_PERSON;
            case 12 -> ObjectClass.WORK_VEHICLE;
            default -> null;
        };
        if (candidate == null) {
            return ObjectClass.UNKNOWN;
        }
        if (equalsAscii(buf, start, end, candidate.name())
                || (candidate == ObjectClass.AIRPLANE && equalsAscii(buf, start, end, "AIRCRAFT"))) {
            return candidate;
        }
        return ObjectClass.UNKNOWN;
    }

    static Area areaOf(ByteBuf buf, int start, int end) {
        int length = end - start;
        if (length == 5) {
            byte kind = buf.getByte(start);
            byte letter = buf.getByte(start + 4);
            if (kind == 'T' && equalsAscii(buf, start, start + 4, "TWY_") && letter >= 'A' && letter <= 'D') {
                return Area.ZONES.get(letter - 'A');
            }
            if (kind == 'R' && equalsAscii(buf, start, start + 4, "RWY_") && (letter == 'A' || letter == 'B')) {
                return letter == 'A' ? Area.RWY_A : Area.RWY_B;
            }
        } else if (length == 7) {
            byte letter = buf.getByte(start + 6);
            if (equalsAscii(buf, start, start + 6, "GRASS_") && (letter == 'A' || letter == 'B')) {
                return letter == 'A' ? Area.GRASS_A : Area.GRASS_B;
            }
        } else if (length == 4 && equalsAscii(buf, start, end, "None")) {
            return Area.NONE;
        }
        return Area.UNKNOWN;
    }

    static boolean equalsAscii(ByteBuf buf, int start, int end, String ascii) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf.getByte(start + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
