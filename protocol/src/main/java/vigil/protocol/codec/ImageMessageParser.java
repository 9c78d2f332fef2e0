package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage.Failure;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;

/**
 * The three messages that carry a JPEG ({@code ME_FD}, {@code MR_OD:OK}, {@code LR_OI:OK}), in two
 * steps. {@link #scan} finds, from the header's structure alone, where the image starts and how long
 * it is, so that the decoder can wait for it, skip it, or refuse it before allocating anything.
 * {@link #parse} then reads the header's fields and takes the image.
 *
 * <p>The forms (PROTOCOL.md §2, §8): {@code ME_FD} has 8 or 9 header fields, or one fewer in the
 * form of nodes before 0.5, which also lack the event type of {@code MR_OD} and end its header with
 * {@code $$}. The old forms are told apart by where the class name stands: the second field is a
 * number (the object id) only in the current forms. Whether an {@code ME_FD} carries a rescue level
 * is told by the JPEG's first byte: if the byte after the field that follows the timestamp is
 * {@code 0xFF}, that field was the image size.
 */
final class ImageMessageParser {
    /** A header is a hundred bytes or so; this bounds the rescans while its bytes trickle in. */
    static final int MAX_HEADER_LENGTH = 1024;

    /**
     * Where a message's parts lie, as offsets from the message's first byte (the decoder's buffer may
     * be compacted between reads): the header's fields end at {@code headerEnd}, the image follows.
     */
    record Layout(int headerEnd, int imageStart, int imageSize, boolean oldForm, boolean hasRescueField) {
        int messageLength() {
            return imageStart + imageSize;
        }
    }

    private ImageMessageParser() {
    }

    /** How much of a message to hand {@link #scan}: its prefix, the longest header, and the byte after. */
    static int window(int dataStart) {
        return dataStart + MAX_HEADER_LENGTH + 2;
    }

    /**
     * Finds the layout of a message from its first bytes ({@code available} of them, from the
     * message's first byte; its data starts at {@code dataStart}), or returns null while the header
     * is incomplete. Throws for a header that cannot be one, or an image over the limit.
     */
    static Layout scan(MessageType type, byte[] bytes, int available, int dataStart, int maxImageSize) {
        Scanner scanner = new Scanner(bytes, available, dataStart);
        return switch (type) {
            case ME_FD -> scanFirstDetection(scanner, maxImageSize);
            case MR_OD -> scanObjectDetail(scanner, maxImageSize);
            case LR_OI -> scanObjectImage(scanner, maxImageSize);
            default -> throw new IllegalArgumentException(type + " carries no image");
        };
    }

    private static Layout scanFirstDetection(Scanner s, int maxImageSize) {
        if (!s.skipFields(2)) {
            return null;
        }
        boolean oldForm = !s.fieldIsDigits(1);
        int timestampIndex = oldForm ? 5 : 6;
        if (!s.skipFields(timestampIndex + 2 - s.fieldCount)) {
            return null;
        }
        if (!s.readable(s.position)) {
            return null;
        }
        boolean hasRescueField = (s.bytes[s.position] & 0xFF) != 0xFF;
        if (hasRescueField && !s.skipFields(1)) {
            return null;
        }
        return s.layout(s.fieldCount - 1, oldForm, hasRescueField, s.position, maxImageSize);
    }

    private static Layout scanObjectDetail(Scanner s, int maxImageSize) {
        if (!s.skipFields(3)) { // OK, and the two fields that tell the forms apart
            return null;
        }
        if (s.fieldIsDigits(2)) {
            return s.skipFields(4) ? s.layout(6, false, false, s.position, maxImageSize) : null;
        }
        int sizeIndex = 5;
        if (!s.skipFields(2)) {
            return null;
        }
        int sizeEnd = s.findDollarDollar();
        if (sizeEnd < 0) {
            return null;
        }
        s.fieldStarts[sizeIndex] = s.position;
        s.fieldEnds[sizeIndex] = sizeEnd;
        return s.layout(sizeIndex, true, false, sizeEnd + 2, maxImageSize);
    }

    private static Layout scanObjectImage(Scanner s, int maxImageSize) {
        return s.skipFields(2) ? s.layout(1, false, false, s.position, maxImageSize) : null;
    }

    /**
     * Reads the header's fields from {@code header} (the bytes from the message's data to its header
     * end, copied out by the decoder) and copies the image out of the buffer: its one and only copy.
     */
    static NodeMessage parse(MessageType type, ByteBuf buf, byte[] headerBytes, int headerLength, Layout layout) {
        FieldCursor header = new FieldCursor(headerBytes, 0, headerLength);
        NodeMessage message = switch (type) {
            case ME_FD -> firstDetection(header, layout, buf);
            case MR_OD -> objectDetail(header, layout, buf);
            case LR_OI -> {
                expectOk(header);
                header.nextLong("image size");
                yield new ObjectImage(image(buf, layout));
            }
            default -> throw new IllegalArgumentException(type + " carries no image");
        };
        header.expectRecordEnd("the header");
        return message;
    }

    private static FirstDetection firstDetection(FieldCursor header, Layout layout, ByteBuf buf) {
        EventType eventType = layout.oldForm() ? null : EventType.fromCode(header.nextInt("event type", 1, 3));
        long id = header.nextLong("object id");
        var objectClass = header.nextClass();
        int x = header.nextInt("x");
        int y = header.nextInt("y");
        var area = header.nextArea();
        var timestamp = header.nextTimestamp("timestamp");
        Integer rescueLevel = layout.hasRescueField() ? header.nextRescueLevel() : null;
        header.nextLong("image size");
        if (eventType == null) {
            eventType = EventType.inferred(objectClass, rescueLevel);
        }
        return new FirstDetection(eventType, id, objectClass, x, y, area, timestamp, rescueLevel, image(buf, layout));
    }

    private static ObjectDetail objectDetail(FieldCursor header, Layout layout, ByteBuf buf) {
        expectOk(header);
        EventType eventType = layout.oldForm() ? null : EventType.fromCode(header.nextInt("event type", 1, 3));
        long id = header.nextLong("object id");
        var objectClass = header.nextClass();
        var area = header.nextArea();
        var timestamp = header.nextTimestamp("timestamp");
        header.nextLong("image size");
        return new ObjectDetail(eventType, id, objectClass, area, timestamp, image(buf, layout));
    }

    private static void expectOk(FieldCursor header) {
        if (!header.next("status").fieldIs("OK")) {
            throw new MalformedMessageException("status must be OK: '" + header.fieldText() + "'");
        }
    }

    private static Jpeg image(ByteBuf buf, Layout layout) {
        byte[] bytes = new byte[layout.imageSize()];
        buf.getBytes(buf.readerIndex() + layout.imageStart(), bytes);
        return Jpeg.wrapOwned(bytes);
    }

    /** Whether the image's bytes start and end with a JPEG's markers, read in place. */
    static boolean hasJpegMarkers(ByteBuf buf, Layout layout) {
        int start = buf.readerIndex() + layout.imageStart();
        int end = buf.readerIndex() + layout.messageLength();
        return layout.imageSize() >= 4
                && buf.getUnsignedByte(start) == 0xFF && buf.getUnsignedByte(start + 1) == 0xD8
                && buf.getUnsignedByte(end - 2) == 0xFF && buf.getUnsignedByte(end - 1) == 0xD9;
    }

    /** Walks comma-terminated header fields in a copy of the message's first bytes, remembering where each lies. */
    private static final class Scanner {
        final byte[] bytes;
        final int available;
        final int dataStart;
        final int[] fieldStarts = new int[12];
        final int[] fieldEnds = new int[12];
        int fieldCount;
        int position;

        Scanner(byte[] bytes, int available, int dataStart) {
            this.bytes = bytes;
            this.available = available;
            this.dataStart = dataStart;
            this.position = dataStart;
        }

        boolean readable(int index) {
            return index < available;
        }

        /** Skips {@code count} fields each ended by a comma; false while the bytes are not all here. */
        boolean skipFields(int count) {
            for (int n = 0; n < count; n++) {
                int end = findByte(FieldCursor.FIELD);
                if (end < 0) {
                    return false;
                }
                fieldStarts[fieldCount] = position;
                fieldEnds[fieldCount] = end;
                fieldCount++;
                position = end + 1;
            }
            return true;
        }

        boolean fieldIsDigits(int index) {
            int start = fieldStarts[index];
            int end = fieldEnds[index];
            for (int i = start; i < end; i++) {
                byte b = bytes[i];
                if (b < '0' || b > '9') {
                    return false;
                }
            }
            return end > start;
        }

        /** The index of the {@code $$} that ends an old {@code MR_OD} header, or -1 for more bytes. */
        int findDollarDollar() {
            int end = findByte((byte) '$');
            if (end < 0 || !readable(end + 1)) {
                return -1;
            }
            if (bytes[end + 1] != '$') {
                throw new MalformedMessageException("the image size must be followed by $$");
            }
            return end;
        }

        private int findByte(byte wanted) {
            int limit = Math.min(available, dataStart + MAX_HEADER_LENGTH);
            for (int i = position; i < limit; i++) {
                byte b = bytes[i];
                if (b == wanted) {
                    return i;
                }
                if (b == '\n') {
                    throw new MalformedMessageException("the line ended before the image size");
                }
            }
            if (limit == dataStart + MAX_HEADER_LENGTH) {
                throw new MalformedMessageException(Failure.LINE_TOO_LONG,
                        "no image size in the first " + MAX_HEADER_LENGTH + " bytes of the header");
            }
            return -1;
        }

        Layout layout(int sizeIndex, boolean oldForm, boolean hasRescueField, int imageStart, int maxImageSize) {
            int start = fieldStarts[sizeIndex];
            int end = fieldEnds[sizeIndex];
            long size = FieldCursor.parseLong(bytes, start, end);
            if (size < 0) { // not a number, or a negative one
                throw new MalformedMessageException("image size is not a number: '"
                        + new String(bytes, start, end - start, StandardCharsets.UTF_8) + "'");
            }
            if (size > maxImageSize) {
                throw new MalformedMessageException(Failure.IMAGE_TOO_LARGE,
                        "image of " + size + " bytes is over the limit of " + maxImageSize);
            }
            return new Layout(end, imageStart, (int) size, oldForm, hasRescueField);
        }
    }
}
