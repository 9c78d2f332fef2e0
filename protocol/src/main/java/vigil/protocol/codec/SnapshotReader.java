package vigil.protocol.codec;

import java.util.List;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.ObjectClass;

/**
 * The fast path for {@code ME_OD}, the message that arrives 25 times a second with every alarming
 * object: each record is read in one pass, digits summed as they are met and names compared in
 * place, with no separate search for field boundaries. It reads only the well-formed current form;
 * anything else (a bad number, an old R/N state, an unknown class or area) makes it give up on the
 * record, and the field-by-field parser reads it instead, with its precise error messages.
 */
final class SnapshotReader {
    private static final int GIVE_UP = -1;

    private final byte[] bytes;
    private final int end;
    private int position;
    private long number;
    private int digits;
    /** What ended the last field: a comma, a semicolon, or 0 for the end of the data. */
    private byte delimiter;

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
        return position;
    }

    private DetectedObject record() {
        if (!number(false)) {
            return null;
        }
        long id = number;
        ObjectClass objectClass = name(FieldCursor.CLASS_NAMES, expectedClass());
        if (objectClass == null || !number(true)) {
            return null;
        }
        int x = (int) number;
        if (!number(true)) {
            return null;
        }
        int y = (int) number;
        Area area = name(FieldCursor.ZONE_NAMES, expectedZone());
        if (area == null) {
            return null;
        }
        Integer rescueLevel = null;
        if (delimiter == FieldCursor.FIELD) { // the area ended with a comma: a rescue level follows
            // 0-9 or 10 exactly, as the field parser reads it ("05" is not a level), and the record ends there
            boolean level = number(false) && (digits == 1 || (digits == 2 && number == 10));
            if (!level || delimiter == FieldCursor.FIELD) {
                return null;
            }
            rescueLevel = (int) number;
        }
        return new DetectedObject(id, objectClass, x, y, area, rescueLevel);
    }

    /**
     * Reads a decimal field and the delimiter after it (a comma or semicolon, or the end); false if
     * it is not one. Leaves the value in {@link #number}.
     */
    private boolean number(boolean signed) {
        int i = position;
        boolean negative = signed && i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < end) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        int count = i - digitsStart;
        if (count == 0 || count > (signed ? 9 : 18) || !delimiterAt(i)) {
            return false;
        }
        number = negative ? -value : value;
        digits = count;
        stepOver(i);
        return true;
    }

    /** Compares the expected name in place and steps over it and its delimiter; null if it is not there. */
    private <E extends Enum<E>> E name(byte[][] names, E expected) {
        if (expected == null) {
            return null;
        }
        byte[] name = names[expected.ordinal()];
        int nameEnd = position + name.length;
        if (nameEnd > end || !java.util.Arrays.equals(bytes, position, nameEnd, name, 0, name.length) || !delimiterAt(nameEnd)) {
            return null;
        }
        stepOver(nameEnd);
        return expected;
    }

    /** Moves past the delimiter at {@code index} (or the end of the data), remembering which it was. */
    private void stepOver(int index) {
        delimiter = index == end ? 0 : bytes[index];
        position = index + 1;
    }

    private boolean delimiterAt(int index) {
        return index == end || bytes[index] == FieldCursor.FIELD || bytes[index] == FieldCursor.RECORD;
    }

    private ObjectClass expectedClass() {
        return position < end ? FieldCursor.expectedClass(bytes, position, end) : null;
    }

    /** One of the eight zones; UNKNOWN and None are left to the field parser. */
    private Area expectedZone() {
        Area area = position < end ? FieldCursor.expectedArea(bytes, position, end) : null;
        return area != null && area.isZone() ? area : null;
    }
}
