package vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

/** The keys of {@code vigil tap}'s output are a contract for scripts: pinned here, one type at a time. */
class MessageJsonTest {
    private static final Jpeg CROP = TestJpegs.jpeg(1098, 1);
    private static final String HASH = CROP.sha256Hex();

    @Test
    void events() {
        assertEquals("{\"type\":\"ME_OD\",\"objects\":[{\"id\":17510203858541,\"class\":\"WORK_PERSON\",\"x\":332,\"y\":380,\"area\":\"RWY_B\",\"rescueLevel\":null},"
                        + "{\"id\":17510203858245,\"class\":\"PERSON\",\"x\":-1,\"y\":-1,\"area\":\"UNKNOWN\",\"rescueLevel\":0}]}",
                MessageJson.toJson(new ObjectSnapshot(List.of(
                        new DetectedObject(17510203858541L, ObjectClass.WORK_PERSON, 332, 380, Area.RWY_B, null),
                        new DetectedObject(17510203858245L, ObjectClass.PERSON, -1, -1, Area.UNKNOWN, 0)))));
        assertEquals("{\"type\":\"ME_FD\",\"eventType\":\"RESCUE\",\"id\":175125938503612,\"class\":\"PERSON\",\"x\":407,\"y\":469,"
                        + "\"area\":\"RWY_B\",\"timestamp\":\"2025-06-30T04:56:25Z\",\"rescueLevel\":1,\"imageSize\":1098,\"imageSha256\":\"" + HASH + "\"}",
                MessageJson.toJson(new FirstDetection(EventType.RESCUE, 175125938503612L, ObjectClass.PERSON, 407, 469,
                        Area.RWY_B, NodeTimestamp.parse("2025-06-30T04:56:25Z"), 1, CROP)));
        assertEquals("{\"type\":\"ME_BR\",\"level\":2}", MessageJson.toJson(new BirdRiskChanged(BirdRisk.MEDIUM)));
        assertEquals("{\"type\":\"ME_RB\",\"state\":1}", MessageJson.toJson(new RunwayStateChanged(Runway.B, RunwayState.WARNING)));
    }

    @Test
    void replies() {
        assertEquals("{\"type\":\"AR_AC\",\"dialect\":\"AH\",\"ok\":true,\"levels\":[3,3,3,3,3,3,3,3]}",
                MessageJson.toJson(new AuthorityLevels(Dialect.AH, Collections.nCopies(8, AuthorityLevel.NO_ENTRY))));
        assertEquals("{\"type\":\"AR_UA\",\"ok\":true}", MessageJson.toJson(new AuthorityUpdated(Dialect.AR)));
        assertEquals("{\"type\":\"AR_UA\",\"ok\":false,\"error\":4}", MessageJson.toJson(new ErrorReply(MessageType.AR_UA, Dialect.AR, 4)));
        assertEquals("{\"type\":\"AR_UA\",\"dialect\":\"AH\",\"ok\":false,\"error\":null}",
                MessageJson.toJson(new ErrorReply(MessageType.AR_UA, Dialect.AH, null)));
        assertEquals("{\"type\":\"MR_OD\",\"ok\":false,\"error\":3}", MessageJson.toJson(new ErrorReply(MessageType.MR_OD, Dialect.AR, 3)));
        assertEquals("{\"type\":\"MR_OD\",\"ok\":true,\"eventType\":\"HAZARD\",\"id\":17512641742901,\"class\":\"ANIMAL\",\"area\":\"None\","
                        + "\"timestamp\":\"2025-06-30T15:16:14Z\",\"imageSize\":1098,\"imageSha256\":\"" + HASH + "\"}",
                MessageJson.toJson(new ObjectDetail(EventType.HAZARD, 17512641742901L, ObjectClass.ANIMAL, Area.NONE,
                        NodeTimestamp.parse("2025-06-30T15:16:14Z"), CROP)));
        assertEquals("{\"type\":\"LR_OI\",\"ok\":true,\"imageSize\":1098,\"imageSha256\":\"" + HASH + "\"}",
                MessageJson.toJson(new ObjectImage(CROP)));
        assertEquals("{\"type\":\"LR_OL\",\"ok\":true,\"records\":[[\"UNAUTH\",\"1751250790995189\",\"WORK_PERSON\",\"RWY_B\",\"2025-06-30T11:33:11Z\"]]}",
                MessageJson.toJson(new ObjectLog(List.of(new ObjectLog.Entry(EventType.UNAUTH, 1751250790995189L,
                        ObjectClass.WORK_PERSON, Area.RWY_B, NodeTimestamp.parse("2025-06-30T11:33:11Z"))))));
        assertEquals("{\"type\":\"MR_ERROR\",\"ok\":false,\"error\":\"unknown command\"}",
                MessageJson.toJson(new CommandRejected(MessageType.MR_ERROR, "unknown command")));
    }

    @Test
    void failures() {
        assertEquals("{\"type\":\"INVALID\",\"failure\":\"UNKNOWN_PREFIX\",\"reason\":\"unknown message prefix 'XX_YY'\",\"excerpt\":\"XX_YY:1\"}",
                MessageJson.toJson(new InvalidMessage(InvalidMessage.Failure.UNKNOWN_PREFIX, "unknown message prefix 'XX_YY'", "XX_YY:1")));
    }
}
