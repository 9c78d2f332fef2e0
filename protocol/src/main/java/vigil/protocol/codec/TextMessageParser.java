package vigil.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.PilotRequestLog;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

/** Parses the data of a one-line message (everything after {@code PREFIX:} up to the line's end). */
final class TextMessageParser {

    private TextMessageParser() {
    }

    static NodeMessage parse(MessageType type, Dialect dialect, byte[] bytes, int start, int end) {
        if (type == MessageType.AR_ERROR || type == MessageType.MR_ERROR || type == MessageType.LR_ERROR) {
            return new CommandRejected(type, new String(bytes, start, end - start, StandardCharsets.UTF_8));
        }
        if (type == MessageType.ME_OD) {
            return objectSnapshot(bytes, start, end);
        }
        FieldCursor data = new FieldCursor(bytes, start, end);
        NodeMessage message = switch (type) {
            case ME_BR -> new BirdRiskChanged(BirdRisk.fromCode(data.nextInt("bird risk", 1, 3)));
            case ME_RA -> runwayState(Runway.A, data);
            case ME_RB -> runwayState(Runway.B, data);
            case AR_AC -> authorityLevels(dialect, data);
            case AR_UA -> authorityUpdate(dialect, data);
            case MR_CA -> okOrError(type, dialect, data, new CameraStarted(Camera.A));
            case MR_CB -> okOrError(type, dialect, data, new CameraStarted(Camera.B));
            case MR_MP -> okOrError(type, dialect, data, new CameraStopped());
            case MR_OD, LR_OI -> errorOnly(type, dialect, data);
            case LR_OL -> history(type, dialect, data, TextMessageParser::objectLog);
            case LR_BL -> history(type, dialect, data, TextMessageParser::birdRiskLog);
            case LR_RL -> history(type, dialect, data, TextMessageParser::pilotRequestLog);
            default -> throw new IllegalArgumentException(type + " is not a one-line message");
        };
        if (data.fieldFollows() || data.hasMore()) {
            throw new MalformedMessageException("unexpected data after the last field");
        }
        return message;
    }

    private static ObjectSnapshot objectSnapshot(byte[] bytes, int start, int end) {
        List<DetectedObject> objects = new ArrayList<>(Math.max(4, (end - start) / 40));
        int rest = new SnapshotReader(bytes, start, end).readInto(objects);
        FieldCursor data = new FieldCursor(bytes, rest, end); // whatever the fast path left, read field by field
        return new ObjectSnapshot(records(data, "object", objects, TextMessageParser::detectedObject));
    }

    /** One record, field by field: the reference the fast path must agree with. */
    static DetectedObject detectedObject(FieldCursor data) {
        long id = data.nextLong("object id");
        var objectClass = data.nextClass();
        int x = data.nextInt("x");
        int y = data.nextInt("y");
        var area = data.nextArea();
        Integer rescueLevel = data.fieldFollows() ? data.nextRescueLevel() : null;
        data.expectRecordEnd("the object");
        return new DetectedObject(id, objectClass, x, y, area, rescueLevel);
    }

    /**
     * Reads records into {@code into} until the data ends, each with {@code record}, which ends by
     * checking its record's end; an error names the record by its number ("object 3: ...").
     */
    private static <T> List<T> records(FieldCursor data, String noun, List<T> into, Function<FieldCursor, T> record) {
        while (data.hasMore()) {
            data.beginRecord();
            try {
                into.add(record.apply(data));
            } catch (MalformedMessageException e) {
                throw new MalformedMessageException(noun + " " + (into.size() + 1) + ": " + e.getMessage());
            }
        }
        return into;
    }

    private static RunwayStateChanged runwayState(Runway runway, FieldCursor data) {
        return new RunwayStateChanged(runway, RunwayState.fromCode(data.nextInt("runway state", 0, 1)));
    }

    /** {@code OK,l1..l8}, {@code ERR,n}, or (AH dialect) {@code l1..l8} with no status. */
    private static NodeMessage authorityLevels(Dialect dialect, FieldCursor data) {
        String status = data.nextText("status");
        if (status.equals("ERR")) {
            return new ErrorReply(MessageType.AR_AC, dialect, data.nextInt("error code"));
        }
        List<AuthorityLevel> levels = new ArrayList<>(8);
        if (!status.equals("OK")) {
            if (dialect != Dialect.AH) {
                throw new MalformedMessageException("status must be OK or ERR: '" + status + "'");
            }
            levels.add(level(status));
        }
        while (levels.size() < 8) {
            levels.add(level(data.nextText("level " + (levels.size() + 1))));
        }
        return new AuthorityLevels(dialect, levels);
    }

    private static AuthorityLevel level(String text) {
        return switch (text) {
            case "1" -> AuthorityLevel.OPEN;
            case "2" -> AuthorityLevel.AUTH_ONLY;
            case "3" -> AuthorityLevel.NO_ENTRY;
            default -> throw new MalformedMessageException("a level must be 1, 2 or 3: '" + text + "'");
        };
    }

    private static NodeMessage authorityUpdate(Dialect dialect, FieldCursor data) {
        String status = data.nextText("status");
        return switch (status) {
            case "OK" -> new AuthorityUpdated(dialect);
            case "ERR" -> new ErrorReply(MessageType.AR_UA, dialect, data.nextInt("error code"));
            case "ERROR" -> new ErrorReply(MessageType.AR_UA, dialect, null);
            default -> throw new MalformedMessageException("status must be OK or ERR: '" + status + "'");
        };
    }

    private static NodeMessage okOrError(MessageType type, Dialect dialect, FieldCursor data, NodeMessage ok) {
        String status = data.nextText("status");
        return switch (status) {
            case "OK" -> ok;
            case "ERR" -> new ErrorReply(type, dialect, data.nextInt("error code"));
            default -> throw new MalformedMessageException("status must be OK or ERR: '" + status + "'");
        };
    }

    private static NodeMessage errorOnly(MessageType type, Dialect dialect, FieldCursor data) {
        String status = data.nextText("status");
        if (!status.equals("ERR")) {
            throw new MalformedMessageException("status must be OK with an image, or ERR: '" + status + "'");
        }
        return new ErrorReply(type, dialect, data.nextInt("error code"));
    }

    private interface RecordsParser {
        NodeMessage parse(FieldCursor data);
    }

    private static NodeMessage history(MessageType type, Dialect dialect, FieldCursor data, RecordsParser records) {
        String status = data.nextText("status");
        return switch (status) {
            case "OK" -> {
                data.acceptEmptyLastField(); // "LR_OL:OK," is the empty history
                yield records.parse(data);
            }
            case "ERR" -> new ErrorReply(type, dialect, data.nextInt("error code"));
            default -> throw new MalformedMessageException("status must be OK or ERR: '" + status + "'");
        };
    }

    private static ObjectLog objectLog(FieldCursor data) {
        return new ObjectLog(records(data, "record", new ArrayList<>(), TextMessageParser::objectLogEntry));
    }

    private static ObjectLog.Entry objectLogEntry(FieldCursor data) {
        EventType eventType = eventName(data.nextText("event"));
        long id = data.nextLong("object id");
        var objectClass = data.nextClass();
        var area = data.nextArea();
        var timestamp = data.nextTimestamp("timestamp");
        data.expectRecordEnd("the record");
        return new ObjectLog.Entry(eventType, id, objectClass, area, timestamp);
    }

    private static EventType eventName(String text) {
        return switch (text) {
            case "HAZARD", "1" -> EventType.HAZARD;
            case "UNAUTH", "2" -> EventType.UNAUTH;
            case "RESCUE", "3" -> EventType.RESCUE;
            default -> throw new MalformedMessageException("event must be HAZARD, UNAUTH or RESCUE: '" + text + "'");
        };
    }

    private static BirdRiskLog birdRiskLog(FieldCursor data) {
        return new BirdRiskLog(records(data, "record", new ArrayList<>(), TextMessageParser::birdRiskEntry));
    }

    private static BirdRiskLog.Entry birdRiskEntry(FieldCursor data) {
        var risk = BirdRisk.fromCode(data.nextInt("bird risk", 1, 3));
        var timestamp = data.nextTimestamp("timestamp");
        data.expectRecordEnd("the record");
        return new BirdRiskLog.Entry(risk, timestamp);
    }

    private static PilotRequestLog pilotRequestLog(FieldCursor data) {
        return new PilotRequestLog(records(data, "record", new ArrayList<>(), TextMessageParser::pilotRequestEntry));
    }

    private static PilotRequestLog.Entry pilotRequestEntry(FieldCursor data) {
        var request = PilotRequestLog.Request.fromCode(data.nextInt("request", 1, 4));
        var response = PilotRequestLog.Response.fromCode(data.nextInt("response", 1, 9));
        var requestTime = data.nextTimestamp("request time");
        var responseTime = data.nextTimestamp("response time");
        data.expectRecordEnd("the record");
        return new PilotRequestLog.Entry(request, response, requestTime, responseTime);
    }
}
