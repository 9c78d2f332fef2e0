package vigil.app.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.protocol.testing.Recorder;
import vigil.storage.SiteCamera;

/** A camera reader against a real RTSP server: health that follows what the camera really does. */
class CameraReaderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
    private final List<CameraHealth> changes = new ArrayList<>();
    private CameraReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        watchdogs.shutdownNow();
    }

    private CameraReader read(String url, String user, String password) {
        SiteCamera camera = new SiteCamera("Apron", url, user, password, List.of(), null, SiteCamera.ClipWindow.DEFAULT, true);
        reader = new CameraReader(camera, watchdogs, (which, health) -> {
            synchronized (changes) {
                changes.add(health);
            }
        }).start();
        return reader;
    }

    private List<CameraState> states() {
        synchronized (changes) {
            return changes.stream().map(CameraHealth::state).toList();
        }
    }

    private void awaitState(CameraState state) {
        Recorder.await("the camera " + state + " (so far " + states() + ")", () -> reader.health().state() == state, WAIT);
    }

    @Test
    void stallsAndResumesGoesOfflineWhenKilledAndComesBackByItself() throws Exception {
        try (RtspCamera camera = RtspCamera.start()) {
            read(camera.url(), null, null);
            awaitState(CameraState.LIVE);
            assertEquals("h264 320x180 15.0 fps", reader.health().detail());

            camera.stall();
            long stalled = System.nanoTime();
            awaitState(CameraState.STALLED);
            double secondsToStall = (System.nanoTime() - stalled) / 1e9;
            assertTrue(secondsToStall < 3, "STALLED after " + secondsToStall + " s");

            camera.resume();
            awaitState(CameraState.LIVE);

            camera.kill();
            awaitState(CameraState.OFFLINE);
            camera.restart();
            awaitState(CameraState.LIVE);
            assertEquals(List.of(CameraState.LIVE, CameraState.STALLED, CameraState.LIVE, CameraState.OFFLINE, CameraState.LIVE),
                    states());
        }
    }

    @Test
    void picturesAreDecodedOnlyWhileSomeTileShowsTheCamera() throws Exception {
        try (RtspCamera camera = RtspCamera.solid("0xD02020")) {
            read(camera.url(), null, null);
            awaitState(CameraState.LIVE);
            Thread.sleep(500);
            assertEquals(0, reader.picturesDecoded(), "shown nowhere, decoded never");
            assertTrue(reader.counters().frames() > 0);

            reader.show();
            reader.show(); // two tiles: still one decoding
            Picture picture = awaitPicture();
            assertEquals(320, picture.width());
            assertEquals(180, picture.height());
            int centre = pixel(picture, 160, 90);
            int red = centre >> 16 & 0xFF;
            int green = centre >> 8 & 0xFF;
            int blue = centre & 0xFF;
            assertTrue(red > 180 && green < 70 && blue < 70, "the camera's red, not " + red + "," + green + "," + blue);
            reader.pictures().giveBack(picture);
            Thread.sleep(1_000);
            long packets = reader.counters().frames();
            long decoded = reader.picturesDecoded();
            assertTrue(decoded > 5 && decoded <= packets, decoded + " pictures from " + packets + " packets");

            reader.hide();
            reader.hide();
            Thread.sleep(300);
            long afterHiding = reader.picturesDecoded();
            Thread.sleep(1_000);
            assertEquals(afterHiding, reader.picturesDecoded(), "hidden, no longer decoded");
        }
    }

    @Test
    void aCameraComingOnScreenShowsItsNewestFrameAtOnceNotAtItsNextKeyframe() throws Exception {
        try (RtspCamera camera = RtspCamera.numbered(5)) {
            read(camera.url(), null, null);
            awaitState(CameraState.LIVE);
            for (int shown = 0; shown < 3; shown++) {
                Thread.sleep(1_300); // somewhere in a group of pictures five seconds long
                long asked = System.nanoTime();
                reader.show();
                Picture first = awaitPicture();
                double seconds = (System.nanoTime() - asked) / 1e9;
                int firstNumber = frameNumber(first);
                reader.pictures().giveBack(first);
                Picture next = awaitPicture();
                int nextNumber = frameNumber(next);
                reader.pictures().giveBack(next);
                reader.hide();
                assertTrue(seconds < 0.5, "the first picture came " + seconds + " s after the camera was shown");
                int step = Math.floorMod(nextNumber - firstNumber, RtspCamera.NUMBERED_FRAMES);
                assertTrue(step >= 1 && step <= 2, "frame " + firstNumber + " then " + nextNumber + ": the first was not the newest");
            }
        }
    }

    private static int frameNumber(Picture picture) {
        return RtspCamera.frameNumber(picture.argb(), picture.width() * 4, picture.height(), 4); // its bars are grey: any byte of four will do
    }

    /** A picture's pixel as an ARGB int. */
    private static int pixel(Picture picture, int x, int y) {
        return picture.argb().duplicate().order(ByteOrder.nativeOrder()).getInt((y * picture.width() + x) * 4);
    }

    private Picture awaitPicture() {
        Picture[] taken = new Picture[1];
        Recorder.await("a picture", () -> (taken[0] = reader.pictures().take()) != null, WAIT);
        return taken[0];
    }

    @Test
    void aWrongPasswordIsSaidInWords() throws Exception {
        try (RtspCamera camera = RtspCamera.start("ana", "s3cret")) {
            read(camera.url(), "ana", "wrong");
            awaitState(CameraState.OFFLINE);
            assertEquals("wrong user or password (401 Unauthorized)", reader.health().detail());
            reader.close();

            read(camera.url(), "ana", "s3cret");
            awaitState(CameraState.LIVE);
        }
    }

    @Test
    void anHttpMjpegCameraIsReadDecodedAndItsPasswordChecked() throws Exception {
        try (MjpegCamera camera = MjpegCamera.start(new java.awt.Color(0x20, 0x40, 0xD0), "ana", "s3cret")) {
            read(camera.url(), "ana", "wrong");
            awaitState(CameraState.OFFLINE);
            assertEquals("wrong user or password (401 Unauthorized)", reader.health().detail());
            reader.close();

            read(camera.url(), "ana", "s3cret");
            awaitState(CameraState.LIVE);
            assertTrue(reader.health().detail().startsWith("mjpeg 320x240"), reader.health().detail());
            reader.show();
            Picture picture = awaitPicture();
            int centre = pixel(picture, 160, 120);
            int red = centre >> 16 & 0xFF;
            int blue = centre & 0xFF;
            assertTrue(blue > 180 && red < 70, "the camera's blue, not red " + red + " blue " + blue);
        }
    }

    @Test
    void aJpegSnapshotCameraIsAskedAgainAndStaysLive() throws Exception {
        try (MjpegCamera camera = MjpegCamera.start(new java.awt.Color(0xD0, 0x20, 0x20))) {
            read(camera.snapshotUrl(), null, null);
            awaitState(CameraState.LIVE);
            reader.show();
            Picture picture = awaitPicture();
            assertTrue((pixel(picture, 160, 120) >> 16 & 0xFF) > 180, "the camera's red");
            reader.pictures().giveBack(picture);
            long frames = reader.counters().frames();
            Thread.sleep(3_500);
            assertTrue(reader.counters().frames() - frames >= 2, "asked again about once a second");
            assertEquals(List.of(CameraState.LIVE), states(), "one picture a request is not a stream that ended");
        }
    }

    @Test
    void aCameraThatIsNotThereIsOfflineAndSaysWhy() {
        read("rtsp://127.0.0.1:9/cam", null, null);
        awaitState(CameraState.OFFLINE);
        assertEquals("connection refused", reader.health().detail());
    }

    @Test
    void retriesBackOffFromTwoSecondsToThirtyAndPauseAFlappingCamera() {
        assertEquals(Duration.ofSeconds(2), CameraReader.retryDelay(1, 0));
        assertEquals(Duration.ofSeconds(4), CameraReader.retryDelay(2, 0));
        assertEquals(Duration.ofSeconds(30), CameraReader.retryDelay(9, 0));
        assertEquals(Duration.ofMinutes(5), CameraReader.retryDelay(5, 5));
    }
}
