package vigil.app.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.protocol.testing.Recorder.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.LinkSettings;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.FaultProxy;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.IncidentQuery;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * The recorder behind a proxy that does what bad networks do, between a real simulated node and a
 * real store: what arrived whole is recorded once, nothing from a damaged message, the link comes
 * back by itself, the site events say what happened, and the store verifies.
 */
class FaultInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TIMESTAMP = "2025-06-30T04:56:25Z";

    @TempDir
    Path data;

    private SimulatedNode node;
    private FaultProxy proxy;
    private Storage storage;
    private EventLoopGroup group;
    private NodeLink link;
    private final List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
    /** Every first detection the console decoded whole. */
    private final List<Long> decoded = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        proxy = new FaultProxy(node.port());
        storage = Storage.open(data);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Recorder recorder = new Recorder(storage, (node, zone) -> List.of(), incident -> recorded.add(incident.incident().objectId()), error -> { });
        NodeLink.Listener listener = new NodeLink.Listener() {
            @Override
            public void onMessage(NodeLink from, NodeMessage message) {
                if (message instanceof FirstDetection detection) {
                    decoded.add(detection.objectId());
                }
                recorder.onMessage(from, message);
            }

            @Override
            public void onStateChange(NodeLink from, LinkState state) {
                recorder.onStateChange(from, state);
            }
        };
        LinkSettings settings = LinkSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .withProbeAfter(Duration.ofMillis(500)).withReplyTimeout(Duration.ofMillis(500));
        link = new NodeLink(new NodeAddress("127.0.0.1", proxy.port()), group, settings, listener).start();
        await("online", () -> link.state().isOnline() && node.consoles() == 1, WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        proxy.close();
        node.close();
        storage.close();
    }

    private static FirstDetection detection(long objectId, int imageSeed) {
        return new FirstDetection(EventType.HAZARD, objectId, ObjectClass.FOD, 10, 10, Area.RWY_A, NodeTimestamp.parse(TIMESTAMP), null,
                TestJpegs.jpeg(3_000, imageSeed));
    }

    private List<SiteEvent> linkEvents() {
        return storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.LINK_UP, SiteEvent.Kind.LINK_DOWN), null, 100);
    }

    @Test
    void aBlackHoleIsFoundByTheProbeAndTheLinkComesBack() {
        proxy.blackHole(); // no bytes either way, no FIN, no RST
        await("found unresponsive and reconnected", () -> proxy.connections() >= 2 && link.state().isOnline(), WAIT);
        assertTrue(linkEvents().stream().anyMatch(event -> event.detail().startsWith("link down: unresponsive")), linkEvents()::toString);

        node.broadcast(detection(7, 7));
        await("recorded through the new connection", () -> recorded.contains(7L), WAIT);
        assertEquals(0, link.counters().snapshot().totalFailures(), "silence is no decoding failure");
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    @Test
    void aDetectionDrippedOneByteAtATimeWithAStallInItsJpegIsRecordedWhole() {
        String header = "ME_FD:1,4,FOD,10,10,RWY_A," + TIMESTAMP + ",3000,";
        proxy.drip(header.length() + 1_500, Duration.ofMillis(300)); // under the probe's silence, as a slow link
        node.broadcast(detection(4, 4));
        await("recorded", () -> recorded.contains(4L), WAIT);
        assertEquals(1, proxy.connections(), "the link held");
        assertEquals(1, link.counters().snapshot().messages(MessageType.ME_FD));
        assertEquals(0, link.counters().snapshot().totalFailures());
        assertTrue(linkEvents().stream().noneMatch(event -> event.kind() == SiteEvent.Kind.LINK_DOWN), linkEvents()::toString);
        assertEquals(detection(4, 4).image().sha256Hex(), storage.incidents().search(
                IncidentQuery.ALL, null, 1).incidents().getFirst().imageSha256());
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    @Test
    void aDetectionDeliveredTwiceOrReannouncedByARestartedNodeIsOneIncident() {
        node.broadcast(detection(5, 5));
        node.broadcast(detection(5, 5)); // exactly again
        node.broadcast(new FirstDetection(EventType.HAZARD, 5, ObjectClass.FOD, 12, 11, Area.RWY_A,
                NodeTimestamp.parse("2025-06-30T04:58:00Z"), null, TestJpegs.jpeg(3_100, 55))); // a restart: new crop, later time
        node.broadcast(detection(6, 6));
        await("the next one", () -> recorded.contains(6L), WAIT);
        assertEquals(List.of(5L, 6L), List.copyOf(recorded));
        assertEquals(2, storage.incidents().count());
        assertEquals(4, link.counters().snapshot().messages(MessageType.ME_FD), "each repeat was read, and counted");
        assertEquals(0, link.counters().snapshot().totalFailures());
        assertTrue(storage.incidents().image(TestJpegs.jpeg(3_100, 55).sha256Hex()).isEmpty(), "the repeat's crop is not kept");
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    @Test
    void resetsEveryFewHundredMillisecondsLoseNothingThatArrivedWhole() throws Exception {
        dropWhileDetecting(true);
    }

    @Test
    void aFlappingLinkLosesNothingThatArrivedWhole() throws Exception {
        dropWhileDetecting(false);
    }

    /**
     * Forty detections, one every 50 ms, while the proxy ends the connection every 300-600 ms: what
     * is sent while the link is down is lost on the wire (a node sends an ME_FD once), but every
     * detection the console decoded whole is one incident, and no incident is anything else.
     */
    private void dropWhileDetecting(boolean reset) throws Exception {
        java.util.Random random = new java.util.Random(reset ? 1 : 2);
        long nextDrop = System.nanoTime() + 300_000_000L;
        for (int i = 0; i < 40; i++) {
            node.broadcast(detection(100 + i, i));
            Thread.sleep(50);
            if (System.nanoTime() > nextDrop) {
                proxy.dropConnections(reset);
                nextDrop = System.nanoTime() + (300 + random.nextInt(300)) * 1_000_000L;
            }
        }
        await("back", () -> link.state().isOnline() && node.consoles() == 1, WAIT);
        node.broadcast(detection(999, 99));
        await("the last one", () -> recorded.contains(999L), WAIT);
        await("every decoded detection recorded", () -> Set.copyOf(recorded).equals(Set.copyOf(decoded)), WAIT);
        assertEquals(recorded.size(), Set.copyOf(recorded).size(), "none twice");
        assertTrue(proxy.connections() >= 4, proxy.connections() + " connections");
        assertTrue(recorded.size() > 10, recorded.size() + " recorded");
        assertEquals(recorded.size(), storage.incidents().count());
        assertEquals(decoded.size(), link.counters().snapshot().messages(MessageType.ME_FD), "each decoded detection counted");
        assertTrue(link.counters().snapshot().failures(InvalidMessage.Failure.TRUNCATED) <= proxy.connections() - 1,
                "at most one message cut by each connection's end, counted as cut");
        await("each connection lost is a link-down event", () -> linkEvents().stream()
                .filter(event -> event.kind() == SiteEvent.Kind.LINK_DOWN).count() == proxy.connections() - 1, WAIT);
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    @Test
    void aConnectionCutInsideAJpegRecordsNothingOfThatDetectionAndTheNextOneAfterTheReconnection() {
        node.broadcast(detection(1, 1));
        await("the whole one", () -> recorded.contains(1L), WAIT);

        String header = "ME_FD:1,2,FOD,10,10,RWY_A," + TIMESTAMP + ",3000,";
        proxy.cutAfter(header.length() + 1_500); // half of the JPEG, then the connection is gone
        node.broadcast(detection(2, 2));
        await("reconnected", () -> proxy.connections() >= 2 && link.state().isOnline(), WAIT);
        // The link is online once the proxy accepts it, a moment before the proxy's own connection
        // reaches the node: the node sends again until the console has it (a repeat is not recorded twice).
        await("the next one", () -> {
            node.broadcast(detection(3, 3));
            return recorded.contains(3L);
        }, WAIT);

        assertEquals(List.of(1L, 3L), List.copyOf(recorded), "nothing from the damaged detection");
        assertEquals(2, storage.incidents().count());
        assertEquals(1, link.counters().snapshot().failures(InvalidMessage.Failure.TRUNCATED), "the cut detection, counted as cut");
        assertTrue(linkEvents().stream().anyMatch(event -> event.kind() == SiteEvent.Kind.LINK_DOWN), linkEvents()::toString);
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    /** A node before 0.95 sends no newline after the JPEG, so a detection whose JPEG arrived whole is whole. */
    @Test
    void aConnectionCutRightAfterAWholeJpegBeforeItsNewlineRecordsThatDetection() {
        String header = "ME_FD:1,8,FOD,10,10,RWY_A," + TIMESTAMP + ",3000,";
        proxy.cutAfter(header.length() + 3_000);
        node.broadcast(detection(8, 8));
        await("recorded", () -> recorded.contains(8L), WAIT);
        await("reconnected", () -> proxy.connections() >= 2 && link.state().isOnline(), WAIT);
        await("the next one", () -> {
            node.broadcast(detection(9, 9));
            return recorded.contains(9L);
        }, WAIT);
        assertEquals(List.of(8L, 9L), List.copyOf(recorded));
        assertEquals(detection(8, 8).image().sha256Hex(), storage.incidents().find(1).orElseThrow().imageSha256());
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }

    /**
     * Random damage to the node's bytes (about one byte in 2,000) while forty detections arrive: the
     * decoder says what it could not read and finds the next message, the link stays or comes back,
     * every detection it decoded is one incident and nothing else is, and once the damage stops a
     * clean detection is recorded. (Damage that leaves a message well-formed, a flipped bit inside a
     * JPEG, cannot be told from the node's own bytes: the protocol carries no checksum.)
     */
    @Test
    void randomByteDamageIsCountedAndSkippedAndLeavesNoIncidentThatWasNotDecoded() throws Exception {
        proxy.corrupt(1.0 / 2_000, 3);
        for (int i = 0; i < 40; i++) {
            node.broadcast(detection(200 + i, 200 + i));
            Thread.sleep(25);
        }
        proxy.corrupt(0, 0);
        await("back", () -> link.state().isOnline() && node.consoles() == 1, WAIT);
        await("a clean one after the damage", () -> {
            node.broadcast(detection(299, 99));
            return recorded.contains(299L);
        }, WAIT);
        await("every decoded detection recorded", () -> Set.copyOf(recorded).equals(Set.copyOf(decoded)), WAIT);
        assertEquals(recorded.size(), Set.copyOf(recorded).size(), "none twice");
        assertEquals(recorded.size(), storage.incidents().count());
        assertTrue(link.counters().snapshot().totalFailures() > 0, "the damage was seen and counted");
        await("said in the site events", () -> !storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.DECODER_FAILURE), null, 10).isEmpty(), WAIT);
        assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
    }
}
