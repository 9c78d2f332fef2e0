package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vigil.protocol.wire.AuthorityLevel.AUTH_ONLY;
import static vigil.protocol.wire.AuthorityLevel.NO_ENTRY;
import static vigil.protocol.wire.AuthorityLevel.OPEN;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.testing.WireBytes;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.Command;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.GetPilotRequestLog;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/** The writers produce PROTOCOL.md's bytes exactly. */
class NodeMessageWriterTest {
    private static final Jpeg CROP = TestJpegs.jpeg(1098, 1);

    private static byte[] written(NodeMessage message, boolean newlineAfterFirstDetection) {
        ByteBuf out = Unpooled.buffer();
        new NodeMessageWriter(newlineAfterFirstDetection).write(message, out);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static String text(NodeMessage message) {
        return new String(written(message, true), StandardCharsets.ISO_8859_1);
    }

    @Test
    void samplesOfTheProtocol() {
        assertEquals("ME_OD:17510203858541,WORK_PERSON,332,380,RWY_B;17510203858245,PERSON,442,377,RWY_B,0\n",
                text(new ObjectSnapshot(List.of(
                        new DetectedObject(17510203858541L, ObjectClass.WORK_PERSON, 332, 380, Area.RWY_B, null),
                        new DetectedObject(17510203858245L, ObjectClass.PERSON, 442, 377, Area.RWY_B, 0)))));
        assertEquals("AR_AC:OK,2,2,3,3,2,2,2,1\n", text(new AuthorityLevels(Dialect.AR,
                List.of(AUTH_ONLY, AUTH_ONLY, NO_ENTRY, NO_ENTRY, AUTH_ONLY, AUTH_ONLY, AUTH_ONLY, OPEN))));
        assertEquals("AH_AC:2,2,3,3,2,2,2,1\n", text(new AuthorityLevels(Dialect.AH,
                List.of(AUTH_ONLY, AUTH_ONLY, NO_ENTRY, NO_ENTRY, AUTH_ONLY, AUTH_ONLY, AUTH_ONLY, OPEN))));
        assertEquals("AR_UA:OK\n", text(new AuthorityUpdated(Dialect.AR)));
        assertEquals("AH_UA:OK\n", text(new AuthorityUpdated(Dialect.AH)));
        assertEquals("AR_UA:ERR,4\n", text(new ErrorReply(MessageType.AR_UA, Dialect.AR, 4)));
        assertEquals("AH_UA:ERROR\n", text(new ErrorReply(MessageType.AR_UA, Dialect.AH, null)));
        assertEquals("MR_OD:ERR,3\n", text(new ErrorReply(MessageType.MR_OD, Dialect.AR, 3)));
    }

    @Test
    void firstDetectionWithItsJpegAndNewline() {
        var detection = new FirstDetection(EventType.RESCUE, 175125938503612L, ObjectClass.PERSON, 407, 469,
                Area.RWY_B, NodeTimestamp.parse("2025-06-30T04:56:25Z"), 1, CROP);
        assertArrayEquals(new WireBytes().text("ME_FD:3,175125938503612,PERSON,407,469,RWY_B,2025-06-30T04:56:25Z,1,1098,")
                .jpeg(CROP).text("\n").toByteArray(), written(detection, true));
        assertArrayEquals(new WireBytes().text("ME_FD:3,175125938503612,PERSON,407,469,RWY_B,2025-06-30T04:56:25Z,1,1098,")
                .jpeg(CROP).toByteArray(), written(detection, false));
    }

    @Test
    void objectDetailInBothForms() {
        var detail = new ObjectDetail(EventType.HAZARD, 17512641742901L, ObjectClass.ANIMAL, Area.NONE,
                NodeTimestamp.parse("2025-06-30T15:16:14Z"), CROP);
        assertArrayEquals(new WireBytes().text("MR_OD:OK,1,17512641742901,ANIMAL,None,2025-06-30T15:16:14Z,1098,")
                .jpeg(CROP).toByteArray(), written(detail, true));
        var old = new ObjectDetail(null, 17512641742901L, ObjectClass.ANIMAL, Area.RWY_B,
                NodeTimestamp.parse("2025-06-30T15:16:14Z"), CROP);
        assertArrayEquals(new WireBytes().text("MR_OD:OK,17512641742901,ANIMAL,RWY_B,2025-06-30T15:16:14Z,1098$$")
                .jpeg(CROP).toByteArray(), written(old, true));
    }

    @Test
    void commandsAreOneLineEach() {
        EmbeddedChannel channel = new EmbeddedChannel(new CommandEncoder());
        List<Command<?>> commands = List.of(new GetAuthorityLevels(),
                new SetAuthorityLevels(List.of(OPEN, AUTH_ONLY, NO_ENTRY, OPEN, AUTH_ONLY, NO_ENTRY, OPEN, AUTH_ONLY)),
                new StartCamera(Camera.A), new StartCamera(Camera.B), new StopCamera(), new GetObjectDetail(17512641742901L),
                new GetPilotRequestLog(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 30)));
        List<String> expected = List.of("AC_AC\n", "AC_UA:1,2,3,1,2,3,1,2\n", "MC_CA\n", "MC_CB\n", "MC_MP\n",
                "MC_OD:17512641742901\n", "LC_RL:2025-06-30,2025-06-30\n");
        for (int i = 0; i < commands.size(); i++) {
            channel.writeOutbound(commands.get(i));
            ByteBuf out = channel.readOutbound();
            assertEquals(expected.get(i), out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        assertEquals(false, channel.finish());
    }
}
