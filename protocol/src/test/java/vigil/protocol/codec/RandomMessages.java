package vigil.protocol.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.BirdRiskLog;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.CameraStarted;
import vigil.protocol.wire.CameraStopped;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.PilotRequestLog;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

/** Random valid node messages: every type and form the writer can produce, with hostile payloads. */
final class RandomMessages {
    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    List<NodeMessage> sequence(int length) {
        List<NodeMessage> messages = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            messages.add(next());
        }
        return messages;
    }

    NodeMessage next() {
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> new ObjectSnapshot(list(random.nextInt(1, 12), this::detectedObject));
            case 3 -> new FirstDetection(pick(EventType.values()), id(), objectClass(), coordinate(), coordinate(),
                    area(), timestamp(), random.nextBoolean() ? random.nextInt(11) : null, jpeg());
            case 4 -> new BirdRiskChanged(pick(BirdRisk.values()));
            case 5 -> new RunwayStateChanged(pick(Runway.values()), pick(RunwayState.values()));
            case 6 -> new AuthorityLevels(pick(Dialect.values()), list(8, () -> pick(AuthorityLevel.values())));
            case 7 -> new AuthorityUpdated(pick(Dialect.values()));
            case 8 -> random.nextBoolean() ? new CameraStarted(pick(Camera.values())) : new CameraStopped();
            case 9 -> new ObjectDetail(random.nextBoolean() ? null : pick(EventType.values()), id(), objectClass(),
                    area(), timestamp(), jpeg());
            case 10 -> new ObjectImage(jpeg());
            case 11 -> new ObjectLog(list(random.nextInt(0, 6), () -> new ObjectLog.Entry(pick(EventType.values()),
                    id(), objectClass(), area(), timestamp())));
            case 12 -> new BirdRiskLog(list(random.nextInt(0, 6), () -> new BirdRiskLog.Entry(pick(BirdRisk.values()), timestamp())));
            case 13 -> new PilotRequestLog(list(random.nextInt(0, 6), () -> new PilotRequestLog.Entry(
                    pick(PilotRequestLog.Request.values()), pick(PilotRequestLog.Response.values()), timestamp(), timestamp())));
            case 14 -> errorReply();
            default -> new CommandRejected(pick(new MessageType[] {MessageType.AR_ERROR, MessageType.MR_ERROR, MessageType.LR_ERROR}),
                    pick(new String[] {"unknown command", "", "bad: AC_XX, really; no"}));
        };
    }

    private ErrorReply errorReply() {
        MessageType type = pick(new MessageType[] {MessageType.AR_AC, MessageType.AR_UA, MessageType.MR_CA,
                MessageType.MR_OD, MessageType.LR_OL, MessageType.LR_BL, MessageType.LR_RL, MessageType.LR_OI});
        Dialect dialect = type == MessageType.AR_AC || type == MessageType.AR_UA ? pick(Dialect.values()) : Dialect.AR;
        Integer code = type == MessageType.AR_UA && random.nextInt(4) == 0 ? null : random.nextInt(1, 6);
        return new ErrorReply(type, dialect, code);
    }

    private DetectedObject detectedObject() {
        ObjectClass objectClass = objectClass();
        return new DetectedObject(id(), objectClass, coordinate(), coordinate(), area(),
                objectClass == ObjectClass.PERSON || random.nextInt(5) == 0 ? random.nextInt(11) : null);
    }

    /** Small ids as simulated nodes send them, real 14–16 digit ones, and the edges of a long. */
    private long id() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong(1, 1000);
            case 1 -> random.nextLong(10_000_000_000_000L, 9_999_999_999_999_999L);
            case 2 -> random.nextLong(100_000_000_000_000_000L, Long.MAX_VALUE);
            default -> pick(ID_EDGES);
        };
    }

    private static final Long[] ID_EDGES = {0L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    private ObjectClass objectClass() {
        return pick(ObjectClass.values());
    }

    private Area area() {
        return pick(Area.values());
    }

    private int coordinate() {
        return random.nextInt(10) == 0 ? -1 : random.nextInt(-50, 1100);
    }

    private NodeTimestamp timestamp() {
        return switch (random.nextInt(6)) {
            case 0 -> NodeTimestamp.parse("");
            case 1 -> NodeTimestamp.parse("not-a-time");
            default -> NodeTimestamp.of(Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 1_900_000_000L)));
        };
    }

    private vigil.protocol.wire.Jpeg jpeg() {
        return random.nextInt(4) == 0 ? TestJpegs.hostile(random.nextInt(60, 400)) : TestJpegs.jpeg(random.nextInt(4, 600), random.nextLong());
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> List<T> list(int size, java.util.function.Supplier<T> element) {
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }
}
