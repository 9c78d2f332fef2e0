package vigil.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.opentest4j.TestAbortedException;
import vigil.app.camera.RtspCamera;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.operators.TestOperators;
import vigil.app.shell.ConsoleWindow;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Jpeg;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentStore;
import vigil.storage.Role;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/**
 * The console under a site's load for an hour, or as long as asked: 20 simulated nodes moving
 * objects at 25 Hz in a process of their own, their scenarios' first detections and 20 a minute
 * more of the soak's own (over 100 a minute in all), an operator who acknowledges every pop-up
 * with the A key (so the desk never locks itself) and closes no incident, and four RTSP cameras covering the zones (so that pop-ups show live video)
 * where GStreamer's RTSP server is installed. Each sample takes the heap after a full GC, the
 * resident set, threads, file descriptors, the frame times since the last sample, the CPU, and
 * first detections sent and incidents recorded. Writes {@code samples.csv} and {@code soak.png}
 * to {@code soak.out}, and exits 1 when something kept growing or one of the soak's own
 * detections is not an incident (the scenarios' are counted from when the links were up, so a
 * few in flight then blur that count).
 * {@code ./mvnw -pl app -am -DskipTests -Psoak verify}; see docs/BENCHMARKS.md.
 */
public final class Soak {
    private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "60"));
    private static final int NODES = Integer.getInteger("soak.nodes", 20);
    private static final int OBJECTS = Integer.getInteger("soak.objects", 3);
    private static final int OWN_DETECTIONS_PER_MINUTE = Integer.getInteger("soak.detections", 20);
    private static final int CAMERAS = Integer.getInteger("soak.cameras", 4);
    private static final int SAMPLE_SECONDS = Integer.getInteger("soak.sample", MINUTES >= 10 ? 30 : 5);
    private static final Path OUT = Path.of(System.getProperty("soak.out", "target/soak"));
    /** What a warm JVM and full caches look like is what the rest is compared with. */
    private static final double WARM_UP_MINUTES = Math.min(5, MINUTES / 2);

    /** One sample; frame times are over the frames since the sample before. */
    record Sample(double minutes, double heapMb, double committedMb, double rssMb, int threads, int fileDescriptors, long[] frameIntervals,
                  double cpuCores, long sent, long recorded) {
        double frameP50() {
            return quantile(frameIntervals, 0.5);
        }

        double frameP95() {
            return quantile(frameIntervals, 0.95);
        }

        double frameMax() {
            return quantile(frameIntervals, 1);
        }

        /** The resident set less the heap the JVM holds: the native memory (decoders, buffers, threads, code). */
        double outsideHeapMb() {
            return rssMb - committedMb;
        }

        double frameMean() {
            return Arrays.stream(frameIntervals).average().orElse(Double.NaN) / 1e6;
        }

        static final String CSV_HEADER = "minutes,heap_after_gc_mb,heap_committed_mb,rss_mb,threads,fds,"
                + "frame_mean_ms,frame_p50_ms,frame_p95_ms,frame_max_ms,cpu_cores,sent,recorded";

        String csv() {
            return String.format(Locale.ROOT, "%.2f,%.1f,%.1f,%.1f,%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%d", minutes, heapMb, committedMb, rssMb,
                    threads, fileDescriptors, frameMean(), frameP50(), frameP95(), frameMax(), cpuCores, sent, recorded);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%6.1f min  heap %6.1f MB  rss %6.1f MB  threads %3d  fds %4d  frame p50 %5.1f p95 %5.1f max %6.1f ms"
                    + "  cpu %.2f  incidents %d of %d", minutes, heapMb, rssMb, threads, fileDescriptors, frameP50(), frameP95(), frameMax(),
                    cpuCores, recorded, sent);
        }
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run() ? 0 : 1;
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit); // the nodes', cameras' and store's threads would keep the process alive
    }

    private static boolean run() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Vigil.quietLibraries();
        Files.createDirectories(OUT);
        Platform.startup(() -> { });
        Process nodes = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ManyNodes.class.getName(), Integer.toString(NODES), Integer.toString(OBJECTS),
                Integer.toString(OWN_DETECTIONS_PER_MINUTE)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader fromNodes = new BufferedReader(new InputStreamReader(nodes.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toNodes = new PrintWriter(nodes.getOutputStream(), true, StandardCharsets.UTF_8);
        List<RtspCamera> cameras = cameras();
        Path data = Files.createTempDirectory("vigil-soak"); // an hour of clips is tens of gigabytes: removed at the end
        try {
            List<NodeAddress> addresses = Arrays.stream(fromNodes.readLine().split(","))
                    .map(port -> new NodeAddress("127.0.0.1", Integer.parseInt(port))).toList();
            System.out.printf(Locale.ROOT, "soak: %.0f min, %d nodes × %d objects at 25 Hz, their first detections and %d a minute more,"
                    + " %d cameras; a sample every %d s into %s%n", MINUTES, NODES, OBJECTS, OWN_DETECTIONS_PER_MINUTE, cameras.size(),
                    SAMPLE_SECONDS, OUT.toAbsolutePath());
            Storage storage = Storage.open(data);
            for (int i = 0; i < cameras.size(); i++) {
                List<Area> covered = Area.ZONES.subList(2 * i % Area.ZONES.size(), 2 * i % Area.ZONES.size() + 2);
                storage.cameras().add(new SiteCamera("camera " + (i + 1), cameras.get(i).url(), null, null, covered, null,
                        SiteCamera.ClipWindow.DEFAULT, true), "soak").get();
            }
            ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(addresses);
            Recorded recorded = new Recorded();
            storage.incidents().listen(recorded);
            Console console = Console.start(settings, storage, null);
            ConsoleWindow window = CompletableFuture.supplyAsync(() -> {
                ConsoleWindow started = new ConsoleWindow(new Stage(), console, settings, data.resolve("console.properties"), changed -> { },
                        TestOperators.account(storage, "soak", Role.OPERATOR));
                started.start();
                return started;
            }, Platform::runLater).get(30, TimeUnit.SECONDS);
            FrameTimes frames = new FrameTimes();
            Platform.runLater(() -> window.onFrameWork(work -> frames.frame()));
            ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
            operator.scheduleWithFixedDelay(() -> Platform.runLater(() -> {
                int cards = window.popups().showing().size();
                for (int i = 0; i <= Math.min(cards, 10); i++) {
                    press(window, KeyCode.A); // acknowledge, as fast as a finger on the key; the keys keep the desk from locking
                }
            }), 1, 1, TimeUnit.SECONDS);

            awaitOnline(console);
            long[] baseline = sent(toNodes, fromNodes); // and the soak's own detections start
            long recordedBefore = recorded.all.get();
            List<Sample> samples = new ArrayList<>();
            try (Writer csv = Files.newBufferedWriter(OUT.resolve("samples.csv"))) {
                csv.write(Sample.CSV_HEADER + "\n");
                long started = System.nanoTime();
                long end = started + (long) (MINUTES * 60e9);
                Duration cpuBefore = cpu();
                long before = started;
                while (System.nanoTime() < end) {
                    TimeUnit.SECONDS.sleep(SAMPLE_SECONDS);
                    long now = System.nanoTime();
                    Duration cpuNow = cpu();
                    double cores = cpuNow.minus(cpuBefore).toNanos() / (double) (now - before);
                    cpuBefore = cpuNow;
                    before = now;
                    long[] intervals = CompletableFuture.supplyAsync(frames::take, Platform::runLater).get(30, TimeUnit.SECONDS);
                    long[] sent = sent(toNodes, fromNodes);
                    Sample sample = sample((now - started) / 60e9, intervals, cores, sent[0] - baseline[0] + sent[1],
                            recorded.all.get() - recordedBefore);
                    CompletableFuture.runAsync(frames::restart, Platform::runLater).get(30, TimeUnit.SECONDS);
                    samples.add(sample);
                    csv.write(sample.csv() + "\n");
                    csv.flush();
                    System.out.println(sample);
                }
            }
            operator.shutdownNow();
            toNodes.println("stop");
            long[] sent = sent(fromNodes);
            long ownRecorded = recorded.awaitOwn(sent[1]);
            long all = sent[0] - baseline[0] + sent[1];
            SoakPlot.write(samples, OUT.resolve("soak.png"), String.format(Locale.ROOT, "Vigil soak: %d nodes × %d objects at 25 Hz,"
                    + " %d first detections, %d cameras, %.0f min", NODES, OBJECTS, all, cameras.size(), MINUTES));
            boolean flat = verdict(samples);
            int cards = CompletableFuture.supplyAsync(() -> window.desk().isLocked() ? -1 : window.popups().showing().size(),
                    Platform::runLater).get(10, TimeUnit.SECONDS);
            boolean keptUp = cards >= 0 && cards <= 20;
            System.out.println(cards < 0 ? "the desk locked itself: the operator's keys did not reach it"
                    : "pop-ups left at the end: " + cards + (keptUp ? "" : ": the operator did not keep up"));
            flat &= keptUp;
            System.out.printf(Locale.ROOT, "first detections sent %d (%.0f a minute), incidents recorded %d;"
                    + " the soak's own: %d sent, %d recorded: %s%n", all, all / MINUTES, recorded.all.get() - recordedBefore,
                    sent[1], ownRecorded, ownRecorded == sent[1] ? "none lost" : "MISSING");
            System.out.println(flat && ownRecorded == sent[1] ? "soak: FLAT, NOTHING LOST" : "soak: FAILED");
            CompletableFuture.runAsync(window::stop, Platform::runLater).get(10, TimeUnit.SECONDS);
            console.close();
            return flat && ownRecorded == sent[1];
        } finally {
            nodes.destroyForcibly();
            for (RtspCamera camera : cameras) {
                camera.close();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** A key pressed and released at the desk, as the operator's keyboard would: through the scene's own filters. */
    private static void press(ConsoleWindow window, KeyCode key) {
        Node target = window.scene().getFocusOwner() != null ? window.scene().getFocusOwner() : window.scene().getRoot();
        String text = key.getChar().toLowerCase(Locale.ROOT);
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, text, text, key, false, false, false, false));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, text, text, key, false, false, false, false));
    }

    /** The cameras, or none where GStreamer's RTSP server is not installed. */
    private static List<RtspCamera> cameras() throws Exception {
        List<RtspCamera> cameras = new ArrayList<>();
        try {
            for (int i = 0; i < CAMERAS; i++) {
                cameras.add(RtspCamera.sized("640x360", 15));
            }
        } catch (TestAbortedException missing) {
            System.out.println("soak: no cameras: " + missing.getMessage());
        }
        return cameras;
    }

    private static void awaitOnline(Console console) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!console.nodes().stream().allMatch(node -> node.link().state().isOnline())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every node came online");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** The first detections the nodes' scenarios sent, and the soak's own. */
    private static long[] sent(PrintWriter toNodes, BufferedReader fromNodes) throws IOException {
        toNodes.println();
        return sent(fromNodes);
    }

    private static long[] sent(BufferedReader fromNodes) throws IOException {
        String[] counts = fromNodes.readLine().split(" ");
        return new long[] {Long.parseLong(counts[0]), Long.parseLong(counts[1])};
    }

    /** Incidents as the store makes them durable, on its writer's thread. */
    private static final class Recorded implements IncidentStore.Listener {
        final AtomicLong all = new AtomicLong();
        final AtomicLong own = new AtomicLong();

        @Override
        public void recorded(Incident incident, Jpeg picture) {
            all.incrementAndGet();
            if (incident.objectId() < ManyNodes.OWN_IDS_BELOW) {
                own.incrementAndGet();
            }
        }

        @Override
        public void acted(Incident incident, IncidentAction action) {
        }

        /** The last detections may still be on their way to the store when the nodes stop. */
        long awaitOwn(long sent) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (own.get() < sent && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            return own.get();
        }
    }

    private static Sample sample(double minutes, long[] frameIntervals, double cores, long sent, long recorded) throws IOException {
        ManagementFactory.getMemoryMXBean().gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Arrays.sort(frameIntervals);
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) open.count() - 1; // less the listing's own
        }
        return new Sample(minutes, heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, rssMb(),
                ManagementFactory.getThreadMXBean().getThreadCount(), fds, frameIntervals, cores, sent, recorded);
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }

    private static double quantile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.round(q * (sorted.length - 1))] / 1e6;
    }

    /**
     * Flat: after the warm-up, the last third of the samples against the first. A leak of memory,
     * threads or descriptors grows with the detections and the reconnections, so it shows; a busy
     * machine's noise is what the slack allows for.
     */
    private static boolean verdict(List<Sample> samples) {
        List<Sample> steady = samples.stream().filter(sample -> sample.minutes() >= WARM_UP_MINUTES).toList();
        int third = Math.max(1, steady.size() / 3);
        List<Sample> first = steady.subList(0, third);
        List<Sample> last = steady.subList(steady.size() - third, steady.size());
        boolean flat = true;
        flat &= within("heap after GC (MB, median)", median(first, Sample::heapMb), median(last, Sample::heapMb), 1.2, 16, samples, Sample::heapMb);
        flat &= within("resident set above the heap (MB, median)", median(first, Sample::outsideHeapMb), median(last, Sample::outsideHeapMb),
                1.15, 64, samples, Sample::outsideHeapMb);
        flat &= within("threads (most)", max(first, Sample::threads), max(last, Sample::threads), 1, 3, samples, Sample::threads);
        flat &= within("file descriptors (most)", max(first, Sample::fileDescriptors), max(last, Sample::fileDescriptors), 1, 8, samples,
                Sample::fileDescriptors);
        flat &= within("time between frames (ms, mean)", frameMean(first), frameMean(last), 1.25, 2, samples, Sample::frameMean);
        return flat;
    }

    private static boolean within(String what, double first, double last, double factor, double slack, List<Sample> all,
                                  ToDoubleFunction<Sample> value) {
        boolean ok = last <= first * factor + slack;
        System.out.printf(Locale.ROOT, "%-41s first third %8.1f  last third %8.1f  (allowed %8.1f)  slope %+8.2f an hour  %s%n", what, first, last,
                first * factor + slack, slopePerHour(all, value), ok ? "flat" : "GREW");
        return ok;
    }

    /** The least-squares slope over every sample after the warm-up, per hour. */
    private static double slopePerHour(List<Sample> samples, ToDoubleFunction<Sample> value) {
        List<Sample> steady = samples.stream().filter(sample -> sample.minutes() >= WARM_UP_MINUTES).toList();
        double meanX = steady.stream().mapToDouble(Sample::minutes).average().orElse(0);
        double meanY = steady.stream().mapToDouble(value).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample sample : steady) {
            covariance += (sample.minutes() - meanX) * (value.applyAsDouble(sample) - meanY);
            variance += (sample.minutes() - meanX) * (sample.minutes() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60;
    }

    /**
     * Over every frame of the samples. A percentile flips with a few slow frames more or less (at
     * 550 detections a minute one sample's p95 is 32 ms, the next 160); the mean moves with how many
     * there are, and is the frame rate.
     */
    private static double frameMean(List<Sample> samples) {
        return samples.stream().flatMapToLong(sample -> Arrays.stream(sample.frameIntervals())).average().orElse(Double.NaN) / 1e6;
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        double[] values = samples.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }

    private static double max(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).max().orElseThrow();
    }

    /** The time between frames, on the FX thread. */
    private static final class FrameTimes {
        private long[] intervals = new long[1024];
        private int count;
        private long last;

        void frame() {
            long now = System.nanoTime();
            if (last != 0) {
                if (count == intervals.length) {
                    intervals = Arrays.copyOf(intervals, count * 2);
                }
                intervals[count++] = now - last;
            }
            last = now;
        }

        long[] take() {
            long[] taken = Arrays.copyOf(intervals, count);
            count = 0;
            return taken;
        }

        /** Forgets the frames since the last take, and the time of the last one: the sample's own full GC is no frame time of the console's. */
        void restart() {
            count = 0;
            last = 0;
        }
    }
}
