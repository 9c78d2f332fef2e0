package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import vigil.storage.testing.Database;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;

/** Cameras and camera site events on a real H2 file and a real PostgreSQL. */
@ParameterizedClass
@EnumSource(Database.class)
class CameraStoreTest {
    @Parameter
    Database database;

    @TempDir
    Path data;

    private static final SiteCamera APRON = new SiteCamera("Apron east", "rtsp://10.1.0.20:554/stream1", "viewer", "s3cret",
            List.of(Area.RWY_A, Area.TWY_A, Area.RWY_A), new SiteCamera.Placement(420, 60, 135), new SiteCamera.ClipWindow(Duration.ofSeconds(5), Duration.ofSeconds(15)), true);

    @Test
    void camerasAreKeptByNameAndOutliveTheProcess() throws Exception {
        SiteCamera gate = new SiteCamera("Gate 2", "http://10.1.0.21/video.mjpg", null, null, List.of(), null, SiteCamera.ClipWindow.DEFAULT, true);
        try (Storage storage = database.open(data)) {
            storage.cameras().add(APRON, "test").get();
            storage.cameras().add(gate, "test").get();
            ExecutionException taken = assertThrows(ExecutionException.class, () -> storage.cameras().add(gate, "test").get());
            assertInstanceOf(IllegalArgumentException.class, taken.getCause());
            assertEquals("there is already a camera named 'Gate 2'", taken.getCause().getMessage());
        }
        try (Storage storage = database.open(data)) {
            assertEquals(List.of(Area.TWY_A, Area.RWY_A), storage.cameras().find("Apron east").orElseThrow().zones());
            assertEquals(List.of(APRON, gate), storage.cameras().list());
            storage.cameras().update(gate.withEnabled(false), "test").get();
            assertFalse(storage.cameras().find("Gate 2").orElseThrow().enabled());
            assertTrue(storage.cameras().remove("Gate 2", "test").get());
            assertFalse(storage.cameras().remove("Gate 2", "test").get());
            assertEquals(List.of(APRON), storage.cameras().list());
        }
    }

    @Test
    void aCamerasPasswordIsNotInItsText() {
        assertFalse(APRON.toString().contains("s3cret"), APRON::toString);
        assertTrue(APRON.toString().contains("password hidden"), APRON::toString);
    }

    @Test
    void siteEventsAreFoundByTimeKindAndSource() throws Exception {
        NodeAddress node = new NodeAddress("10.0.0.7", 5100);
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        try (Storage storage = database.open(data)) {
            SiteEventLog events = storage.siteEvents();
            events.record(SiteEvent.ofNode(node, SiteEvent.Kind.LINK_UP, "ONLINE", "link up", t0)).get();
            events.record(SiteEvent.ofCamera("Apron east", "LIVE", "live: h264 1280x720", t0.plusSeconds(1))).get();
            events.record(SiteEvent.ofCamera("Apron east", "STALLED", "no frame for 2.0 s", t0.plusSeconds(5))).get();
            events.record(SiteEvent.ofNode(node, SiteEvent.Kind.LINK_DOWN, "OFFLINE", "link down: closed", t0.plusSeconds(9))).get();

            assertEquals(List.of("OFFLINE", "STALLED", "LIVE", "ONLINE"),
                    events.find(null, null, Set.of(), null, 10).stream().map(SiteEvent::state).toList());
            assertEquals(List.of("STALLED", "LIVE"),
                    events.find(null, null, Set.of(), "Apron east", 10).stream().map(SiteEvent::state).toList());
            assertEquals(List.of("OFFLINE", "ONLINE"),
                    events.find(null, null, Set.of(), "10.0.0.7:5100", 10).stream().map(SiteEvent::state).toList());
            assertEquals(List.of("STALLED"),
                    events.find(t0.plusSeconds(2), t0.plusSeconds(9), Set.of(), null, 10).stream().map(SiteEvent::state).toList());
            List<SiteEvent> links = events.find(null, null, Set.of(SiteEvent.Kind.LINK_UP, SiteEvent.Kind.LINK_DOWN), null, 1);
            assertEquals(List.of(SiteEvent.ofNode(node, SiteEvent.Kind.LINK_DOWN, "OFFLINE", "link down: closed", t0.plusSeconds(9))),
                    links);
            assertEquals("10.0.0.7:5100", links.getFirst().source());
        }
    }
}
