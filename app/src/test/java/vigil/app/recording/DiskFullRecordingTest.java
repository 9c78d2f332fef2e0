package vigil.app.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vigil.app.CapturedOutput;
import vigil.app.Vigil;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;
import vigil.storage.testing.SmallDisk;

/** {@code vigil record} on a disk that fills up for real (a small tmpfs), then has room again. */
class DiskFullRecordingTest {
    private static final int HELD = 3;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void theRecorderSaysTheDiskIsFullKeepsWhatArrivesAndRecordsItOnceThereIsRoom() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(3)) {
            Path data = disk.path().resolve("data");
            SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
            CompletableFuture<Integer> recording;
            int sent = 0;
            try {
                recording = CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute("record", "--node", "127.0.0.1:" + node.port(),
                        "--data", data.toString(), "--once"));
                Recorder.await("the recorder", () -> node.consoles() == 1, Duration.ofSeconds(30));
                String full = "vigil record: the store's disk is full (No space left on device): node incidents wait until it takes them";
                while (!captured.stderr().contains(full)) {
                    assertTrue(sent < 200, "3 MB hold no more than about 150 pictures of 20 kB");
                    detect(node, sent++);
                    int before = sent;
                    Recorder.await("the incident, or the disk full", () -> recorded() == before || captured.stderr().contains(full),
                            Duration.ofSeconds(10));
                }
                int stored = sent - 1;
                for (int i = 0; i < HELD - 1; i++) {
                    detect(node, sent++);
                }
                TimeUnit.SECONDS.sleep(2);
                assertEquals(stored, recorded(), "nothing is told recorded before it is on disk");
                assertTrue(captured.stderr().contains("[127.0.0.1:" + node.port() + "] ONLINE"), "and the link stays up");

                disk.grow(32);
                Recorder.await("the incidents that waited", () -> recorded() == stored + HELD, Duration.ofSeconds(20));
                assertTrue(captured.stderr().contains("vigil record: the store takes writes again after "), captured.stderr());
                assertTrue(captured.stderr().contains(" s; " + HELD + " node incidents waited meanwhile, now in the store"), captured.stderr());
                detect(node, sent++);
                Recorder.await("the incident after", () -> recorded() == stored + HELD + 1, Duration.ofSeconds(20));
            } finally {
                node.close();
            }
            assertEquals(0, recording.get(20, TimeUnit.SECONDS));
            assertFalse(captured.stderr().contains("a write failed"), captured.stderr());
            try (Storage storage = Storage.open(data)) {
                assertEquals(sent, storage.incidents().count());
                List<SiteEvent> events = storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.STORAGE), null, 10);
                assertEquals(List.of("OK", "DISK_FULL"), events.stream().map(SiteEvent::state).toList());
            }
            assertEquals(0, captured.vigil("verify", "--data", data.toString()), captured.stdout() + captured.stderr());
        }
    }

    private static void detect(SimulatedNode node, int objectId) {
        node.broadcast(new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 400, 460, Area.RWY_B, NodeTimestamp.of(Instant.now()), 0,
                TestJpegs.jpeg(20_000, objectId)));
    }

    private long recorded() {
        return captured.stdout().lines().filter(line -> line.startsWith("incident ")).count();
    }
}
