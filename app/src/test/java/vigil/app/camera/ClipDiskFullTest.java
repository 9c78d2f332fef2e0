package vigil.app.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AuditReport;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;
import vigil.storage.testing.SmallDisk;

/**
 * A full disk during a clip, on a real small filesystem (an 8 MB {@link SmallDisk}: root only;
 * skipped otherwise): the incident stays recorded, its clip is recorded missing because
 * the disk is full, and what was stored before still verifies.
 */
class ClipDiskFullTest {
    @Test
    void aClipThatMeetsAFullDiskIsRecordedMissingAndNothingStoredIsDamaged() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(8)) {
            clipOnAFullDisk(disk.path());
        }
    }

    private static void clipOnAFullDisk(Path small) throws Exception {
        BlockingQueue<EvidenceClips.Report> reports = new LinkedBlockingQueue<>();
        try (RtspCamera camera = RtspCamera.start(); Storage storage = Storage.open(small.resolve("data"))) {
            storage.cameras().add(new SiteCamera("Runway", camera.url(), null, null, List.of(Area.ZONES.getFirst()), null,
                    new SiteCamera.ClipWindow(Duration.ofSeconds(2), Duration.ofSeconds(3)), true), "test").get();
            try (Cameras cameras = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (c, health) -> { }, reports::add).start()) {
                CameraReader reader = cameras.readers().getFirst();
                Recorder.await("the camera live", () -> reader.health().state() == CameraState.LIVE, Duration.ofSeconds(20));
                Thread.sleep(3000);
                Incident first = incident(storage, 1);
                cameras.clips().record(first);
                EvidenceClips.Report stored = reports.poll(20, TimeUnit.SECONDS);
                assertNotNull(stored, "the first clip within 20 s");
                assertNull(stored.clip().missing(), stored.clip().missing());

                Incident second = incident(storage, 2);
                cameras.clips().record(second);
                Path filler = fill(small, 16 * 1024); // during its post window: what is left is less than the clip
                EvidenceClips.Report report = reports.poll(20, TimeUnit.SECONDS);
                assertNotNull(report, "the second clip's fate within 20 s");
                Clip missing = report.clip();
                assertEquals(second.id(), missing.incidentId());
                assertNull(missing.sha256());
                assertTrue(missing.missing().contains("the disk is full"), missing.missing());
                assertEquals(List.of(missing), storage.clips().of(second.id()));
                assertTrue(storage.incidents().find(second.id()).isPresent(), "the incident itself stays recorded");
                try (var files = Files.list(storage.clips().directory())) {
                    assertEquals(List.of(stored.clip().fileName()), files.map(f -> f.getFileName().toString()).toList(),
                            "no half clip left behind");
                }
                Files.delete(filler);
            }
            AuditReport audit = storage.verify();
            assertTrue(audit.intact(), audit.problems()::toString);
            assertEquals(1, audit.clips());
        }
    }

    private static Incident incident(Storage storage, int objectId) throws Exception {
        var detection = new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 10, 10, Area.ZONES.getFirst(),
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(400, objectId));
        return storage.incidents().record(new NodeAddress("10.0.0.7", 5100), detection, Instant.now()).get().incident();
    }

    /** Fills the filesystem until {@code leave} bytes are free; returns the filler file. */
    private static Path fill(Path directory, long leave) throws IOException {
        Path filler = directory.resolve("filler");
        FileStore store = Files.getFileStore(directory);
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (store.getUsableSpace() > leave + block.length) {
                out.write(block);
                out.flush();
            }
        }
        return filler;
    }
}
