package vigil.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.protocol.testing.Recorder.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.EventLoops;
import vigil.protocol.testing.Recorder;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.Area;

/** A real link over loopback TCP to a real simulated node. */
class NodeLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final EventLoops LOOPS = new EventLoops();

    private SimulatedNode node;
    private NodeLink link;

    @AfterEach
    void closeAll() {
        if (link != null) {
            link.close();
            link.terminated().orTimeout(5, TimeUnit.SECONDS).join();
        }
        if (node != null) {
            node.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LinkSettings fastSettings() {
        return LinkSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .withReplyTimeout(Duration.ofSeconds(2));
    }

    private NodeLink connect(int port, LinkSettings settings, Recorder recorder) {
        return new NodeLink(new NodeAddress("127.0.0.1", port), LOOPS.group(), settings, recorder).start();
    }

    @Test
    void aBusyNodesSnapshotIsNotTooLongForALink() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Recorder recorder = new Recorder();
        link = connect(node.port(), fastSettings(), recorder);
        await("online", () -> link.state().isOnline() && node.consoles() == 1, WAIT);
        List<DetectedObject> crowd = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // real ids have 14 digits: about 190 KB, three times the decoder's default line
            crowd.add(new DetectedObject(17_512_641_742_901L + i, ObjectClass.PERSON, i % 960, i % 720, Area.GRASS_A, 0));
        }
        node.broadcast(new ObjectSnapshot(crowd));
        assertEquals(crowd, recorder.awaitMessage(ObjectSnapshot.class, s -> true, WAIT).objects());
        assertEquals(0, link.counters().snapshot().totalFailures());
    }

    @Test
    void receivesTheNodesEventsAndAnswersToItsCommands() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0));
        Recorder recorder = new Recorder();
        link = connect(node.port(), fastSettings(), recorder);

        FirstDetection detection = recorder.awaitMessage(FirstDetection.class, d -> true, WAIT);
        assertTrue(recorder.messages(ObjectSnapshot.class).stream()
                        .anyMatch(s -> s.objects().stream().anyMatch(o -> o.id() == detection.objectId())),
                "an ME_FD follows the ME_OD that first lists its object");

        AuthorityLevels levels = link.send(new GetAuthorityLevels()).get(5, TimeUnit.SECONDS);
        assertEquals(Collections.nCopies(8, AuthorityLevel.AUTH_ONLY), levels.levels());
        ObjectDetail detail = link.send(new GetObjectDetail(detection.objectId())).get(5, TimeUnit.SECONDS);
        assertEquals(detection.image(), detail.image());
        assertEquals(0, link.counters().snapshot().totalFailures());
        assertEquals(0, node.mergedCommandReads());
    }

    @Test
    void reconnectsWhenTheNodeComesBackAndSendsQueuedCommandsOneAtATime() throws Exception {
        int port = freePort();
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(port));
        Recorder recorder = new Recorder();
        link = connect(port, fastSettings(), recorder);
        await("online", () -> link.state().isOnline(), WAIT);

        node.close();
        await("offline", () -> link.state().status() == LinkState.Status.OFFLINE
                || link.state().status() == LinkState.Status.CONNECTING, WAIT);
        var open = Collections.nCopies(8, AuthorityLevel.OPEN);
        CompletableFuture<AuthorityLevels> first = link.send(new GetAuthorityLevels());
        CompletableFuture<?> update = link.send(new SetAuthorityLevels(open));
        CompletableFuture<AuthorityLevels> second = link.send(new GetAuthorityLevels());
        Thread.sleep(300);
        assertFalse(first.isDone(), "a command waits while the node is away");

        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(port));
        assertEquals(Collections.nCopies(8, AuthorityLevel.AUTH_ONLY), first.get(10, TimeUnit.SECONDS).levels());
        update.get(5, TimeUnit.SECONDS);
        assertEquals(open, second.get(5, TimeUnit.SECONDS).levels());
        assertEquals(List.of("AC_AC\n", "AC_UA:1,1,1,1,1,1,1,1\n", "AC_AC\n"), node.commandReads());
        assertEquals(0, node.mergedCommandReads());
        List<LinkState.Status> states = recorder.states();
        assertEquals(LinkState.Status.ONLINE, states.getLast());
        assertTrue(states.subList(0, states.size() - 1).contains(LinkState.Status.OFFLINE), states::toString);
    }

    @Test
    void aReplyTimeoutFailsOnlyItsOwnCommand() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0));
        link = connect(node.port(), fastSettings().withReplyTimeout(Duration.ofMillis(500)), new Recorder());
        await("online", () -> link.state().isOnline(), WAIT);

        node.answerCommands(false);
        CompletableFuture<ObjectDetail> unanswered = link.send(new GetObjectDetail(42));
        await("the node to read the first command", () -> node.commandReads().size() == 1, WAIT);
        node.answerCommands(true);
        CompletableFuture<AuthorityLevels> next = link.send(new GetAuthorityLevels());

        ExecutionException timeout = assertThrows(ExecutionException.class, () -> unanswered.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, timeout.getCause());
        assertEquals("127.0.0.1:" + node.port() + " did not answer MC_OD within 500 ms", timeout.getCause().getMessage());
        assertEquals(8, next.get(5, TimeUnit.SECONDS).levels().size());
        assertTrue(link.state().isOnline(), "a silent node is not a dead node");
    }

    @Test
    void repliesBroadcastForAnotherConsoleAreCountedAndIgnored() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Recorder ours = new Recorder();
        link = connect(node.port(), fastSettings(), ours);
        NodeLink other = connect(node.port(), fastSettings(), new Recorder());
        try {
            await("both online", () -> link.state().isOnline() && other.state().isOnline() && node.consoles() == 2, WAIT);
            node.answerCommands(false);
            CompletableFuture<ObjectDetail> waiting = link.send(new GetObjectDetail(7));
            await("the node to read our command", () -> node.commandReads().size() == 1, WAIT);

            // Another console's answers reach us too: an MC_OD detail for another object, and an AC_AC reply.
            node.broadcast(new ObjectDetail(EventType.HAZARD, 8, ObjectClass.FOD, Area.RWY_A,
                    NodeTimestamp.parse("2025-06-30T15:16:14Z"), vigil.protocol.testing.TestJpegs.jpeg(100, 1)));
            node.broadcast(new AuthorityLevels(Dialect.AR, Collections.nCopies(8, AuthorityLevel.OPEN)));
            await("both replies", () -> ours.messages().size() == 2, WAIT);
            assertFalse(waiting.isDone(), "a detail of another object does not answer ours");
            assertEquals(2, link.counters().snapshot().unsolicitedReplies());

            node.broadcast(new ErrorReply(MessageType.MR_OD, Dialect.AR, 3));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertEquals("MC_OD failed: ERR,3, the node has no record of that object", failed.getCause().getMessage());
        } finally {
            other.close();
        }
    }

    @Test
    void anErrorReplyFailsTheCommandWithItsMeaning() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        link = connect(node.port(), fastSettings(), new Recorder());
        node.failAuthorityUpdates(4);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> link.send(new SetAuthorityLevels(Collections.nCopies(8, AuthorityLevel.NO_ENTRY))).get(5, TimeUnit.SECONDS));
        CommandFailedException cause = assertInstanceOf(CommandFailedException.class, failed.getCause());
        assertEquals(new ErrorReply(MessageType.AR_UA, Dialect.AR, 4), cause.reply());
        assertEquals("AC_UA failed: ERR,4, the node could not store the levels", cause.getMessage());
        assertEquals(Collections.nCopies(8, AuthorityLevel.AUTH_ONLY), node.authorityLevels());
    }

    @Test
    void aLinkThatDoesNotReconnectEndsWithItsConnection() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        link = connect(node.port(), fastSettings().withReconnect(false), new Recorder());
        await("online", () -> link.state().isOnline(), WAIT);
        node.close();
        link.terminated().get(5, TimeUnit.SECONDS);
        assertEquals(LinkState.Status.OFFLINE, link.state().status());
        assertEquals("the node closed the connection", link.state().lastError());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> link.send(new GetAuthorityLevels()).get(5, TimeUnit.SECONDS));
        assertInstanceOf(LinkClosedException.class, refused.getCause());
    }

    @Test
    void anAbsentNodeIsRetriedWithBackOff() throws Exception {
        int port = freePort();
        Recorder recorder = new Recorder();
        link = connect(port, fastSettings(), recorder);
        await("three attempts", () -> recorder.states().stream().filter(s -> s == LinkState.Status.OFFLINE).count() >= 3, WAIT);
        assertTrue(link.state().lastError().startsWith("cannot connect to 127.0.0.1:" + port), link.state().lastError());
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(port).withObjects(0));
        await("online once the node is there", () -> link.state().isOnline(), WAIT);
    }

    @Test
    void aSilentNodeThatAnswersItsProbesStaysOnline() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Recorder recorder = new Recorder();
        link = connect(node.port(), fastSettings().withProbeAfter(Duration.ofMillis(200)), recorder);
        await("three probes answered", () -> node.commandReads().size() >= 3, WAIT);
        assertTrue(node.commandReads().stream().allMatch("AC_AC\n"::equals), node.commandReads()::toString);
        assertTrue(link.state().isOnline(), "silent is not dead");
        assertEquals(List.of(LinkState.Status.CONNECTING, LinkState.Status.ONLINE), recorder.states());
    }

    @Test
    void aNodeThatStopsAnsweringIsFoundUnresponsiveAndTheLinkReconnects() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Recorder recorder = new Recorder();
        link = connect(node.port(), fastSettings().withProbeAfter(Duration.ofMillis(300)).withReplyTimeout(Duration.ofMillis(300)),
                recorder);
        await("online", () -> link.state().isOnline(), WAIT);
        node.answerCommands(false); // a hung node process: its kernel still holds the connection open
        await("unresponsive", () -> recorder.states().contains(LinkState.Status.OFFLINE), WAIT);
        LinkState down = recorder.linkStates().stream().filter(state -> state.status() == LinkState.Status.OFFLINE)
                .findFirst().orElseThrow();
        assertEquals("unresponsive: silent for 300 ms, and no answer to AC_AC within 300 ms", down.lastError());
        node.answerCommands(true);
        await("online again, answering", () -> link.state().isOnline() && node.consoles() == 1, WAIT);
        Thread.sleep(1_000); // several probe periods
        assertTrue(link.state().isOnline(), link.state()::toString);
    }

    @Test
    void aProbeThatIsTurnedOffIsNeverSent() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        link = connect(node.port(), fastSettings().withProbeAfter(Duration.ZERO), new Recorder());
        await("online", () -> link.state().isOnline(), WAIT);
        Thread.sleep(500);
        assertEquals(List.of(), node.commandReads());
    }

    @Test
    void keepAliveIsTunedToFindAVanishedHostInAboutAMinute() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        link = connect(node.port(), fastSettings(), new Recorder());
        await("online", () -> link.state().isOnline(), WAIT);
        assertEquals(true, link.socketOption(ChannelOption.SO_KEEPALIVE));
        assertEquals(30, link.socketOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
        assertEquals(10, link.socketOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
        assertEquals(3, link.socketOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)));
    }

    @Test
    void somethingThatAcceptsAndClosesIsBackedOffFrom() throws Exception {
        // A port forwarder or load balancer before a dead node: every connect succeeds, then closes.
        List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket forwarder = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!forwarder.isClosed()) {
                    try {
                        forwarder.accept().close();
                        accepted.add(System.nanoTime());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            link = connect(forwarder.getLocalPort(), fastSettings(), new Recorder()); // back-off 50 ms to 400 ms
            Thread.sleep(3_000);
            link.close();
            forwarder.close();
            acceptor.join();
        }
        // Reset on every connect, it would knock every 25-50 ms: some 60 times. Backing off, about 10.
        assertTrue(accepted.size() <= 15, accepted.size() + " connections in 3 s");
        long lastGap = accepted.getLast() - accepted.get(accepted.size() - 2);
        assertTrue(lastGap >= TimeUnit.MILLISECONDS.toNanos(180), "the back-off reached its ceiling: " + lastGap / 1_000_000 + " ms");
    }

    @Test
    void backOffGrowsToItsCeilingWithJitter() {
        LinkSettings settings = LinkSettings.defaults();
        assertEquals(Duration.ofMillis(500), settings.backoff(0, 0));
        assertEquals(Duration.ofMillis(1000), settings.backoff(0, 1));
        assertEquals(Duration.ofMillis(8000), settings.backoff(3, 1));
        assertEquals(Duration.ofMillis(15_000), settings.backoff(10, 0));
        assertEquals(Duration.ofMillis(30_000), settings.backoff(40, 1));
    }
}
