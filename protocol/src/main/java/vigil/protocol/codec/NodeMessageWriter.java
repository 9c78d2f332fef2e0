package vigil.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.BirdRiskLog;
import vigil.protocol.wire.CameraStarted;
import vigil.protocol.wire.CameraStopped;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.PilotRequestLog;
import vigil.protocol.wire.RunwayStateChanged;

/**
 * Writes a node's messages byte for byte as PROTOCOL.md gives them. Access replies are written in
 * the dialect they carry; {@code newlineAfterFirstDetection} false writes {@code ME_FD} as nodes
 * before 0.95 did, with nothing after the JPEG. An {@link ObjectDetail} without an event type is
 * written in the form of nodes before 0.5.
 */
public final class NodeMessageWriter {
    private final boolean newlineAfterFirstDetection;

    public NodeMessageWriter(boolean newlineAfterFirstDetection) {
        this.newlineAfterFirstDetection = newlineAfterFirstDetection;
    }

    public void write(NodeMessage message, ByteBuf out) {
        switch (message) {
            case ObjectSnapshot snapshot -> writeSnapshot(snapshot, out);
            case FirstDetection detection -> writeFirstDetection(detection, out);
            case BirdRiskChanged change -> line(out, "ME_BR:" + change.risk().code());
            case RunwayStateChanged change -> line(out, change.type() + ":" + change.state().code());
            case AuthorityLevels levels -> line(out, levels.dialect() == Dialect.AH
                    ? "AH_AC:" + codes(levels.levels())
                    : "AR_AC:OK," + codes(levels.levels()));
            case AuthorityUpdated updated -> line(out, prefix(updated.dialect(), "UA") + "OK");
            case CameraStarted started -> line(out, started.type() + ":OK");
            case CameraStopped stopped -> line(out, "MR_MP:OK");
            case ObjectDetail detail -> writeObjectDetail(detail, out);
            case ObjectImage image -> {
                ascii(out, "LR_OI:OK," + image.image().size() + ",");
                out.writeBytes(image.image().asReadOnlyBuffer());
            }
            case ObjectLog log -> history(out, "LR_OL", log.entries(), entry -> String.join(",",
                    entry.eventType().name(), Long.toString(entry.objectId()), entry.objectClass().name(),
                    entry.area().wireName(), entry.timestamp().text()));
            case BirdRiskLog log -> history(out, "LR_BL", log.entries(), entry ->
                    entry.risk().code() + "," + entry.timestamp().text());
            case PilotRequestLog log -> history(out, "LR_RL", log.entries(), entry -> String.join(",",
                    Integer.toString(entry.request().code()), Integer.toString(entry.response().code()),
                    entry.requestTime().text(), entry.responseTime().text()));
            case ErrorReply error -> line(out, error.code() == null
                    ? prefix(error.dialect(), "UA") + "ERROR"
                    : (error.dialect() == Dialect.AH ? "AH_" + error.replyType().name().substring(3) : error.replyType().name())
                            + ":ERR," + error.code());
            case CommandRejected rejected -> line(out, rejected.type() + ":" + rejected.text());
            case InvalidMessage invalid -> throw new IllegalArgumentException("an invalid message has no wire form");
        }
    }

    private static void writeSnapshot(ObjectSnapshot snapshot, ByteBuf out) {
        ascii(out, "ME_OD:");
        List<DetectedObject> objects = snapshot.objects();
        for (int i = 0; i < objects.size(); i++) {
            DetectedObject object = objects.get(i);
            if (i > 0) {
                out.writeByte(FieldCursor.RECORD);
            }
            ascii(out, object.id() + "," + object.objectClass().name() + "," + object.x() + "," + object.y() + ","
                    + object.area().wireName() + (object.rescueLevel() == null ? "" : "," + object.rescueLevel()));
        }
        out.writeByte('\n');
    }

    private void writeFirstDetection(FirstDetection detection, ByteBuf out) {
        ascii(out, "ME_FD:" + detection.eventType().code() + "," + detection.objectId() + ","
                + detection.objectClass().name() + "," + detection.x() + "," + detection.y() + ","
                + detection.area().wireName() + "," + detection.timestamp().text() + ","
                + (detection.rescueLevel() == null ? "" : detection.rescueLevel() + ",")
                + detection.image().size() + ",");
        out.writeBytes(detection.image().asReadOnlyBuffer());
        if (newlineAfterFirstDetection) {
            out.writeByte('\n');
        }
    }

    private static void writeObjectDetail(ObjectDetail detail, ByteBuf out) {
        Jpeg image = detail.image();
        String fields = detail.objectId() + "," + detail.objectClass().name() + "," + detail.area().wireName() + ","
                + detail.timestamp().text() + "," + image.size();
        ascii(out, detail.eventType() == null
                ? "MR_OD:OK," + fields + "$$"
                : "MR_OD:OK," + detail.eventType().code() + "," + fields + ",");
        out.writeBytes(image.asReadOnlyBuffer());
    }

    private interface RecordWriter<T> {
        String fields(T entry);
    }

    private static <T> void history(ByteBuf out, String prefix, List<T> entries, RecordWriter<T> writer) {
        ascii(out, prefix + ":OK,");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.writeByte(FieldCursor.RECORD);
            }
            out.writeCharSequence(writer.fields(entries.get(i)), StandardCharsets.UTF_8);
        }
        out.writeByte('\n');
    }

    private static String prefix(Dialect dialect, String command) {
        return (dialect == Dialect.AH ? "AH_" : "AR_") + command + ":";
    }

    private static String codes(List<AuthorityLevel> levels) {
        StringBuilder text = new StringBuilder(15);
        for (AuthorityLevel level : levels) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(level.code());
        }
        return text.toString();
    }

    private static void line(ByteBuf out, String text) {
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }

    private static void ascii(ByteBuf out, String text) {
        ByteBufUtil.writeAscii(out, text);
    }
}
