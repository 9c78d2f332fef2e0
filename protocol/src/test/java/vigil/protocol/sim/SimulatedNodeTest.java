package vigil.protocol.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.protocol.testing.Recorder.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vigil.protocol.link.LinkSettings;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.testing.EventLoops;
import vigil.protocol.testing.Recorder;
import vigil.protocol.video.VideoReceiver;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetBirdRiskLog;
import vigil.protocol.wire.GetObjectImage;
import vigil.protocol.wire.GetObjectLog;
import vigil.protocol.wire.GetPilotRequestLog;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/** The simulated node behaves as PROTOCOL.md §5 says a node does, seen through a real link. */
class SimulatedNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final EventLoops LOOPS = new EventLoops();

    private SimulatedNode node;
    private NodeLink link;
    private final Recorder recorder = new Recorder();

    @AfterEach
    void closeAll() {
        if (link != null) {
            link.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private void start(SimulatedNode.Settings settings) throws InterruptedException {
        node = SimulatedNode.start(settings.withPort(0));
        link = new NodeLink(new NodeAddress("127.0.0.1", node.port()), LOOPS.group(), LinkSettings.defaults(), recorder).start();
        await("online", () -> link.state().isOnline(), WAIT);
    }

    @Test
    void snapshotsListOnlyAlarmingObjectsAndEachIsAnnouncedOnce() throws Exception {
        start(SimulatedNode.Settings.defaults().withSeed(7).withObjects(24).withRate(50));
        await("ten first detections", () -> recorder.messages(FirstDetection.class).size() >= 10, WAIT);

        Set<Long> listed = new HashSet<>();
        List<AuthorityLevel> levels = Collections.nCopies(8, AuthorityLevel.AUTH_ONLY);
        for (ObjectSnapshot snapshot : recorder.messages(ObjectSnapshot.class)) {
            assertFalse(snapshot.objects().isEmpty(), "nothing is sent while nothing alarms");
            for (DetectedObject object : snapshot.objects()) {
                listed.add(object.id());
                assertTrue(Scenario.alarms(object.objectClass(), object.area(), object.isDown(), levels)
                        || object.objectClass() == ObjectClass.WORK_PERSON, "only alarming objects are listed: " + object);
                assertEquals(object.objectClass() == ObjectClass.PERSON, object.rescueLevel() != null,
                        "ME_OD carries a rescue level for PERSON only: " + object);
            }
        }
        Set<String> announcements = new HashSet<>();
        for (FirstDetection detection : recorder.messages(FirstDetection.class)) {
            assertTrue(announcements.add(detection.objectId() + "/" + detection.eventType()), "announced twice: " + detection);
            assertTrue(listed.contains(detection.objectId()), "announced before it was listed: " + detection);
            assertEquals(detection.objectClass().canFall(), detection.rescueLevel() != null, detection::toString);
            assertTrue(detection.image().size() >= 1000 && detection.image().size() <= 5000,
                    "a crop is 1-5 KB: " + detection.image().size());
            assertEquals(CropRenderer.WIDTH, ImageIO.read(detection.image().openStream()).getWidth());
        }
        assertTrue(recorder.messages(InvalidMessage.class).isEmpty());
    }

    @Test
    void newLevelsChangeWhatAlarmsFromTheNextFrame() throws Exception {
        start(SimulatedNode.Settings.defaults().withSeed(3).withObjects(30));
        link.send(new SetAuthorityLevels(Collections.nCopies(8, AuthorityLevel.NO_ENTRY))).get(5, TimeUnit.SECONDS);
        recorder.awaitMessage(ObjectSnapshot.class, s -> s.objects().stream()
                .anyMatch(o -> o.objectClass() == ObjectClass.WORK_VEHICLE), WAIT);

        link.send(new SetAuthorityLevels(Collections.nCopies(8, AuthorityLevel.OPEN))).get(5, TimeUnit.SECONDS);
        int seen = recorder.messages().size();
        await("a few frames", () -> recorder.messages().size() > seen + 20, WAIT);
        List<ObjectSnapshot> after = recorder.messages(ObjectSnapshot.class);
        ObjectSnapshot last = after.getLast();
        for (DetectedObject object : last.objects()) {
            assertTrue(object.objectClass().isHazard() || object.isDown() || !object.area().isZone()
                            || object.objectClass() == ObjectClass.WORK_PERSON,
                    "with every zone OPEN only hazards, rescues and objects off the zones alarm: " + object);
        }
    }

    @Test
    void historyRepliesComeFromTheNodesOwnRecords() throws Exception {
        start(SimulatedNode.Settings.defaults().withSeed(11));
        FirstDetection detection = recorder.awaitMessage(FirstDetection.class, d -> true, WAIT);
        LocalDate today = LocalDate.now();
        var log = link.send(new GetObjectLog(today.minusDays(1), today.plusDays(1))).get(5, TimeUnit.SECONDS);
        assertTrue(log.entries().stream().anyMatch(e -> e.objectId() == detection.objectId()
                && e.eventType() == detection.eventType()
                && e.area() == (detection.area().isZone() ? detection.area() : Area.NONE)));
        assertEquals(detection.image(), link.send(new GetObjectImage(detection.objectId())).get(5, TimeUnit.SECONDS).image());
        assertTrue(link.send(new GetObjectLog(today.minusDays(9), today.minusDays(8))).get(5, TimeUnit.SECONDS).entries().isEmpty());
        link.send(new GetBirdRiskLog(today, today)).get(5, TimeUnit.SECONDS);
        link.send(new GetPilotRequestLog(today, today)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void quirksSpeakTheOlderDialects() throws Exception {
        start(SimulatedNode.Settings.defaults().withSeed(5).withQuirks(true).withObjects(30));
        AuthorityLevels levels = link.send(new GetAuthorityLevels()).get(5, TimeUnit.SECONDS);
        assertEquals(Dialect.AH, levels.dialect());
        await("first detections without their newline", () -> recorder.messages(FirstDetection.class).size() >= 5, WAIT);
        recorder.awaitMessage(ObjectSnapshot.class, s -> s.objects().stream().anyMatch(o -> !o.isOnMap()), WAIT);
        assertTrue(recorder.messages(InvalidMessage.class).isEmpty(), () -> recorder.messages(InvalidMessage.class).toString());
    }

    @Test
    void twoCommandsInOneWriteAreOneMalformedCommand() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("AC_AC\nAC_AC\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte["AR_ERROR:unknown command\n".length()];
            int read = 0;
            while (read < reply.length) {
                read += in.read(reply, read, reply.length - read);
            }
            assertEquals("AR_ERROR:unknown command\n", new String(reply, StandardCharsets.US_ASCII));
        }
        assertEquals(1, node.mergedCommandReads());
    }

    @Test
    void aCameraStreamsFramesOverUdpUntilStopped() throws Exception {
        List<vigil.protocol.video.VideoFrame> frames = Collections.synchronizedList(new java.util.ArrayList<>());
        try (VideoReceiver receiver = VideoReceiver.bind(LOOPS.group(), new InetSocketAddress("127.0.0.1", 0), frames::add)) {
            start(SimulatedNode.Settings.defaults().withUdpTarget(new InetSocketAddress("127.0.0.1", receiver.port())));
            link.send(new StartCamera(Camera.B)).get(5, TimeUnit.SECONDS);
            await("ten frames", () -> frames.size() >= 10, WAIT);
            link.send(new StopCamera()).get(5, TimeUnit.SECONDS);
            Thread.sleep(300);
            int afterStop = frames.size();
            Thread.sleep(500);
            assertEquals(afterStop, frames.size(), "no frames after MC_MP");

            var frame = frames.getFirst();
            assertEquals(Camera.B, frame.camera());
            assertTrue(String.valueOf(frame.imageId()).length() == 19, "a nanosecond timestamp: " + frame.imageId());
            var image = ImageIO.read(new ByteArrayInputStream(frame.image().toByteArray()));
            assertEquals(CameraStreamer.FRAME_SIZE, image.getWidth());
            assertEquals(CameraStreamer.FRAME_SIZE, image.getHeight());
            assertEquals(0L, receiver.stats().drops().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void objectIdsAreNeverRepeatedEvenWhenManyAppearAtOnce() {
        Scenario scenario = new Scenario(3, 1_500, false, 1_750_000_000_000L);
        Set<Long> ids = new HashSet<>();
        List<AuthorityLevel> levels = Collections.nCopies(8, AuthorityLevel.AUTH_ONLY);
        for (int frame = 0; frame < 25 * 90; frame++) { // long enough for objects to leave and new ones to come
            List<DetectedObject> everything = scenario.tick(0.04, levels).everything();
            assertEquals(everything.size(), everything.stream().map(DetectedObject::id).distinct().count(), "frame " + frame);
            everything.forEach(object -> ids.add(object.id()));
        }
        assertTrue(ids.size() > 1_500, "new objects came: " + ids.size());
    }

    @Test
    void aPersonWhoFallsIsAnnouncedAgainAsARescue() {
        Scenario scenario = new Scenario(1, 12, false, 1_750_000_000_000L);
        List<AuthorityLevel> levels = Collections.nCopies(8, AuthorityLevel.AUTH_ONLY); // a standing PERSON alarms
        Set<Long> rescues = new HashSet<>();
        Set<Long> announcedEarlier = new HashSet<>();
        for (int frame = 0; frame < 25 * 600 && rescues.isEmpty(); frame++) {
            for (Scenario.Announcement announcement : scenario.tick(0.04, levels).announcements()) {
                if (announcement.eventType() == EventType.RESCUE && announcedEarlier.contains(announcement.object().id())) {
                    rescues.add(announcement.object().id());
                    assertTrue(announcement.rescueLevel() >= 1);
                }
                announcedEarlier.add(announcement.object().id());
            }
        }
        assertFalse(rescues.isEmpty(), "in ten simulated minutes someone who was already alarming falls");
    }
}
