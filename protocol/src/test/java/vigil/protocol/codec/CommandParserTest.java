package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetBirdRiskLog;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.GetObjectImage;
import vigil.protocol.wire.GetObjectLog;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.Reply;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

class CommandParserTest {

    private static Reply nodeReplyTo(String text) {
        return assertThrows(InvalidCommandException.class, () -> CommandParser.parse(text)).nodeReply();
    }

    @Test
    void everyCommandParsesBackFromItsText() throws InvalidCommandException {
        var commands = List.of(new GetAuthorityLevels(), new StartCamera(Camera.A), new StartCamera(Camera.B),
                new StopCamera(), new GetObjectDetail(175102056404738L), new GetObjectImage(42),
                new GetObjectLog(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)),
                new GetBirdRiskLog(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 30)),
                new SetAuthorityLevels(List.of(AuthorityLevel.OPEN, AuthorityLevel.OPEN, AuthorityLevel.NO_ENTRY,
                        AuthorityLevel.NO_ENTRY, AuthorityLevel.AUTH_ONLY, AuthorityLevel.AUTH_ONLY,
                        AuthorityLevel.AUTH_ONLY, AuthorityLevel.OPEN)));
        for (var command : commands) {
            assertEquals(command, CommandParser.parse(command.text()));
        }
    }

    @Test
    void theNodesErrorRepliesForBadArguments() {
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AR, 2), nodeReplyTo("AC_UA:1,2,3"));
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AR, 2), nodeReplyTo("AC_UA"));
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AR, 3), nodeReplyTo("AC_UA:1,2,3,4,1,2,3,1"));
        assertEquals(new ErrorReply(MessageType.MR_OD, Dialect.AR, 1), nodeReplyTo("MC_OD:12ab"));
        assertEquals(new ErrorReply(MessageType.MR_OD, Dialect.AR, 1), nodeReplyTo("MC_OD:9223372036854775808"));
        assertEquals(new ErrorReply(MessageType.LR_OI, Dialect.AR, 1), nodeReplyTo("LC_OI:"));
        assertEquals(new ErrorReply(MessageType.LR_OL, Dialect.AR, 1), nodeReplyTo("LC_OL:2025-07-01,2025-06-01"));
        assertEquals(new ErrorReply(MessageType.LR_BL, Dialect.AR, 1), nodeReplyTo("LC_BL:yesterday,today"));
    }

    @Test
    void unknownCommandsAndTwoCommandsInOneRead() {
        assertEquals(new CommandRejected(MessageType.AR_ERROR, "unknown command"), nodeReplyTo("AC_XX"));
        assertEquals(new CommandRejected(MessageType.MR_ERROR, "unknown command"), nodeReplyTo("MC_CAX"));
        assertEquals(new CommandRejected(MessageType.AR_ERROR, "unknown command"), nodeReplyTo("AC_AC\nAC_AC"));
        assertEquals(new CommandRejected(MessageType.LR_ERROR, "unknown command"), nodeReplyTo("LC_ZZ:1"));
        assertNull(nodeReplyTo("hello"));
        assertNull(nodeReplyTo("ME_OD:1,BIRD,1,1,RWY_A"));
    }
}
