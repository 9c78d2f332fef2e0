package vigil.protocol.codec;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.Command;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetBirdRiskLog;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.GetObjectImage;
import vigil.protocol.wire.GetObjectLog;
import vigil.protocol.wire.GetPilotRequestLog;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/**
 * Reads a command's text as a node does (PROTOCOL.md §3), with the node's error reply for each
 * thing that is wrong. The simulated node answers with it; {@code vigil tap --send} uses it to
 * refuse a command before sending it.
 */
public final class CommandParser {

    private CommandParser() {
    }

    /** Parses one command, without its newline. */
    public static Command<?> parse(String text) throws InvalidCommandException {
        String prefix = text.length() >= 5 ? text.substring(0, 5) : text;
        String family = prefix.length() >= 3 ? prefix.substring(0, 3) : "";
        if (!family.equals("AC_") && !family.equals("MC_") && !family.equals("LC_")) {
            throw new InvalidCommandException("a node answers only AC_, MC_ and LC_ commands: '" + text + "'", null);
        }
        boolean hasData = text.length() > 5 && text.charAt(5) == ':';
        String data = hasData ? text.substring(6) : "";
        if (text.length() > 5 && !hasData) {
            throw unknown(family, text);
        }
        return switch (prefix) {
            case "AC_AC" -> noData(new GetAuthorityLevels(), hasData, family, text);
            case "AC_UA" -> new SetAuthorityLevels(levels(data));
            case "MC_CA" -> noData(new StartCamera(Camera.A), hasData, family, text);
            case "MC_CB" -> noData(new StartCamera(Camera.B), hasData, family, text);
            case "MC_MP" -> noData(new StopCamera(), hasData, family, text);
            case "MC_OD" -> new GetObjectDetail(objectId(data, MessageType.MR_OD));
            case "LC_OI" -> new GetObjectImage(objectId(data, MessageType.LR_OI));
            case "LC_OL" -> dateRange(data, MessageType.LR_OL, GetObjectLog::new);
            case "LC_BL" -> dateRange(data, MessageType.LR_BL, GetBirdRiskLog::new);
            case "LC_RL" -> dateRange(data, MessageType.LR_RL, GetPilotRequestLog::new);
            default -> throw unknown(family, text);
        };
    }

    private static Command<?> noData(Command<?> command, boolean hasData, String family, String text)
            throws InvalidCommandException {
        if (hasData) {
            throw unknown(family, text);
        }
        return command;
    }

    private static List<AuthorityLevel> levels(String data) throws InvalidCommandException {
        String[] values = data.split(",", -1);
        if (values.length != 8) {
            throw error(MessageType.AR_UA, 2, "8 levels expected, got " + (data.isEmpty() ? 0 : values.length));
        }
        List<AuthorityLevel> levels = new ArrayList<>(8);
        for (String value : values) {
            switch (value) {
                case "1" -> levels.add(AuthorityLevel.OPEN);
                case "2" -> levels.add(AuthorityLevel.AUTH_ONLY);
                case "3" -> levels.add(AuthorityLevel.NO_ENTRY);
                default -> throw error(MessageType.AR_UA, 3, "a level must be 1, 2 or 3: '" + value + "'");
            }
        }
        return levels;
    }

    private static long objectId(String data, MessageType replyType) throws InvalidCommandException {
        if (data.isEmpty() || !data.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error(replyType, 1, "an object id is digits: '" + data + "'");
        }
        try {
            return Long.parseLong(data);
        } catch (NumberFormatException tooLarge) {
            throw error(replyType, 1, "an object id fits a 64-bit integer: '" + data + "'");
        }
    }

    private static <C extends Command<?>> C dateRange(
            String data, MessageType replyType, BiFunction<LocalDate, LocalDate, C> command) throws InvalidCommandException {
        String[] dates = data.split(",", -1);
        try {
            if (dates.length == 2) {
                LocalDate from = LocalDate.parse(dates[0]);
                LocalDate to = LocalDate.parse(dates[1]);
                if (!from.isAfter(to)) {
                    return command.apply(from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // reported below with the node's reply
        }
        throw error(replyType, 1, "a date range is YYYY-MM-DD,YYYY-MM-DD with from <= to: '" + data + "'");
    }

    private static InvalidCommandException error(MessageType replyType, int code, String reason) {
        return new InvalidCommandException(reason, new ErrorReply(replyType, Dialect.AR, code));
    }

    private static InvalidCommandException unknown(String family, String text) {
        MessageType rejection = switch (family) {
            case "AC_" -> MessageType.AR_ERROR;
            case "MC_" -> MessageType.MR_ERROR;
            default -> MessageType.LR_ERROR;
        };
        return new InvalidCommandException("unknown command: '" + text + "'",
                new CommandRejected(rejection, "unknown command"));
    }
}
