package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;

/** The byte streams the codec benchmarks decode, shared with the test that keeps the baseline honest. */
final class BenchmarkStreams {
    static final int SNAPSHOTS = 500;
    static final int OBJECTS_PER_SNAPSHOT = 40;
    static final int DETECTIONS = 300;
    /** A busy link delivers reads of this size. */
    static final int READ_SIZE = 16 * 1024;

    private BenchmarkStreams() {
    }

    static List<NodeMessage> snapshots() {
        Random random = new Random(1);
        List<NodeMessage> messages = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS; i++) {
            List<DetectedObject> objects = new ArrayList<>();
            for (int j = 0; j < OBJECTS_PER_SNAPSHOT; j++) {
                ObjectClass objectClass = ObjectClass.values()[random.nextInt(8)];
                objects.add(new DetectedObject(175124638568410L + j, objectClass, random.nextInt(960), random.nextInt(720),
                        Area.ZONES.get(random.nextInt(8)), objectClass == ObjectClass.PERSON ? random.nextInt(11) : null));
            }
            messages.add(new ObjectSnapshot(objects));
        }
        return messages;
    }

    static List<NodeMessage> firstDetections() {
        Random random = new Random(2);
        List<NodeMessage> messages = new ArrayList<>();
        for (int i = 0; i < DETECTIONS; i++) {
            ObjectClass objectClass = ObjectClass.values()[random.nextInt(8)];
            messages.add(new FirstDetection(EventType.values()[random.nextInt(3)], 175124638568410L + i, objectClass,
                    random.nextInt(960), random.nextInt(720), Area.ZONES.get(random.nextInt(8)),
                    NodeTimestamp.of(Instant.ofEpochSecond(1_751_000_000L + i)),
                    objectClass.canFall() ? random.nextInt(11) : null, TestJpegs.jpeg(random.nextInt(1000, 5000), i)));
        }
        return messages;
    }

    static byte[] encode(List<NodeMessage> messages) {
        ByteBuf out = Unpooled.buffer();
        NodeMessageWriter writer = new NodeMessageWriter(true);
        messages.forEach(message -> writer.write(message, out));
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }
}
