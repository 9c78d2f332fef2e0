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
