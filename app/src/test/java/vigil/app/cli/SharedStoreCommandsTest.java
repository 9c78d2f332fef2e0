package vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.app.Vigil;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.SharedStore;
import vigil.storage.Storage;
import vigil.storage.testing.PostgresServer;

/** The commands on a shared PostgreSQL store: two recorders of one node, then listing and verifying. */
class SharedStoreCommandsTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void twoRecordersOfOneNodeRecordEachIncidentOnceInOneStoreThatVerifies() throws Exception {
        SharedStore store = PostgresServer.get().newDatabase();
        String address = store.toString();
        Path password = Files.writeString(work.resolve("store-password"), store.password() + "\n");
        SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        List<CompletableFuture<Integer>> recorders = List.of("desk-a", "desk-b").stream()
                .map(desk -> CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute("record", "--node", "127.0.0.1:" + node.port(),
                        "--data", work.resolve(desk).toString(), "--store", address, "--store-password-file", password.toString(), "--once")))
                .toList();
        try {
            Recorder.await("two recorders", () -> node.consoles() == 2, Duration.ofSeconds(30));
            for (int i = 0; i < 5; i++) {
                node.broadcast(new FirstDetection(EventType.UNAUTH, 700 + i, ObjectClass.PERSON, 10 * i, 10 * i, Area.TWY_A,
                        NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(2000 + i, i)));
            }
            Recorder.await("five incidents, each told once as new", () -> captured.stdout().lines().filter(l -> l.startsWith("incident ")).count() == 5,
                    Duration.ofSeconds(20));
        } finally {
            node.close();
        }
        for (CompletableFuture<Integer> recorder : recorders) {
            assertEquals(0, recorder.get(20, TimeUnit.SECONDS));
        }
        assertTrue(captured.stderr().contains(" into " + address + "\n"), captured.stderr());

        assertEquals(0, captured.vigil("incidents", "--store", address, "--store-password-file", password.toString(), "--json"));
        assertEquals(5, captured.stdout().lines().count(), captured.stdout());
        assertEquals(0, captured.vigil("verify", "--store", address, "--store-password-file", password.toString()));
        assertTrue(captured.stdout().startsWith("OK: checked 5 images, 0 clips, 5 audit entries and 5 incidents in " + address), captured.stdout());
    }

    @Test
    void aDataDirectorysHistoryIsCopiedIntoAnEmptySharedStoreAndVerifiedThere() throws Exception {
        Path data = work.resolve("data");
        try (Storage storage = Storage.open(data)) {
            for (int i = 0; i < 3; i++) {
                storage.incidents().record(new NodeAddress("10.0.0.7", 5100), new FirstDetection(EventType.HAZARD, 900 + i, ObjectClass.BIRD,
                        i, i, Area.RWY_A, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(1200, 900 + i)), Instant.now()).get();
            }
        }
        SharedStore store = PostgresServer.get().newDatabase();
        Path password = Files.writeString(work.resolve("store-password"), store.password() + "\n");
        assertEquals(0, captured.vigil("store", "copy", "--from", data.toString(), "--to", store.toString(), "--store-password-file", password.toString()));
        assertTrue(captured.stdout().contains("incident: 3\n"), captured.stdout());
        assertTrue(captured.stdout().contains("OK: copied " + data + " into " + store + "; verified 3 audit entries and 3 incidents there."),
                captured.stdout());
        assertEquals(1, captured.vigil("store", "copy", "--from", data.toString(), "--to", store.toString(), "--store-password-file", password.toString()));
        assertTrue(captured.stderr().startsWith("vigil store copy: " + store + " is not empty ("), captured.stderr());
    }

    @Test
    void aRecorderStartedWhileTheSharedStoreIsDownSpoolsAndForwardsInOrderOnceItIsBack() throws Exception {
        PostgresServer server = PostgresServer.get();
        SharedStore store = server.newDatabase();
        Path password = Files.writeString(work.resolve("store-password"), store.password() + "\n");
        Path data = work.resolve("recorder");
        SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        CompletableFuture<Integer> recording;
        server.kill();
        try {
            recording = CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute("record", "--node", "127.0.0.1:" + node.port(),
                    "--data", data.toString(), "--store", store.toString(), "--store-password-file", password.toString(), "--once"));
            Recorder.await("the recorder, spooling", () -> node.consoles() == 1
                    && captured.stderr().contains("; recording node incidents into the spool in " + data + " until it is back"), Duration.ofSeconds(30));
            for (int i = 0; i < 5; i++) {
                node.broadcast(new FirstDetection(EventType.RESCUE, 800 + i, ObjectClass.PERSON, i, i, Area.RWY_B,
                        NodeTimestamp.of(Instant.now()), 1, TestJpegs.jpeg(1500, 800 + i)));
            }
            Thread.sleep(1_000);
        } finally {
            server.restart();
        }
        try {
            Recorder.await("the store back, and recording into it", () -> captured.stderr().contains(
                    "vigil record: the shared store is back; forwarding 5 spooled incidents first") && captured.stderr().contains(" into " + store),
                    Duration.ofSeconds(30));
            node.broadcast(new FirstDetection(EventType.HAZARD, 805, ObjectClass.FOD, 9, 9, Area.RWY_B, NodeTimestamp.of(Instant.now()), null,
                    TestJpegs.jpeg(1500, 805)));
            Recorder.await("the incident after", () -> captured.stdout().contains(", object 805 from "), Duration.ofSeconds(20));
        } finally {
            node.close();
        }
        assertEquals(0, recording.get(20, TimeUnit.SECONDS));
        try (Storage shared = Storage.open(work.resolve("reader"), store)) {
            List<Long> objects = shared.incidents().search(vigil.storage.IncidentQuery.ALL, null, 10).incidents().stream()
                    .sorted(java.util.Comparator.comparingLong(vigil.storage.Incident::id)).map(vigil.storage.Incident::objectId).toList();
            assertEquals(List.of(800L, 801L, 802L, 803L, 804L, 805L), objects, "each once, in the order they arrived");
            assertTrue(shared.verify().intact(), () -> shared.verify().problems().toString());
        }
    }

    @Test
    void aWrongAddressOrAnUnreachableStoreIsToldInWords() throws Exception {
        assertEquals(2, captured.vigil("incidents", "--store", "postgresql://db.site/vigil"));
        assertTrue(captured.stderr().contains("names no user: add ?user=NAME"), captured.stderr());

        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(3, captured.vigil("incidents", "--store", "postgresql://127.0.0.1:" + closedPort + "/vigil?user=desk"));
        assertTrue(captured.stderr().startsWith("vigil: cannot reach the shared store postgresql://127.0.0.1:" + closedPort + "/vigil?user=desk: "),
                captured.stderr());
    }
}
