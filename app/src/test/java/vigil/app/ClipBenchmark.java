package vigil.app;

import static vigil.app.BenchmarkClock.await;
import static vigil.app.BenchmarkClock.cpuOf;
import static vigil.app.BenchmarkClock.processCpuNanos;
import static vigil.app.BenchmarkClock.quantile;
import static vigil.app.BenchmarkClock.threadCpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import vigil.app.camera.ByteSize;
import vigil.app.camera.CameraState;
import vigil.app.camera.Cameras;
import vigil.app.camera.RtspCamera;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/**
 * Video evidence, headless as {@code vigil record} runs it: four real RTSP cameras (640×360, 15 fps,
 * a keyframe a second) each ringed and clipped (10 s before, 20 s after). Prints, measured in one
 * run: CPU per recorded camera with an incident every 30 s (each packet in one clip, as FFmpeg
 * writes it once) against FFmpeg's own stream copy of the same streams into segments; then, with an
 * incident every 2 s (clips overlapping fifteen-fold), from the end of each clip's post window to
 * the clip durable, hashed and linked; and each ring's memory against the camera's bitrate × (pre +
 * one GOP).
 *
 * <p>{@code ./mvnw -pl app -am -Pclip-benchmark verify} (docs/BENCHMARKS.md).
 */
public final class ClipBenchmark {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final java.util.function.Function<String, String> THREAD_GROUPS =
            name -> name.startsWith("camera ") && !name.contains("watchdog") ? "readers"
                : name.equals("clip writer") ? "clip writer" : name.equals("vigil-storage-writer") ? "storage writer" : "rest";
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int CAMERAS = 4;
    private static final SiteCamera.ClipWindow WINDOW = SiteCamera.ClipWindow.DEFAULT;
    private static final Duration GOP = Duration.ofSeconds(1);
    private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 5100);

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
        List<RtspCamera> cameras = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            cameras.add(RtspCamera.sized("640x360", 15));
        }
        Path work = Files.createTempDirectory("vigil-clip-benchmark");
        try {
            double idle = idleCpu(work.resolve("idle"));
            double vigil = recording(cameras, work.resolve("sparse"), idle, 30);
            recording(cameras, work.resolve("dense"), idle, 2);
            double ffmpeg = ffmpegCopy(cameras, work.resolve("ffmpeg")) / CAMERAS;
            System.out.printf(Locale.ROOT, "FFmpeg stream copy (-c copy -f segment), per camera: %.2f%% of a core%n", ffmpeg);
            System.out.printf(Locale.ROOT, "ratio, Vigil to FFmpeg: %.2fx%n", vigil / ffmpeg);
        } finally {
            for (RtspCamera camera : cameras) {
                camera.close();
            }
        }
    }

    /** The JVM with an open store and no camera, over the same time: subtracted from the recording's CPU. */
    private static double idleCpu(Path data) throws Exception {
        try (Storage storage = Storage.open(data)) {
            TimeUnit.SECONDS.sleep(2);
            long cpu = processCpuNanos();
            long wall = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            return 100.0 * (processCpuNanos() - cpu) / (System.nanoTime() - wall);
        }
    }

    /** Records and prints its figures; returns Vigil's CPU per camera, in % of one core. */
    private static double recording(List<RtspCamera> cameras, Path data, double idle, int incidentEvery) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
        try (Storage storage = Storage.open(data)) {
            for (int i = 0; i < cameras.size(); i++) {
                storage.cameras().add(new SiteCamera("camera " + (i + 1), cameras.get(i).url(), null, null, List.of(Area.ZONES.getFirst()),
                        null, WINDOW, true), "test").get();
            }
            int clips;
            double cpuPercent;
            long[] ringSamples;
            double bytesPerSecond;
            String where;
            try (Cameras recording = new Cameras(storage, Cameras.DEFAULT_CLIP_QUOTA, (camera, health) -> { }, report -> {
                if (report.clip().missing() != null) {
                    missing.add(report.clip().missing());
                } else {
                    Instant windowEnd = report.clip().lastFrame(); // the first frame after T + post: the window's end as delivered
                    latencies.add(Duration.between(windowEnd, Instant.now()).toNanos());
                }
            }).start()) {
                await(() -> recording.readers().stream().allMatch(r -> r.health().state() == CameraState.LIVE), PATIENCE);
                TimeUnit.SECONDS.sleep(WINDOW.pre().toSeconds() + 2); // the rings fill
                long bytesBefore = totalBytes(recording);
                long cpu = processCpuNanos();
                Map<String, Long> threads = threadCpu(THREAD_GROUPS);
                long wall = System.nanoTime();
                List<Long> rings = new ArrayList<>();
                int objectId = 0;
                for (int second = 0; second < SECONDS; second++) {
                    if (second % incidentEvery == 0) {
                        var incident = storage.incidents().record(NODE, new FirstDetection(EventType.UNAUTH, ++objectId, ObjectClass.PERSON,
                                10, 10, Area.ZONES.getFirst(), NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(2000, objectId)),
                                Instant.now()).get().incident();
                        recording.clips().record(incident);
                    }
                    TimeUnit.SECONDS.sleep(1);
                    recording.readers().forEach(reader -> rings.add(reader.ringBytes()));
                }
                long elapsed = System.nanoTime() - wall;
                cpuPercent = 100.0 * (processCpuNanos() - cpu) / elapsed;
                Map<String, Long> after = threadCpu(THREAD_GROUPS);
                where = after.keySet().stream().map(group -> String.format(Locale.ROOT, "%s %.2f", group,
                        100.0 * (after.get(group) - threads.getOrDefault(group, 0L)) / elapsed)).collect(Collectors.joining(", "));
                bytesPerSecond = (totalBytes(recording) - bytesBefore) / (elapsed / 1e9) / CAMERAS;
                ringSamples = rings.stream().mapToLong(Long::longValue).sorted().toArray();
                clips = objectId * CAMERAS;
                await(() -> latencies.size() + missing.size() >= clips, PATIENCE);
            }
            double perCamera = (cpuPercent - idle) / CAMERAS;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double expectedRing = bytesPerSecond * (WINDOW.pre().toSeconds() + GOP.toSeconds());
            System.out.printf(Locale.ROOT, "%d cameras 640×360 at 15 fps, clips of %d s + %d s, an incident every %d s for %d s%n",
                    CAMERAS, WINDOW.pre().toSeconds(), WINDOW.post().toSeconds(), incidentEvery, SECONDS);
            System.out.printf(Locale.ROOT, "Vigil recording, per camera: %.2f%% of a core (the JVM idle with its store: %.2f%%, subtracted)%n",
                    perCamera, idle);
            System.out.printf(Locale.ROOT, "    where (%% of a core, all cameras): %s%n", where);
            System.out.printf(Locale.ROOT, "clips: %d written, %d missing%s; end of post window to durable and linked: median %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    sorted.length, missing.size(), missing.isEmpty() ? "" : " " + missing.peek(), quantile(sorted, 0.5) / 1e6,
                    quantile(sorted, 0.95) / 1e6, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "ring per camera: median %s, max %s; bitrate × (pre + one GOP) = %s; median ratio %.2f%n",
                    ByteSize.format(ringSamples[ringSamples.length / 2]), ByteSize.format(ringSamples[ringSamples.length - 1]),
                    ByteSize.format(Math.round(expectedRing)), ringSamples[ringSamples.length / 2] / expectedRing);
            System.out.printf(Locale.ROOT, "clip storage: %s%n", ByteSize.format(storage.clips().usage(Long.MAX_VALUE).usedBytes()));
            return perCamera;
        }
    }

    private static long totalBytes(Cameras cameras) {
        return cameras.readers().stream().mapToLong(reader -> reader.counters().bytes()).sum();
    }

    /** FFmpeg copying every camera into 10 s MP4 segments at once, each in its own process: their CPU added, in % of one core. */
    private static double ffmpegCopy(List<RtspCamera> cameras, Path directory) throws Exception {
        Files.createDirectories(directory);
        List<Process> copies = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            copies.add(new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", cameras.get(i).url(),
                    "-c", "copy", "-f", "segment", "-segment_time", "10", "-reset_timestamps", "1",
                    directory.resolve("camera" + i + "-%03d.mp4").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        try {
            TimeUnit.SECONDS.sleep(4);
            long cpu = cpuOf(copies);
            long wall = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            return 100.0 * (cpuOf(copies) - cpu) / (System.nanoTime() - wall);
        } finally {
            copies.forEach(Process::destroy);
        }
    }

}
