package vigil.app.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import vigil.storage.IncidentType;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/** Clips of incidents from real RTSP cameras, checked frame by frame. */
class EvidenceClipsTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);
    private static final SiteCamera.ClipWindow WINDOW = new SiteCamera.ClipWindow(Duration.ofSeconds(3), Duration.ofSeconds(2));

    @TempDir
    Path data;

    private static Incident incident(Storage storage, int objectId, Area zone) throws Exception {
        var detection = new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 10, 10, zone,
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(400, objectId));
        return storage.incidents().record(NODE, detection, Instant.now()).get().incident();
    }

    @Test
    void anIncidentGetsAClipOfItsZonesCameraCoveringPreAndPostWithNoGap() throws Exception {
        BlockingQueue<EvidenceClips.Report> reports = new LinkedBlockingQueue<>();
        try (RtspCamera numbered = RtspCamera.numbered(); RtspCamera other = RtspCamera.solid("0x2040D0");
             Storage storage = Storage.open(data)) {
            storage.cameras().add(new SiteCamera("Runway", numbered.url(), null, null, List.of(Area.ZONES.get(0)), null, WINDOW, true), "test").get();
            storage.cameras().add(new SiteCamera("Gate", other.url(), null, null, List.of(Area.ZONES.get(2)), null, WINDOW, true), "test").get();
            try (Cameras cameras = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (camera, health) -> { }, reports::add).start()) {
                CameraReader runway = cameras.readers().stream().filter(r -> r.name().equals("Runway")).findFirst().orElseThrow();
                Recorder.await("the runway camera live", () -> runway.health().state() == CameraState.LIVE, Duration.ofSeconds(20));
                Thread.sleep(WINDOW.pre().plusSeconds(2).toMillis()); // the ring fills

                Incident covered = incident(storage, 1, Area.ZONES.get(0));
                Incident uncovered = incident(storage, 2, Area.ZONES.get(4));
                cameras.clips().record(covered);
                cameras.clips().record(uncovered);

                EvidenceClips.Report report = reports.poll(30, TimeUnit.SECONDS);
                assertNotNull(report, "a clip within 30 s");
                Clip clip = report.clip();
                assertNull(clip.missing());
                assertEquals("Runway", clip.camera());
                assertEquals(covered.id(), clip.incidentId());
                assertEquals("h264", clip.codec());
                Instant t = covered.receivedAt();
                assertFalse(clip.firstFrame().isAfter(t.minus(WINDOW.pre())), clip.firstFrame() + " is after T - pre = " + t.minus(WINDOW.pre()));
                assertTrue(clip.lastFrame().isAfter(t.plus(WINDOW.post())), clip.lastFrame() + " is not after T + post");

                List<Integer> numbers = frameNumbers(storage.clips().file(clip));
                double seconds = numbers.size() / (double) RtspCamera.FPS;
                assertTrue(seconds >= 5 && seconds < 5 + 2.5, numbers.size() + " frames, " + seconds + " s, for 3 s before and 2 s after");
                for (int i = 1; i < numbers.size(); i++) {
                    assertEquals((numbers.get(i - 1) + 1) % RtspCamera.NUMBERED_FRAMES, numbers.get(i),
                            "frame " + i + " follows frame " + (i - 1) + " in " + numbers);
                }
                assertEquals(List.of(clip), storage.clips().of(covered.id()));

                assertNull(reports.poll(WINDOW.post().plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS), "no clip for a zone no camera covers");
                assertEquals(List.of(), storage.clips().of(uncovered.id()));
                AuditReport audit = storage.verify();
                assertTrue(audit.intact(), audit.problems()::toString);
                assertEquals(1, audit.clips());
            }
        }
    }

    @Test
    void anOperatorsReportRecordsItsCameraFromPreUntilStoppedWithNoGap() throws Exception {
        BlockingQueue<EvidenceClips.Report> reports = new LinkedBlockingQueue<>();
        try (RtspCamera numbered = RtspCamera.numbered(); Storage storage = Storage.open(data)) {
            storage.cameras().add(new SiteCamera("Apron", numbered.url(), null, null, List.of(Area.ZONES.get(3)), null, WINDOW, true), "test").get();
            try (Cameras cameras = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (camera, health) -> { }, reports::add).start()) {
                CameraReader apron = cameras.readers().getFirst();
                Recorder.await("the apron camera live", () -> apron.health().state() == CameraState.LIVE, Duration.ofSeconds(20));
                Thread.sleep(WINDOW.pre().plusSeconds(2).toMillis()); // the ring fills

                EvidenceClips.OperatorReport report = cameras.clips().report("Apron", "ada", TestJpegs.jpeg(900, 1)).get(10, TimeUnit.SECONDS);
                Incident incident = report.incident();
                assertEquals(IncidentType.OPERATOR, incident.type());
                assertEquals("Apron", incident.camera());
                assertEquals("ada", incident.reportedBy());
                assertEquals(Area.ZONES.get(3), incident.zone(), "filed under the one zone its camera covers");
                assertNull(incident.node());
                assertNull(reports.poll(3, TimeUnit.SECONDS), "recording until stopped, well past the post of a node's incident");
                Instant stopped = Instant.now();
                report.stop();

                EvidenceClips.Report stored = reports.poll(30, TimeUnit.SECONDS);
                assertNotNull(stored, "the clip once stopped");
                Clip clip = stored.clip();
                assertNull(clip.missing());
                assertEquals(incident.id(), clip.incidentId());
                assertFalse(clip.firstFrame().isAfter(incident.receivedAt().minus(WINDOW.pre())), clip.firstFrame() + " is after T - pre");
                assertFalse(clip.lastFrame().isBefore(stopped), clip.lastFrame() + " is before the stop at " + stopped);
                List<Integer> numbers = frameNumbers(storage.clips().file(clip));
                double seconds = numbers.size() / (double) RtspCamera.FPS;
                assertTrue(seconds >= 6 && seconds < 6 + 2.5, numbers.size() + " frames, " + seconds + " s, for 3 s before and 3 s recording");
                for (int i = 1; i < numbers.size(); i++) {
                    assertEquals((numbers.get(i - 1) + 1) % RtspCamera.NUMBERED_FRAMES, numbers.get(i),
                            "frame " + i + " follows frame " + (i - 1) + " in " + numbers);
                }
                var failed = cameras.clips().report("Nowhere", "ada", TestJpegs.jpeg(900, 2));
                assertTrue(failed.isCompletedExceptionally(), "a camera that is not there records no report");
                AuditReport audit = storage.verify();
                assertTrue(audit.intact(), audit.problems()::toString);
                assertEquals(1, audit.clips());
            }
        }
    }

    @Test
    void aCameraThatSendsNothingInTheWindowLeavesItsClipMissingWithTheReason() throws Exception {
        BlockingQueue<EvidenceClips.Report> reports = new LinkedBlockingQueue<>();
        try (Storage storage = Storage.open(data)) {
            storage.cameras().add(new SiteCamera("Dead", "rtsp://127.0.0.1:9/cam", null, null, List.of(Area.ZONES.get(0)), null,
                    new SiteCamera.ClipWindow(Duration.ofSeconds(1), Duration.ofSeconds(1)), true), "test").get();
            try (Cameras cameras = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (camera, health) -> { }, reports::add).start()) {
                Incident incident = incident(storage, 1, Area.ZONES.get(0));
                cameras.clips().record(incident);
                EvidenceClips.Report report = reports.poll(20, TimeUnit.SECONDS);
                assertNotNull(report, "the missing clip recorded within 20 s");
                assertNull(report.clip().sha256());
                assertTrue(report.clip().missing().startsWith("the camera sent no frames from "), report.clip().missing());
                assertTrue(report.clip().missing().contains("connection refused"), report.clip().missing());
                assertTrue(storage.verify().intact());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anHttpCamerasClipLastsItsWindowTimedByArrival(boolean snapshot) throws Exception {
        BlockingQueue<EvidenceClips.Report> reports = new LinkedBlockingQueue<>();
        try (MjpegCamera camera = MjpegCamera.start(java.awt.Color.ORANGE); Storage storage = Storage.open(data)) {
            storage.cameras().add(new SiteCamera("Gate", snapshot ? camera.snapshotUrl() : camera.url(), null, null,
                    List.of(Area.ZONES.get(0)), null, WINDOW, true), "test").get();
            try (Cameras cameras = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (c, health) -> { }, reports::add).start()) {
                CameraReader gate = cameras.readers().getFirst();
                Recorder.await("the camera live", () -> gate.health().state() == CameraState.LIVE, Duration.ofSeconds(20));
                Thread.sleep(WINDOW.pre().plusSeconds(2).toMillis());
                cameras.clips().record(incident(storage, 1, Area.ZONES.get(0)));
                EvidenceClips.Report report = reports.poll(30, TimeUnit.SECONDS);
                assertNotNull(report, "a clip within 30 s");
                assertNull(report.clip().missing(), report.clip().missing());
                assertEquals("mjpeg", report.clip().codec());
                double wall = Duration.between(report.clip().firstFrame(), report.clip().lastFrame()).toMillis() / 1000.0;
                try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(storage.clips().file(report.clip()).toFile())) {
                    grabber.start();
                    double played = grabber.getLengthInTime() / 1e6;
                    assertTrue(Math.abs(played - wall) < 1.5 && played >= 5,
                            "the clip plays " + played + " s for frames that came over " + wall + " s");
                }
            }
        }
    }

    /** The numbers the clip's frames carry, in order. */
    private static List<Integer> frameNumbers(Path clip) throws Exception {
        List<Integer> numbers = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                numbers.add(RtspCamera.frameNumber((ByteBuffer) frame.image[0], frame.imageStride, frame.imageHeight, 3));
            }
        }
        return numbers;
    }
}
