package vigil.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;

/**
 * The straightforward decoder the benchmarks compare against: accumulate the bytes, cut lines,
 * {@code String.split} them, and copy the JPEG out of the accumulated array. It knows only
 * {@code ME_OD} and current-form {@code ME_FD}, and nothing of limits or recovery.
 */
final class BaselineDecoder {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    List<NodeMessage> feed(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        byte[] buffer = pending.toByteArray();
        List<NodeMessage> messages = new ArrayList<>();
        int start = 0;
        while (true) {
            int consumed = start + 6 <= buffer.length && buffer[start + 3] == 'F'
                    ? firstDetection(buffer, start, messages)
                    : line(buffer, start, messages);
            if (consumed < 0) {
                break;
            }
            start = consumed;
        }
        pending.reset();
        pending.write(buffer, start, buffer.length - start);
        return messages;
    }

    private static int line(byte[] buffer, int start, List<NodeMessage> messages) {
        int newline = indexOf(buffer, start, (byte) '\n');
        if (newline < 0) {
            return -1;
        }
        String line = new String(buffer, start, newline - start, StandardCharsets.UTF_8);
        String[] prefixAndData = line.split(":", 2);
        List<DetectedObject> objects = new ArrayList<>();
        for (String record : prefixAndData[1].split(";")) {
            String[] f = record.split(",");
            objects.add(new DetectedObject(Long.parseLong(f[0]), ObjectClass.fromWire(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Area.fromWire(f[4]), f.length > 5 ? Integer.valueOf(f[5]) : null));
        }
        messages.add(new ObjectSnapshot(objects));
        return newline + 1;
    }

    private static int firstDetection(byte[] buffer, int start, List<NodeMessage> messages) {
        int headerEnd = start;
        int commas = 0;
        while (headerEnd < buffer.length && commas < 8) {
            if (buffer[headerEnd++] == ',') {
                commas++;
            }
        }
        if (commas < 8 || headerEnd >= buffer.length) {
            return -1;
        }
        if ((buffer[headerEnd] & 0xFF) != 0xFF) {
            while (headerEnd < buffer.length && buffer[headerEnd++] != ',') {
                // a rescue level: the size is the next field
            }
        }
        String[] f = new String(buffer, start + 6, headerEnd - start - 7, StandardCharsets.UTF_8).split(",");
        int size = Integer.parseInt(f[f.length - 1]);
        if (headerEnd + size > buffer.length) {
            return -1;
        }
        byte[] image = Arrays.copyOfRange(buffer, headerEnd, headerEnd + size);
        messages.add(new FirstDetection(EventType.fromCode(Integer.parseInt(f[0])), Long.parseLong(f[1]),
                ObjectClass.fromWire(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Area.fromWire(f[5]),
                NodeTimestamp.parse(f[6]), f.length == 9 ? Integer.valueOf(f[7]) : null, Jpeg.wrapOwned(image)));
        int end = headerEnd + size;
        return end < buffer.length && buffer[end] == '\n' ? end + 1 : end;
    }

    private static int indexOf(byte[] buffer, int from, byte value) {
        for (int i = from; i < buffer.length; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
