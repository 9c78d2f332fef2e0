package vigil.app.camera;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RTSP camera for tests: GStreamer's RTSP server from Debian ({@code rtsp_camera.py}) on a
 * free loopback port, serving an H.264 test pattern made once with Debian's {@code ffmpeg}. It can
 * stall (the session stays open, no frames), be killed, and be started again on the same port.
 */
public final class RtspCamera implements AutoCloseable {
    static final int FPS = 15;
    private static final String PYTHON = "/usr/bin/python3";
    /** FFmpeg's moving test pattern. */
    static final String TEST_PATTERN = "testsrc2";
    private static final Map<String, Path> VIDEOS = new HashMap<>();

    private final int port;
    private final String pattern;
    private final String size;
    private final int fps;
    private final int keyframeSeconds;
    private final String[] credentials;
    private Process server;

    private RtspCamera(int port, String pattern, String size, int fps, int keyframeSeconds, String... credentials) {
        this.port = port;
        this.pattern = pattern;
        this.size = size;
        this.fps = fps;
        this.keyframeSeconds = keyframeSeconds;
        this.credentials = credentials;
    }

    /** Starts a camera of the test pattern; with a user and password it asks for them (Basic authentication). */
    public static RtspCamera start(String... userAndPassword) throws Exception {
        return serve(TEST_PATTERN, userAndPassword);
    }

    /** Starts a camera whose picture is one colour ({@code 0xRRGGBB}), to be told apart by its pixels. */
    public static RtspCamera solid(String color) throws Exception {
        return serve("color=c=" + color);
    }

    /**
     * A camera whose frames carry their number: 16 bars of 20 pixels across, white for a 1 bit,
     * black for a 0, lowest bit on the left ({@link #frameNumber} reads them back). Its video is
     * {@link #NUMBERED_SECONDS} long and loops, so numbers count modulo {@link #NUMBERED_FRAMES}.
     */
    public static RtspCamera numbered() throws Exception {
        return serve(NUMBERED);
    }

    /** A {@link #numbered()} camera with a keyframe every {@code seconds}, as many cameras send them. */
    public static RtspCamera numbered(int keyframeSeconds) throws Exception {
        RtspCamera camera = new RtspCamera(freePort(), NUMBERED, "320x180", FPS, keyframeSeconds);
        camera.restart();
        return camera;
    }

    static final int NUMBERED_SECONDS = 60;
    static final int NUMBERED_FRAMES = NUMBERED_SECONDS * FPS;
    private static final String NUMBERED = "numbered";

    /** The number a {@link #numbered()} camera's frame carries, read from its pixels of three or four bytes (320 wide). */
    static int frameNumber(java.nio.ByteBuffer pixels, int stride, int height, int pixelBytes) {
        int number = 0;
        int row = height / 2;
        for (int bit = 0; bit < 16; bit++) {
            int x = bit * 20 + 10;
            int green = pixels.get(row * stride + x * pixelBytes + 1) & 0xff;
            if (green > 128) {
                number |= 1 << bit;
            }
        }
        return number;
    }

    /** A camera of the test pattern at {@code size} (640x360) and {@code fps}, for benchmarks. */
    public static RtspCamera sized(String size, int fps) throws Exception {
        RtspCamera camera = new RtspCamera(freePort(), TEST_PATTERN, size, fps, 1);
        camera.restart();
        return camera;
    }

    private static RtspCamera serve(String pattern, String... userAndPassword) throws Exception {
        RtspCamera camera = new RtspCamera(freePort(), pattern, "320x180", FPS, 1, userAndPassword);
        camera.restart();
        return camera;
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    /** Starts the server again on its port, after {@link #kill()}. */
    public void restart() throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(PYTHON, script().toString(),
                Integer.toString(port), video(pattern, size, fps, keyframeSeconds).toString(), Integer.toString(fps)));
        command.addAll(java.util.List.of(credentials));
        server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("ready")) {
            server.destroyForcibly();
            fail("the RTSP camera did not start: " + ready);
        }
    }

    public void stall() throws IOException {
        steer("stall");
    }

    public void resume() throws IOException {
        steer("resume");
    }

    /** SIGKILL: the camera is gone at once, its connections with it. */
    public void kill() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private void steer(String command) throws IOException {
        OutputStream in = server.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path script() throws IOException {
        Path script = Files.createTempFile("rtsp_camera", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = RtspCamera.class.getResourceAsStream("rtsp_camera.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** Six seconds of a lavfi pattern (a minute of numbered frames), made once per pattern, size, rate and keyframe interval. */
    private static synchronized Path video(String pattern, String size, int fps, int keyframeSeconds) throws Exception {
        String key = pattern + " " + size + " " + fps + " " + keyframeSeconds;
        Path video = VIDEOS.get(key);
        if (video == null) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && Files.isExecutable(Path.of("/usr/bin/ffmpeg")),
                    "the RTSP camera needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0 and ffmpeg (.ci/run installs them)");
            Path file = Files.createTempFile("vigil-camera", ".h264");
            file.toFile().deleteOnExit();
            boolean numbered = pattern.equals(NUMBERED);
            String source = numbered ? "color=c=black" : pattern;
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/ffmpeg", "-v", "error", "-y",
                    "-f", "lavfi", "-i", source + (source.contains("=") ? ":" : "=") + "s=" + size + ":r=" + fps,
                    "-t", Integer.toString(numbered ? NUMBERED_SECONDS : 6)));
            if (numbered) {
                command.addAll(java.util.List.of("-vf", "geq=lum='255*mod(floor(N/pow(2\\,floor(X/20)))\\,2)':cb=128:cr=128", "-crf", "12"));
            }
            command.addAll(java.util.List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", Integer.toString(fps * keyframeSeconds),
                    "-pix_fmt", "yuv420p", "-x264-params", "aud=1:repeat-headers=1:scenecut=0", "-f", "h264", file.toString()));
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ffmpeg.waitFor() != 0) {
                fail("ffmpeg could not make the test video: " + output);
            }
            video = file;
            VIDEOS.put(key, video);
        }
        return video;
    }
}
