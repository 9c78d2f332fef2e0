package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.testing.SmallDisk;

/** The embedded store on a disk that fills up for real (a small tmpfs), and then has room again. */
class DiskFullTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);
    private static final int HELD = 6;

    private static FirstDetection detection(long objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 407, 469, Area.RWY_B,
                NodeTimestamp.parse("2025-06-30T04:56:25Z"), 0, TestJpegs.jpeg(20_000, objectId));
    }

    @Test
    void incidentsWaitInMemoryWhileTheDiskIsFullAndAreStoredOnceThereIsRoom() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(3)) {
            Storage storage = Storage.open(disk.path().resolve("data"));
            List<String> heard = new CopyOnWriteArrayList<>();
            storage.listenToOutages(new Outage.Listener() {
                @Override
                public void began(Outage outage, Instant at, String reason) {
                    heard.add("began " + outage + ": " + reason);
                }

                @Override
                public void ended(Outage outage, String reason, Instant since, Instant at, int waited) {
                    heard.add("ended " + outage + ", " + waited + " waited");
                }
            });
            int stored = 0;
            List<CompletableFuture<Recorded>> waiting = new ArrayList<>();
            while (waiting.isEmpty()) {
                CompletableFuture<Recorded> recorded = storage.incidents().record(NODE, detection(stored), Instant.now());
                try {
                    assertTrue(recorded.get(5, TimeUnit.SECONDS).isNew());
                    stored++;
                } catch (TimeoutException full) {
                    waiting.add(recorded);
                }
                assertTrue(stored < 200, "3 MB hold no more than about 150 pictures of 20 kB");
            }
            assertEquals(Optional.of(Outage.DISK_FULL), storage.outage());
            assertEquals(1, heard.size());
            assertEquals("began DISK_FULL: No space left on device", heard.getFirst());
            for (int i = 1; i < HELD; i++) {
                waiting.add(storage.incidents().record(NODE, detection(stored + i), Instant.now()));
            }
            await(() -> storage.incidents().spooled() == HELD);
            TimeUnit.SECONDS.sleep(2); // two more tries, on a disk still full
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "nothing is reported recorded before it is on disk");
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> storage.siteEvents().record(SiteEvent.ofNode(NODE, SiteEvent.Kind.LINK_DOWN, "OFFLINE", "cut", Instant.now()))
                            .get(5, TimeUnit.SECONDS));
            assertEquals("the store's disk is full", refused.getCause().getMessage(), "what cannot wait fails, saying why");

            disk.grow(32);
            for (CompletableFuture<Recorded> recorded : waiting) {
                assertTrue(recorded.get(10, TimeUnit.SECONDS).isNew());
            }
            assertEquals(Optional.empty(), storage.outage());
            assertEquals(List.of("ended DISK_FULL, " + HELD + " waited"), heard.subList(1, heard.size()));
            assertEquals(stored + HELD, storage.incidents().count());
            await(() -> storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.STORAGE), null, 10).size() == 2);
            List<SiteEvent> events = storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.STORAGE), null, 10);
            assertEquals("OK", events.get(0).state());
            assertTrue(events.get(0).detail().endsWith("; " + HELD + " node incidents waited meanwhile, now in the store"), events.get(0).detail());
            assertEquals("DISK_FULL", events.get(1).state());
            assertEquals("the store's disk is full: No space left on device", events.get(1).detail());
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems().toString());
            storage.close();

            try (Storage again = Storage.open(disk.path().resolve("data"))) {
                assertEquals(stored + HELD, again.incidents().count(), "nothing stored before was damaged, nothing held was lost");
                assertTrue(again.verify().intact(), () -> again.verify().problems().toString());
                assertFalse(again.outage().isPresent());
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
