package vigil.app;

import static vigil.app.BenchmarkClock.await;
import static vigil.app.BenchmarkClock.cpuOf;
import static vigil.app.BenchmarkClock.processCpuNanos;
import static vigil.app.BenchmarkClock.quantile;
import static vigil.app.BenchmarkClock.threadCpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import vigil.app.camera.CameraReader;
import vigil.app.camera.CameraState;
import vigil.app.camera.RtspCamera;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.operators.TestOperators;
import vigil.app.shell.ConsoleWindow;
import vigil.app.shell.Screen;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.storage.Role;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/**
 * The cameras' cost, side by side in one run with FFmpeg decoding the same streams (the floor:
 * {@code ffmpeg -rtsp_transport tcp -i URL -f null -}), on JavaFX's software renderer: a 2×2 wall
 * of 640×360 at 15 fps, one 1280×720 at 25 fps filling the wall, and cameras read but shown nowhere; the
 * delay from a packet's arrival to its picture in the frame; and the time from a camera's last
 * frame to STALLED and from its return to LIVE. The cameras are the tests' GStreamer RTSP server.
 * {@code ./mvnw -pl app -am -Pcamera-benchmark verify}; see docs/BENCHMARKS.md.
 */
public final class CameraBenchmark {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final java.util.function.Function<String, String> THREAD_GROUPS =
            name -> name.startsWith("camera ") && !name.contains("watchdog") ? "readers"
                : name.equals("JavaFX Application Thread") ? "FX thread" : name.startsWith("QuantumRenderer") ? "renderer" : "rest";
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int WARM_UP = 4;

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        Vigil.quietLibraries();
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %8s %13s %18s%n", "case (per camera, % of one core)", "Vigil", "FFmpeg",
                "JavaFX", "ratio", "to both", "packet→screen");
        double wallIdle = console(List.of(), running -> running.show(Screen.CAMERAS));
        double liveIdle = console(List.of(), running -> running.show(Screen.LIVE));
        System.out.printf(Locale.ROOT, "(the console without cameras: %.2f%% of a core on an empty wall, %.2f%% on the Live view;"
                + " subtracted below)%n", wallIdle, liveIdle);
        wall("2×2 wall, 640×360 at 15 fps", 640, 360, 15, 4, wallIdle);
        wall("one 1280×720 at 25 fps, whole wall", 1280, 720, 25, 1, wallIdle);
        shownNowhere(liveIdle);
        stallAndReturn();
        Platform.exit();
    }

    /**
     * Cameras shown on the wall: the console's CPU above its idle baseline, per camera, against
     * FFmpeg's decoding, and against FFmpeg's decoding and JavaFX's drawing of as many pictures
     * added (the floor of any JavaFX console on this renderer).
     */
    private static void wall(String title, int width, int height, int fps, int count, double baseline) throws Exception {
        double javaFx = drawnAlone(count, width, height, fps) / count;
        List<RtspCamera> cameras = start(count, width + "x" + height, fps);
        try {
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            double vigil = (console(cameras, running -> {
                running.show(Screen.CAMERAS);
                Platform.runLater(() -> running.window.livePictures().onDrawn(latencies::add));
            }) - baseline) / count;
            double ffmpeg = ffmpeg(cameras) / count;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-34s %8.2f%% %8.2f%% %8.2f%% %7.2fx %12.2fx %8.1f / %.1f ms%n", title, vigil, ffmpeg, javaFx,
                    vigil / ffmpeg, vigil / (ffmpeg + javaFx), quantile(sorted, 0.5) / 1e6, quantile(sorted, 0.95) / 1e6);
        } finally {
            close(cameras);
        }
    }

    /** Four cameras read (their health watched, their packets counted) but decoded for no tile. */
    private static void shownNowhere(double baseline) throws Exception {
        List<RtspCamera> cameras = start(4, "640x360", 15);
        try {
            double vigil = (console(cameras, running -> running.show(Screen.LIVE)) - baseline) / 4;
            System.out.printf(Locale.ROOT, "%-34s %8.2f%%%n", "640×360 at 15 fps, shown nowhere", vigil);
        } finally {
            close(cameras);
        }
    }

    /** From the last frame to STALLED, and from the first frame again to LIVE, five times. */
    private static void stallAndReturn() throws Exception {
        List<RtspCamera> cameras = start(1, "640x360", 15);
        try (Running running = Running.start(cameras)) {
            CameraReader reader = running.console.cameras().readers().getFirst();
            await(() -> reader.health().state() == CameraState.LIVE, PATIENCE);
            long[] toStall = new long[5];
            long[] toLive = new long[5];
            for (int i = 0; i < 5; i++) {
                TimeUnit.MILLISECONDS.sleep(700);
                cameras.getFirst().stall();
                long lastFrame = reader.counters().lastFrameNanos();
                await(() -> reader.health().state() == CameraState.STALLED, PATIENCE);
                toStall[i] = System.nanoTime() - reader.counters().lastFrameNanos();
                cameras.getFirst().resume();
                long resumed = System.nanoTime();
                await(() -> reader.counters().lastFrameNanos() > lastFrame && reader.health().state() == CameraState.LIVE, PATIENCE);
                toLive[i] = System.nanoTime() - resumed;
            }
            Arrays.sort(toStall);
            Arrays.sort(toLive);
            System.out.printf(Locale.ROOT, "last frame to STALLED: median %.2f s (max %.2f s); resumed to LIVE: median %.0f ms (max %.0f ms)%n",
                    toStall[2] / 1e9, toStall[4] / 1e9, toLive[2] / 1e6, toLive[4] / 1e6);
        } finally {
            close(cameras);
        }
    }

    /**
     * The console's process CPU, in % of one core, over {@link #SECONDS} after a warm-up, with
     * {@code setUp} done; where it went (the cameras' readers, the FX thread, the renderer) is printed.
     */
    private static double console(List<RtspCamera> cameras, java.util.function.Consumer<Running> setUp) throws Exception {
        try (Running running = Running.start(cameras)) {
            try {
                await(() -> running.console.cameras().readers().stream().allMatch(r -> r.health().state() == CameraState.LIVE), PATIENCE);
            } catch (IllegalStateException notLive) {
                throw new IllegalStateException(notLive.getMessage() + ": " + running.console.cameras().readers().stream()
                        .map(r -> r.name() + " " + r.health()).toList(), notLive);
            }
            setUp.accept(running);
            TimeUnit.SECONDS.sleep(WARM_UP);
            long cpu = processCpuNanos();
            Map<String, Long> threads = threadCpu(THREAD_GROUPS);
            long wall = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            long elapsed = System.nanoTime() - wall;
            Map<String, Long> after = threadCpu(THREAD_GROUPS);
            if (!cameras.isEmpty()) {
                System.out.printf(Locale.ROOT, "    where (%% of a core, all cameras): %s%n", after.keySet().stream()
                        .map(group -> String.format(Locale.ROOT, "%s %.2f", group,
                                100.0 * (after.get(group) - threads.getOrDefault(group, 0L)) / elapsed))
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            return 100.0 * (processCpuNanos() - cpu) / elapsed;
        }
    }

    /**
     * JavaFX alone: a bare window of the console's size showing {@code count} pictures of that size,
     * each new {@code fps} times a second (all at once, as the console draws them), from buffers
     * filled once; its CPU above the same window's with pictures that do not change, in % of one core.
     */
    private static double drawnAlone(int count, int width, int height, int fps) throws Exception {
        List<PixelBuffer<IntBuffer>> pictures = new ArrayList<>();
        TilePane tiles = new TilePane(4, 4);
        tiles.setPrefColumns(count == 1 ? 1 : 2);
        tiles.setStyle("-fx-background-color: #101418;");
        for (int i = 0; i < count; i++) {
            IntBuffer pixels = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            for (int p = 0; p < width * height; p++) {
                pixels.put(p, 0xFF000000 | (p % width) * 255 / width << 16 | (p / width) * 255 / height << 8 | 0x60);
            }
            PixelBuffer<IntBuffer> picture = new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance());
            pictures.add(picture);
            tiles.getChildren().add(new ImageView(new WritableImage(picture)));
        }
        long interval = 1_000_000_000L / fps;
        boolean[] changing = {false};
        AnimationTimer frames = new AnimationTimer() {
            private long next;

            @Override
            public void handle(long now) {
                if (changing[0] && now >= next) {
                    next = Math.max(next + interval, now - interval);
                    pictures.forEach(picture -> picture.updateBuffer(buffer -> null));
                }
            }
        };
        CompletableFuture<Stage> shown = CompletableFuture.supplyAsync(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(tiles, 1440, 900));
            stage.show();
            frames.start();
            return stage;
        }, Platform::runLater);
        Stage stage = shown.get(10, TimeUnit.SECONDS);
        try {
            double still = cpuOver(SECONDS);
            changing[0] = true;
            TimeUnit.SECONDS.sleep(1);
            return cpuOver(SECONDS) - still;
        } finally {
            CompletableFuture.runAsync(() -> {
                frames.stop();
                stage.hide();
            }, Platform::runLater).get(10, TimeUnit.SECONDS);
        }
    }

    /** This process's CPU over that many seconds, in % of one core. */
    private static double cpuOver(int seconds) throws InterruptedException {
        long cpu = processCpuNanos();
        long wall = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        return 100.0 * (processCpuNanos() - cpu) / (System.nanoTime() - wall);
    }

    /** FFmpeg decoding every camera at once, each in its own process: their CPU added, in % of one core. */
    private static double ffmpeg(List<RtspCamera> cameras) throws Exception {
        List<Process> decoders = new ArrayList<>();
        for (RtspCamera camera : cameras) {
            decoders.add(new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", camera.url(), "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        try {
            TimeUnit.SECONDS.sleep(WARM_UP);
            long cpu = cpuOf(decoders);
            long wall = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            return 100.0 * (cpuOf(decoders) - cpu) / (System.nanoTime() - wall);
        } finally {
            decoders.forEach(Process::destroy);
        }
    }

    private static List<RtspCamera> start(int count, String size, int fps) throws Exception {
        List<RtspCamera> cameras = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cameras.add(RtspCamera.sized(size, fps));
        }
        return cameras;
    }

    private static void close(List<RtspCamera> cameras) throws InterruptedException {
        for (RtspCamera camera : cameras) {
            camera.close();
        }
    }

    /** A console with a simulated node (no objects), these cameras in a fresh store, and its window. */
    private record Running(SimulatedNode node, Console console, ConsoleWindow window, Stage stage) implements AutoCloseable {
        static Running start(List<RtspCamera> cameras) throws Exception {
            SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
            Path data = Files.createTempDirectory("vigil-camera-bench");
            Storage storage = Storage.open(data);
            for (int i = 0; i < cameras.size(); i++) {
                storage.cameras().add(new SiteCamera("camera " + (i + 1), cameras.get(i).url(), null, null, List.of(), null, SiteCamera.ClipWindow.DEFAULT, true), "test").get();
            }
            ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
            Console console = Console.start(settings, storage, null);
            CompletableFuture<Running> started = new CompletableFuture<>();
            Platform.runLater(() -> {
                Stage stage = new Stage();
                ConsoleWindow window = new ConsoleWindow(stage, console, settings, data.resolve("console.properties"), changed -> { },
                        TestOperators.account(storage, "bench", Role.ADMIN));
                window.start();
                started.complete(new Running(node, console, window, stage));
            });
            return started.get(10, TimeUnit.SECONDS);
        }

        void show(Screen screen) {
            Platform.runLater(() -> window.show(screen));
        }

        @Override
        public void close() throws Exception {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                window.stop();
                stage.hide();
                closed.complete(null);
            });
            closed.get(10, TimeUnit.SECONDS);
            console.close();
            node.close();
        }
    }
}
