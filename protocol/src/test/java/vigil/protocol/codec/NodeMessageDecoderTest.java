package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vigil.protocol.wire.AuthorityLevel.AUTH_ONLY;
import static vigil.protocol.wire.AuthorityLevel.NO_ENTRY;
import static vigil.protocol.wire.AuthorityLevel.OPEN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vigil.protocol.testing.Decoding;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.testing.WireBytes;
import vigil.protocol.wire.Area;
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
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.InvalidMessage.Failure;
import vigil.protocol.wire.Jpeg;
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

class NodeMessageDecoderTest {
    private static final Jpeg FOD_CROP = TestJpegs.hostile(1098);
    private static final Jpeg PERSON_CROP = TestJpegs.jpeg(2583, 2);
    private static final Jpeg RESCUE_CROP = TestJpegs.jpeg(2237, 3);

    private static NodeMessage decodeOne(WireBytes bytes) {
        List<NodeMessage> messages = Decoding.decodeAll(bytes.toByteArray());
        assertEquals(1, messages.size(), () -> "one message expected: " + messages);
        return messages.getFirst();
    }

    private static NodeMessage decodeOne(String line) {
        return decodeOne(new WireBytes().text(line));
    }

    private static InvalidMessage invalid(NodeMessage message) {
        return assertInstanceOf(InvalidMessage.class, message);
    }

    // --- PROTOCOL.md §9, the sample traffic ---

    @Test
    void objectSnapshotWithAndWithoutRescueLevel() {
        assertEquals(new ObjectSnapshot(List.of(
                        new DetectedObject(17510203858541L, ObjectClass.WORK_PERSON, 332, 380, Area.RWY_B, null),
                        new DetectedObject(17510203858245L, ObjectClass.PERSON, 442, 377, Area.RWY_B, 0))),
                decodeOne("ME_OD:17510203858541,WORK_PERSON,332,380,RWY_B;17510203858245,PERSON,442,377,RWY_B,0\n"));
    }

    @Test
    void objectOffTheMapIsKeptAsSent() {
        var snapshot = (ObjectSnapshot) decodeOne(
                "ME_OD:175124638568410,PERSON,441,372,GRASS_A,0;175124638581412,VEHICLE,-14,108,UNKNOWN\n");
        DetectedObject vehicle = snapshot.objects().get(1);
        assertEquals(new DetectedObject(175124638581412L, ObjectClass.VEHICLE, -14, 108, Area.UNKNOWN, null), vehicle);
        assertEquals(false, vehicle.isOnMap());
    }

    @Test
    void firstDetectionWithEightFields() {
        assertEquals(new FirstDetection(EventType.HAZARD, 175102056404738L, ObjectClass.FOD, 464, 115, Area.RWY_A,
                        new NodeTimestamp("2025-06-27T10:36:04Z", Instant.parse("2025-06-27T10:36:04Z")), null, FOD_CROP),
                decodeOne(new WireBytes().text("ME_FD:1,175102056404738,FOD,464,115,RWY_A,2025-06-27T10:36:04Z,1098,")
                        .jpeg(FOD_CROP).text("\n")));
    }

    @Test
    void firstDetectionWithRescueLevel() {
        var standing = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:2,175124638920413,PERSON,476,374,RWY_B,2025-06-30T01:19:49Z,0,2583,").jpeg(PERSON_CROP).text("\n"));
        assertEquals(EventType.UNAUTH, standing.eventType());
        assertEquals(0, standing.rescueLevel());
        assertEquals(PERSON_CROP, standing.image());

        var down = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:3,175125938503612,PERSON,407,469,RWY_B,2025-06-30T04:56:25Z,1,2237,").jpeg(RESCUE_CROP).text("\n"));
        assertEquals(EventType.RESCUE, down.eventType());
        assertEquals(1, down.rescueLevel());
        assertEquals(RESCUE_CROP.sha256Hex(), down.image().sha256Hex());
    }

    @Test
    void theFirstByteOfTheJpegDecidesWhetherARescueLevelIsThere() {
        // A WORK_PERSON carries a rescue level; a PERSON from a sloppy node may not: the FF D8 rule decides.
        var worker = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:2,1,WORK_PERSON,1,2,TWY_A,2025-06-30T01:19:49Z,4,1098,").jpeg(FOD_CROP).text("\n"));
        assertEquals(4, worker.rescueLevel());
        var person = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:2,1,PERSON,1,2,TWY_A,2025-06-30T01:19:49Z,1098,").jpeg(FOD_CROP).text("\n"));
        assertNull(person.rescueLevel());
        assertEquals(FOD_CROP, person.image());
    }

    @Test
    void statesAndLevels() {
        assertEquals(new RunwayStateChanged(Runway.A, RunwayState.WARNING), decodeOne("ME_RA:1\n"));
        assertEquals(new RunwayStateChanged(Runway.B, RunwayState.CLEAR), decodeOne("ME_RB:0\n"));
        assertEquals(new BirdRiskChanged(BirdRisk.MEDIUM), decodeOne("ME_BR:2\n"));
        assertEquals(new AuthorityLevels(Dialect.AR, List.of(AUTH_ONLY, AUTH_ONLY, NO_ENTRY, NO_ENTRY, AUTH_ONLY, AUTH_ONLY, AUTH_ONLY, OPEN)),
                decodeOne("AR_AC:OK,2,2,3,3,2,2,2,1\n"));
        assertEquals(new AuthorityUpdated(Dialect.AR), decodeOne("AR_UA:OK\n"));
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AR, 4), decodeOne("AR_UA:ERR,4\n"));
        assertEquals(new CameraStarted(Camera.A), decodeOne("MR_CA:OK\n"));
        assertEquals(new CameraStarted(Camera.B), decodeOne("MR_CB:OK\n"));
        assertEquals(new CameraStopped(), decodeOne("MR_MP:OK\n"));
        assertEquals(new ErrorReply(MessageType.MR_OD, Dialect.AR, 3), decodeOne("MR_OD:ERR,3\n"));
        assertEquals(new ErrorReply(MessageType.LR_OI, Dialect.AR, 5), decodeOne("LR_OI:ERR,5\n"));
        assertEquals(new ErrorReply(MessageType.AR_AC, Dialect.AR, 1), decodeOne("AR_AC:ERR,1\n"));
    }

    @Test
    void objectDetailWithItsImageAndNoNewline() {
        Jpeg crop = TestJpegs.jpeg(2523, 9);
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("MR_OD:OK,1,17512641742901,ANIMAL,RWY_B,2025-06-30T15:16:14Z,2523,").jpeg(crop)
                .text("ME_RA:0\n").toByteArray());
        assertEquals(List.of(
                new ObjectDetail(EventType.HAZARD, 17512641742901L, ObjectClass.ANIMAL, Area.RWY_B,
                        NodeTimestamp.parse("2025-06-30T15:16:14Z"), crop),
                new RunwayStateChanged(Runway.A, RunwayState.CLEAR)), messages);
    }

    @Test
    void objectImageWithNoNewline() {
        Jpeg crop = TestJpegs.jpeg(300, 4);
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("LR_OI:OK,300,").jpeg(crop).text("ME_BR:3\n").toByteArray());
        assertEquals(List.of(new ObjectImage(crop), new BirdRiskChanged(BirdRisk.LOW)), messages);
    }

    @Test
    void histories() {
        assertEquals(new ObjectLog(List.of(
                        new ObjectLog.Entry(EventType.UNAUTH, 1751250790995189L, ObjectClass.WORK_PERSON, Area.RWY_B,
                                NodeTimestamp.parse("2025-06-30T11:33:11Z")),
                        new ObjectLog.Entry(EventType.HAZARD, 17512641742901L, ObjectClass.BIRD, Area.NONE,
                                NodeTimestamp.parse("")))),
                decodeOne("LR_OL:OK,UNAUTH,1751250790995189,WORK_PERSON,RWY_B,2025-06-30T11:33:11Z;HAZARD,17512641742901,BIRD,None,\n"));
        assertEquals(new ObjectLog(List.of()), decodeOne("LR_OL:OK,\n"));
        assertEquals(new BirdRiskLog(List.of(new BirdRiskLog.Entry(BirdRisk.HIGH, NodeTimestamp.parse("2025-06-30T11:33:11Z")))),
                decodeOne("LR_BL:OK,1,2025-06-30T11:33:11Z\n"));
        assertEquals(new BirdRiskLog(List.of()), decodeOne("LR_BL:OK,\n"));
        assertEquals(new PilotRequestLog(List.of(new PilotRequestLog.Entry(PilotRequestLog.Request.RWY_A_STATUS,
                        PilotRequestLog.Response.BLOCKED, NodeTimestamp.parse("2025-06-30T11:33:11Z"),
                        NodeTimestamp.parse("2025-06-30T11:33:12Z")))),
                decodeOne("LR_RL:OK,2,5,2025-06-30T11:33:11Z,2025-06-30T11:33:12Z\n"));
        assertEquals(new PilotRequestLog(List.of()), decodeOne("LR_RL:OK,\n"));
        assertEquals(new ErrorReply(MessageType.LR_OL, Dialect.AR, 1), decodeOne("LR_OL:ERR,1\n"));
    }

    @Test
    void rejectedCommands() {
        assertEquals(new CommandRejected(MessageType.AR_ERROR, "unknown command"), decodeOne("AR_ERROR:unknown command\n"));
        assertEquals(new CommandRejected(MessageType.MR_ERROR, "bad"), decodeOne("MR_ERROR:bad\n"));
        assertEquals(new CommandRejected(MessageType.LR_ERROR, ""), decodeOne("LR_ERROR:\n"));
    }

    @Test
    void timestampsKeepTheirTextEvenWhenTheyDoNotParse() {
        var detection = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:1,5,FOD,1,1,RWY_A,,1098,").jpeg(FOD_CROP).text("\n"));
        assertEquals(new NodeTimestamp("", null), detection.timestamp());
        var odd = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:1,5,FOD,1,1,RWY_A,yesterday,1098,").jpeg(FOD_CROP).text("\n"));
        assertEquals(new NodeTimestamp("yesterday", null), odd.timestamp());
    }

    // --- PROTOCOL.md §8, the dialects ---

    @Test
    void accessRepliesInTheAhDialect() {
        var levels = List.of(OPEN, AUTH_ONLY, NO_ENTRY, OPEN, AUTH_ONLY, NO_ENTRY, OPEN, AUTH_ONLY);
        assertEquals(new AuthorityLevels(Dialect.AH, levels), decodeOne("AH_AC:1,2,3,1,2,3,1,2\n"));
        assertEquals(new AuthorityLevels(Dialect.AH, levels), decodeOne("AH_AC:OK,1,2,3,1,2,3,1,2\n"));
        assertEquals(new AuthorityUpdated(Dialect.AH), decodeOne("AH_UA:OK\n"));
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AH, null), decodeOne("AH_UA:ERROR\n"));
    }

    @Test
    void firstDetectionWithoutNewlineBeforeTheNextMessage() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("ME_FD:1,7,BIRD,10,10,GRASS_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP)
                .text("ME_FD:1,8,BIRD,11,11,GRASS_A,2025-06-27T10:36:05Z,1098,").jpeg(FOD_CROP)
                .text("ME_BR:1\n").toByteArray());
        assertEquals(3, messages.size());
        assertEquals(8, ((FirstDetection) messages.get(1)).objectId());
        assertEquals(new BirdRiskChanged(BirdRisk.HIGH), messages.get(2));
    }

    @Test
    void objectDetailOfNodesBeforeHalf() {
        Jpeg crop = TestJpegs.jpeg(500, 5);
        assertEquals(new ObjectDetail(null, 17512641742901L, ObjectClass.ANIMAL, Area.NONE,
                        NodeTimestamp.parse("2025-06-30T15:16:14Z"), crop),
                decodeOne(new WireBytes().text("MR_OD:OK,17512641742901,ANIMAL,None,2025-06-30T15:16:14Z,500$$").jpeg(crop)));
    }

    @Test
    void firstDetectionOfNodesBeforeHalfHasItsEventTypeInferred() {
        var hazard = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:42,BIRD,1,2,RWY_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP));
        assertEquals(new FirstDetection(EventType.HAZARD, 42, ObjectClass.BIRD, 1, 2, Area.RWY_A,
                NodeTimestamp.parse("2025-06-27T10:36:04Z"), null, FOD_CROP), hazard);
        var down = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:43,PERSON,1,2,RWY_A,2025-06-27T10:36:04Z,R,1098,").jpeg(FOD_CROP));
        assertEquals(EventType.RESCUE, down.eventType());
        assertEquals(1, down.rescueLevel());
        var intruder = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:44,PERSON,1,2,RWY_A,2025-06-27T10:36:04Z,none,1098,").jpeg(FOD_CROP));
        assertEquals(EventType.UNAUTH, intruder.eventType());
        assertEquals(0, intruder.rescueLevel());
    }

    @Test
    void rescueStatesOfOlderDocuments() {
        var snapshot = (ObjectSnapshot) decodeOne("ME_OD:1,PERSON,1,1,RWY_A,R;2,PERSON,1,1,RWY_A,N;3,PERSON,1,1,RWY_A,rescue;4,PERSON,1,1,RWY_A,none\n");
        assertEquals(List.of(1, 0, 1, 0), snapshot.objects().stream().map(DetectedObject::rescueLevel).toList());
    }

    @Test
    void recordsTheFastPathCannotReadAreReadFieldByFieldWithTheSameResult() {
        // the plain form, an old state, an aircraft, an unknown area, then the plain form again
        var snapshot = (ObjectSnapshot) decodeOne("ME_OD:1,PERSON,-5,720,RWY_A,10;2,PERSON,1,2,TWY_D,R;3,AIRCRAFT,3,4,RWY_B;"
                + "4,BIRD,-1,-1,UNKNOWN;5,WORK_VEHICLE,959,0,GRASS_B\n");
        assertEquals(List.of(
                new DetectedObject(1, ObjectClass.PERSON, -5, 720, Area.RWY_A, 10),
                new DetectedObject(2, ObjectClass.PERSON, 1, 2, Area.TWY_D, 1),
                new DetectedObject(3, ObjectClass.AIRPLANE, 3, 4, Area.RWY_B, null),
                new DetectedObject(4, ObjectClass.BIRD, -1, -1, Area.UNKNOWN, null),
                new DetectedObject(5, ObjectClass.WORK_VEHICLE, 959, 0, Area.GRASS_B, null)), snapshot.objects());
    }

    @Test
    void aRescueLevelIsZeroToTenAsWrittenOnEveryPath() {
        assertEquals("ME_OD: object 2: rescue level must be 0-10, R, N, rescue or none: '05'",
                invalid(decodeOne("ME_OD:1,PERSON,1,1,RWY_A,0;2,PERSON,1,1,RWY_A,05\n")).reason());
        assertEquals("ME_OD: object 1: the object has more fields than expected",
                invalid(decodeOne("ME_OD:1,PERSON,1,1,RWY_A,3,9\n")).reason());
    }

    @Test
    void carriageReturnsAndBlankLinesAreTolerated() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("ME_RA:1\r\n\r\n\nAR_UA:OK\r\nME_OD:1,AIRCRAFT,5,5,TWY_C\r\n").toByteArray());
        assertEquals(List.of(new RunwayStateChanged(Runway.A, RunwayState.WARNING), new AuthorityUpdated(Dialect.AR),
                new ObjectSnapshot(List.of(new DetectedObject(1, ObjectClass.AIRPLANE, 5, 5, Area.TWY_C, null)))), messages);
    }

    @Test
    void unknownClassesAndAreasAreKept() {
        var snapshot = (ObjectSnapshot) decodeOne("ME_OD:1,DRONE,5,5,APRON;2,AIRCRAFT,-1,-1,UNKNOWN\n");
        assertEquals(ObjectClass.UNKNOWN, snapshot.objects().get(0).objectClass());
        assertEquals(Area.UNKNOWN, snapshot.objects().get(0).area());
        assertEquals(ObjectClass.AIRPLANE, snapshot.objects().get(1).objectClass());
    }

    // --- failures: precise, counted, and followed by the good messages ---

    @Test
    void garbageAndUnknownPrefixesAreReportedThenDecodingGoesOn() {
        Decoding decoding = new Decoding();
        List<NodeMessage> messages = decoding.feed(new WireBytes()
                .text("hello there, node\nXX_YY:1,2\nME_BR:1\n").toByteArray());
        assertEquals(3, messages.size(), messages::toString);
        assertEquals(new InvalidMessage(Failure.UNKNOWN_PREFIX, "unknown message prefix 'hello the'", "hello there, node"),
                messages.get(0));
        assertEquals("unknown message prefix 'XX_YY'", invalid(messages.get(1)).reason());
        assertEquals(new BirdRiskChanged(BirdRisk.HIGH), messages.get(2));
        var counters = decoding.counters().snapshot();
        assertEquals(2, counters.failures(Failure.UNKNOWN_PREFIX));
        assertEquals(1, counters.messages(MessageType.ME_BR));
        assertEquals(36, counters.bytes());
        assertEquals(List.of(), decoding.finish());
    }

    @Test
    void malformedFieldsNameTheFieldAndTheMessageAfterIsDecoded() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("ME_OD:1,BIRD,5,5,RWY_A;2,BIRD,x5,5,RWY_A\nME_BR:4\nME_RA:2\nAR_AC:OK,1,2,3\nAR_UA:MAYBE\nME_OD:1,BIRD,5,5\nME_OD:1,BIRD,5,5,RWY_A,11\nME_BR:2,3\nME_RB:1\n")
                .toByteArray());
        assertEquals(List.of(
                        "ME_OD: object 2: x is not a number: 'x5'",
                        "ME_BR: bird risk must be 1-3: '4'",
                        "ME_RA: runway state must be 0-1: '2'",
                        "AR_AC: missing level 4",
                        "AR_UA: status must be OK or ERR: 'MAYBE'",
                        "ME_OD: object 1: missing area",
                        "ME_OD: object 1: rescue level must be 0-10, R, N, rescue or none: '11'",
                        "ME_BR: unexpected data after the last field"),
                messages.subList(0, 8).stream().map(m -> invalid(m).reason()).toList());
        assertEquals(new RunwayStateChanged(Runway.B, RunwayState.WARNING), messages.get(8));
    }

    @Test
    void objectIdsAreEveryLongAndOnlyLongs() {
        // Ids are longs (PROTOCOL.md §4): 19 digits up to Long.MAX_VALUE are ids, on the fast path and field by field.
        var snapshot = (ObjectSnapshot) decodeOne("ME_OD:999999999999999999,BIRD,1,2,RWY_A;1000000000000000000,FOD,1,2,RWY_A;"
                + "9223372036854775807,VEHICLE,1,2,RWY_A;0009223372036854775807,VEHICLE,1,2,RWY_A;"
                + "9223372036854775807,PERSON,1,2,RWY_A,R\n");
        assertEquals(List.of(999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                snapshot.objects().stream().map(DetectedObject::id).toList());
        var detection = (FirstDetection) decodeOne(new WireBytes()
                .text("ME_FD:1,9223372036854775807,FOD,464,115,RWY_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP).text("\n"));
        assertEquals(Long.MAX_VALUE, detection.objectId());
        var detail = (ObjectDetail) decodeOne(new WireBytes()
                .text("MR_OD:OK,1,1000000000000000000,ANIMAL,RWY_B,2025-06-30T15:16:14Z,2583,").jpeg(PERSON_CROP));
        assertEquals(1_000_000_000_000_000_000L, detail.objectId());

        List<NodeMessage> tooLarge = Decoding.decodeAll(new WireBytes()
                .text("ME_OD:9223372036854775808,BIRD,1,2,RWY_A\nME_OD:18446744073709551617,BIRD,1,2,RWY_A\n")
                .text("ME_OD:99999999999999999999,BIRD,1,2,RWY_A\nME_RA:1\n").toByteArray());
        assertEquals(List.of(
                        "ME_OD: object 1: object id does not fit a 64-bit integer: '9223372036854775808'",
                        "ME_OD: object 1: object id does not fit a 64-bit integer: '18446744073709551617'",
                        "ME_OD: object 1: object id does not fit a 64-bit integer: '99999999999999999999'"),
                tooLarge.subList(0, 3).stream().map(m -> invalid(m).reason()).toList());
        assertEquals(new RunwayStateChanged(Runway.A, RunwayState.WARNING), tooLarge.get(3));
    }

    @Test
    void aLineOverTheLimitIsRefusedBeforeItIsAllBuffered() {
        Decoding decoding = new Decoding(100, 1000, 10_000);
        String longLine = "ME_OD:" + "1,BIRD,5,5,RWY_A;".repeat(20);
        List<NodeMessage> partial = decoding.feed(new WireBytes().text(longLine.substring(0, 150)).toByteArray());
        assertEquals(1, partial.size());
        assertEquals("ME_OD line longer than 100 bytes", invalid(partial.getFirst()).reason());
        assertEquals(Failure.LINE_TOO_LONG, invalid(partial.getFirst()).failure());
        List<NodeMessage> rest = decoding.feed(new WireBytes().text(longLine.substring(150) + "\nME_BR:3\n").toByteArray());
        assertEquals(List.of(new BirdRiskChanged(BirdRisk.LOW)), rest);
        assertEquals(List.of(), decoding.finish());
    }

    @Test
    void historyLinesHaveTheirOwnLongerLimit() {
        Decoding decoding = new Decoding(100, 100_000, 10_000);
        String record = "HAZARD,17512641742901,BIRD,None,2025-06-30T15:16:14Z";
        String line = "LR_OL:OK," + String.join(";", java.util.Collections.nCopies(1000, record)) + "\n";
        List<NodeMessage> messages = decoding.feed(new WireBytes().text(line).toByteArray());
        assertEquals(1000, ((ObjectLog) messages.getFirst()).entries().size());
    }

    @Test
    void anImageOverTheLimitIsRefusedFromItsHeaderAlone() {
        Decoding decoding = new Decoding(1000, 1000, 5000);
        // Only the header has arrived: the refusal must not wait for (or allocate) two gigabytes.
        List<NodeMessage> messages = decoding.feed(new WireBytes().text("ME_FD:1,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,2000000000,").bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}).toByteArray());
        assertEquals(1, messages.size());
        assertEquals(new InvalidMessage(Failure.IMAGE_TOO_LARGE, "ME_FD: image of 2000000000 bytes is over the limit of 5000",
                "ME_FD:1,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,2000000000,\\xFF\\xD8\\x00"), messages.getFirst());
        assertEquals(List.of(new BirdRiskChanged(BirdRisk.HIGH)), decoding.feed(new WireBytes().text("\u0001garbage\nME_BR:1\n").toByteArray()));
    }

    @Test
    void aNonNumericImageSizeIsReported() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("LR_OI:OK,12x4,").jpeg(FOD_CROP).text("\nME_BR:2\n").toByteArray());
        assertEquals("LR_OI: image size is not a number: '12x4'", invalid(messages.getFirst()).reason());
        assertEquals(new BirdRiskChanged(BirdRisk.MEDIUM), messages.getLast());
    }

    @Test
    void aJpegShorterThanAnnouncedDoesNotSwallowTheMessagesAfterIt() {
        Jpeg shortCrop = TestJpegs.jpeg(600, 7);
        byte[] stream = new WireBytes()
                .text("ME_FD:1,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,700,").jpeg(shortCrop).text("\n")
                .text("ME_RA:1\nME_OD:3,FOD,1,1,RWY_A\n")
                .text("ME_FD:1,8,FOD,1,1,RWY_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP).text("\n")
                .text("ME_BR:1\n").toByteArray();
        List<NodeMessage> messages = Decoding.decodeAll(stream);
        assertEquals(Failure.BAD_IMAGE, invalid(messages.getFirst()).failure());
        assertEquals("ME_FD: the 700 bytes announced are not a whole JPEG (no FF D8 at the start or FF D9 at the end)",
                invalid(messages.getFirst()).reason());
        assertEquals(List.of(MessageType.ME_RA, MessageType.ME_OD, MessageType.ME_FD, MessageType.ME_BR),
                messages.subList(1, messages.size()).stream().map(NodeMessage::type).toList());
    }

    @Test
    void aJpegLongerThanAnnouncedIsReportedAndTheNextLineIsDecoded() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("ME_FD:1,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,500,").jpeg(FOD_CROP).text("\n")
                .text("ME_RA:1\n").toByteArray());
        assertEquals(Failure.BAD_IMAGE, invalid(messages.getFirst()).failure());
        assertEquals(new RunwayStateChanged(Runway.A, RunwayState.WARNING), messages.getLast());
    }

    @Test
    void aStreamThatEndsInsideAnImageIsTruncatedAndWhatItHeldIsRecovered() {
        Decoding decoding = new Decoding();
        List<NodeMessage> beforeEnd = decoding.feed(new WireBytes()
                .text("ME_RA:0\nME_FD:1,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,5000,").jpeg(TestJpegs.jpeg(100, 1))
                .text("\nME_BR:2\nME_OD:1,BI").toByteArray());
        assertEquals(List.of(new RunwayStateChanged(Runway.A, RunwayState.CLEAR)), beforeEnd);
        List<NodeMessage> atEnd = decoding.finish();
        assertEquals(3, atEnd.size(), atEnd::toString);
        assertEquals("the stream ended 4881 bytes before the end of the ME_FD image", invalid(atEnd.get(0)).reason());
        assertEquals(new BirdRiskChanged(BirdRisk.MEDIUM), atEnd.get(1));
        assertEquals(new InvalidMessage(Failure.TRUNCATED, "the stream ended inside a ME_OD message", "ME_OD:1,BI"), atEnd.get(2));
    }

    @Test
    void aStreamThatEndsInsideAHeaderOrPrefixIsTruncated() {
        assertEquals("the stream ended inside a ME_FD message",
                invalid(Decoding.decodeAll("ME_FD:1,7,BI".getBytes()).getFirst()).reason());
        assertEquals("the stream ended inside a message prefix",
                invalid(Decoding.decodeAll("ME_O".getBytes()).getFirst()).reason());
        assertEquals(List.of(), Decoding.decodeAll("\r\n\n".getBytes()));
    }

    @Test
    void aHeaderBrokenByANewlineIsReported() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes().text("ME_FD:1,7,BIRD\nME_BR:3\n").toByteArray());
        assertEquals("ME_FD: the line ended before the image size", invalid(messages.getFirst()).reason());
        assertEquals(new BirdRiskChanged(BirdRisk.LOW), messages.getLast());
    }

    @Test
    void aWellFramedHeaderWithABadFieldLosesOnlyItsOwnMessage() {
        List<NodeMessage> messages = Decoding.decodeAll(new WireBytes()
                .text("ME_FD:9,7,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP)
                .text("ME_FD:1,8,BIRD,1,1,RWY_A,2025-06-27T10:36:04Z,1098,").jpeg(FOD_CROP).text("\n").toByteArray());
        assertEquals("ME_FD: event type must be 1-3: '9'", invalid(messages.getFirst()).reason());
        assertEquals(8, ((FirstDetection) messages.getLast()).objectId());
    }

    // --- every split of the byte stream ---

    static byte[] mixedStream() {
        Jpeg crop = TestJpegs.hostile(180);
        return new WireBytes()
                .text("AR_UA:OK\nME_OD:17510203858541,WORK_PERSON,332,380,RWY_B;17510203858245,PERSON,442,377,RWY_B,0\n")
                .text("ME_FD:2,175124638920413,PERSON,476,374,RWY_B,2025-06-30T01:19:49Z,0,180,").jpeg(crop).text("\n")
                .text("ME_OD:175124638568410,PERSON,441,372,GRASS_A,0;175124638581412,VEHICLE,-14,108,UNKNOWN\r\n")
                .text("MR_OD:OK,1,17512641742901,ANIMAL,RWY_B,2025-06-30T15:16:14Z,180,").jpeg(crop)
                .text("garbage!\nME_FD:1,9,FOD,1,1,RWY_A,2025-06-27T10:36:04Z,180,").jpeg(crop)
                .text("LR_OI:OK,180,").jpeg(crop)
                .text("AH_AC:1,2,3,1,2,3,1,2\nMR_OD:OK,17512641742901,ANIMAL,None,2025-06-30T15:16:14Z,180$$").jpeg(crop)
                .text("LR_OL:OK,UNAUTH,1751250790995189,WORK_PERSON,RWY_B,2025-06-30T11:33:11Z\nME_RA:1\nME_BR:2\n")
                .toByteArray();
    }

    @Test
    void everyTwoPieceSplitDecodesTheSame() {
        byte[] stream = mixedStream();
        List<NodeMessage> whole = Decoding.decodeAll(stream);
        assertEquals(13, whole.size(), whole::toString);
        assertEquals(1, whole.stream().filter(InvalidMessage.class::isInstance).count());
        for (int cut = 1; cut < stream.length; cut++) {
            assertEquals(whole, Decoding.decodeAll(stream, cut), "split at byte " + cut);
        }
    }

    @Test
    void oneByteAtATimeDecodesTheSame() {
        byte[] stream = mixedStream();
        assertEquals(Decoding.decodeAll(stream), Decoding.decodeByteByByte(stream));
    }

    @Test
    void randomSplitsDecodeTheSame() {
        byte[] stream = mixedStream();
        List<NodeMessage> whole = Decoding.decodeAll(stream);
        Random random = new Random(20261122);
        for (int run = 0; run < 300; run++) {
            int[] cuts = random.ints(1 + random.nextInt(40), 1, stream.length).sorted().distinct().toArray();
            assertEquals(whole, Decoding.decodeAll(stream, cuts), "cuts " + java.util.Arrays.toString(cuts));
        }
    }

    @Test
    void commandDatesAreWrittenAsTheNodeReadsThem() {
        assertEquals("LC_OL:2025-06-30,2025-07-01",
                new vigil.protocol.wire.GetObjectLog(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 7, 1)).text());
    }
}
