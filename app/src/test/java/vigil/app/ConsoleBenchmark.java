package vigil.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.map.ZoneMapView;
import vigil.app.operators.TestOperators;
import vigil.app.shell.ConsoleWindow;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.storage.Role;
import vigil.storage.Storage;

/**
 * The console end to end on JavaFX's headless platform (software rendering), against a simulated
 * node over loopback and a real store: (1) frame times of the live map with 200, 2,000 and 5,000
 * objects moving at 25 Hz; (2) the delay from an {@code ME_FD} to its pop-up being in the frame;
 * (3) fifty nodes on one console, and the console's CPU.
 * {@code ./mvnw -pl app -am -Pui-benchmark verify}; see docs/BENCHMARKS.md.
 */
public final class ConsoleBenchmark {
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 4);
    private static final int MEASURE_SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int DETECTIONS = Integer.getInteger("bench.detections", 60);
    private static final int MANY_NODES = 50;
    private static final int OBJECTS_PER_NODE = 4;

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the node's and the store's threads would keep a failed run alive
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        Vigil.quietLibraries();
        Platform.setImplicitExit(false); // each measurement closes its window
        Platform.startup(() -> { });
        System.out.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s %10s%n", "objects", "work p50", "work p95", "work p99",
                "frame p50", "frame p95", "fps");
        for (int objects : new int[] {200, 2_000, 5_000}) {
            frameTimes(objects);
        }
        popUpDelay();
        manyNodes(1, MANY_NODES * OBJECTS_PER_NODE); // the same objects from one node: what fifty links cost beyond it
        manyNodes(MANY_NODES, OBJECTS_PER_NODE);
        Platform.exit();
    }

    /** One console with {@code count} objects moving at 25 Hz: the FX thread's work per frame and the time between frames. */
    private static void frameTimes(int count) throws Exception {
        try (Running running = Running.start()) {
            Random random = new Random(count);
            int[][] positions = new int[count][2];
            for (int[] position : positions) {
                position[0] = random.nextInt(Area.MAP_WIDTH);
                position[1] = random.nextInt(Area.MAP_HEIGHT);
            }
            ObjectClass[] classes = ObjectClass.values();
            Thread feeder = Thread.ofPlatform().name("bench-feeder").start(() -> {
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    List<DetectedObject> snapshot = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        int[] p = positions[i];
                        p[0] = Math.floorMod(p[0] + random.nextInt(7) - 3, Area.MAP_WIDTH);
                        p[1] = Math.floorMod(p[1] + random.nextInt(7) - 3, Area.MAP_HEIGHT);
                        ObjectClass objectClass = classes[i % classes.length];
                        snapshot.add(new DetectedObject(i, objectClass, p[0], p[1], Area.at(p[0], p[1]),
                                objectClass.canFall() ? i % 11 : null));
                    }
                    running.node.broadcast(new ObjectSnapshot(snapshot));
                    next += 40_000_000; // 25 Hz
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
            long[] work = new long[MEASURE_SECONDS * 200];
            long[] intervals = new long[MEASURE_SECONDS * 200];
            int[] frames = {0};
            AtomicLong last = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> running.window.onFrameWork(nanos -> {
                long now = System.nanoTime();
                int i = frames[0]++;
                if (i < work.length) {
                    work[i] = nanos;
                    intervals[i] = last.get() == 0 ? 0 : now - last.get();
                }
                last.set(now);
            }));
            TimeUnit.SECONDS.sleep(MEASURE_SECONDS);
            CompletableFuture<Integer> measured = new CompletableFuture<>();
            Platform.runLater(() -> {
                running.window.onFrameWork(nanos -> { });
                measured.complete(frames[0]);
                done.countDown();
            });
            int n = Math.min(measured.get(10, TimeUnit.SECONDS), work.length);
            feeder.interrupt();
            feeder.join();
            long[] w = Arrays.copyOf(work, n);
            long[] f = Arrays.copyOfRange(intervals, 1, n);
            Arrays.sort(w);
            Arrays.sort(f);
            System.out.printf(Locale.ROOT, "%-8d %8.2fms %8.2fms %8.2fms %8.2fms %8.2fms %10.1f%n", count, ms(w, 0.5), ms(w, 0.95),
                    ms(w, 0.99), ms(f, 0.5), ms(f, 0.95), n / (double) MEASURE_SECONDS);
        }
    }

    /** Detections one at a time: from handing each to the node to the first frame that shows its pop-up. */
    private static void popUpDelay() throws Exception {
        try (Running running = Running.start()) {
            TimeUnit.SECONDS.sleep(1);
            long[] delays = new long[DETECTIONS];
            for (int i = 0; i < DETECTIONS; i++) {
                long objectId = 10_000 + i;
                CompletableFuture<Long> shown = new CompletableFuture<>();
                AnimationTimer[] watcher = new AnimationTimer[1];
                CountDownLatch watching = new CountDownLatch(1);
                Platform.runLater(() -> {
                    watcher[0] = new AnimationTimer() {
                        @Override
                        public void handle(long now) {
                            if (running.window.popups().showing().stream().anyMatch(item -> item.incident().objectId() == objectId)) {
                                shown.complete(System.nanoTime());
                                stop();
                            }
                        }
                    };
                    watcher[0].start();
                    watching.countDown();
                });
                watching.await();
                Area zone = Area.ZONES.get(i % Area.ZONES.size());
                double[] b = zone.bounds();
                long sent = System.nanoTime();
                running.node.broadcast(new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.VEHICLE, (int) (b[0] + 10),
                        (int) (b[1] + 10), zone, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(3_000, i)));
                delays[i] = shown.get(10, TimeUnit.SECONDS) - sent;
                Platform.runLater(() -> running.window.popups().dismissNewest());
                TimeUnit.MILLISECONDS.sleep(250);
            }
            Arrays.sort(delays);
            System.out.printf(Locale.ROOT, "ME_FD to pop-up over %d detections: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", DETECTIONS,
                    ms(delays, 0.5), ms(delays, 0.95), delays[delays.length - 1] / 1e6);
        }
    }

    /**
     * {@code count} nodes in a process of their own, each moving {@code objects} objects at 25 Hz,
     * linked to one console: the console's CPU (this process's, in cores) beside the nodes' own, and
     * the FX thread's work per frame.
     */
    private static void manyNodes(int count, int objects) throws Exception {
        Process nodes = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ManyNodes.class.getName(), Integer.toString(count), Integer.toString(objects))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String ports = new BufferedReader(new InputStreamReader(nodes.getInputStream(), StandardCharsets.UTF_8)).readLine();
            List<NodeAddress> addresses = Arrays.stream(ports.split(",")).map(port -> new NodeAddress("127.0.0.1", Integer.parseInt(port))).toList();
            try (Running running = Running.start(addresses)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!running.console.nodes().stream().allMatch(node -> node.link().state().isOnline())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not every node came online");
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
                long[] work = new long[MEASURE_SECONDS * 200];
                int[] frames = {0};
                Platform.runLater(() -> running.window.onFrameWork(nanos -> {
                    if (frames[0] < work.length) {
                        work[frames[0]++] = nanos;
                    }
                }));
                Duration consoleBefore = cpu(ProcessHandle.current());
                Duration nodesBefore = cpu(nodes.toHandle());
                long started = System.nanoTime();
                TimeUnit.SECONDS.sleep(MEASURE_SECONDS);
                double wall = (System.nanoTime() - started) / 1e9;
                double consoleCores = (cpu(ProcessHandle.current()).minus(consoleBefore).toNanos() / 1e9) / wall;
                double nodesCores = (cpu(nodes.toHandle()).minus(nodesBefore).toNanos() / 1e9) / wall;
                CompletableFuture<Integer> measured = new CompletableFuture<>();
                Platform.runLater(() -> {
                    running.window.onFrameWork(nanos -> { });
                    measured.complete(frames[0]);
                });
                long[] w = Arrays.copyOf(work, Math.min(measured.get(10, TimeUnit.SECONDS), work.length));
                Arrays.sort(w);
                int drawn = CompletableFuture.supplyAsync(() -> ((ZoneMapView) running.window.scene().lookup("#zone-map")).drawnObjects().size(),
                        Platform::runLater).get(10, TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "%d nodes online, %d objects on the map: console %.2f cores, the nodes themselves %.2f cores;"
                                + " FX work per frame p50 %.2f ms, p95 %.2f ms, %.1f fps%n", count, drawn, consoleCores, nodesCores,
                        ms(w, 0.5), ms(w, 0.95), w.length / wall);
            }
        } finally {
            nodes.getOutputStream().close();
            nodes.waitFor(10, TimeUnit.SECONDS);
            nodes.destroyForcibly();
        }
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }

    /** A simulated node with no scenario objects, a console linked to it with a fresh store, and its window on the Live view. */
    private record Running(SimulatedNode node, Console console, ConsoleWindow window, Stage stage) implements AutoCloseable {
        static Running start() throws Exception {
            SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
            return start(node, List.of(new NodeAddress("127.0.0.1", node.port())));
        }

        /** A console linked to nodes that run elsewhere. */
        static Running start(List<NodeAddress> nodes) throws Exception {
            return start(null, nodes);
        }

        private static Running start(SimulatedNode node, List<NodeAddress> nodes) throws Exception {
            Path data = Files.createTempDirectory("vigil-bench");
            ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(nodes);
            Console console = Console.start(settings, Storage.open(data), null);
            CompletableFuture<Running> started = new CompletableFuture<>();
            Platform.runLater(() -> {
                Stage stage = new Stage();
                ConsoleWindow window = new ConsoleWindow(stage, console, settings, data.resolve("console.properties"), changed -> { },
                        TestOperators.account(console.storage(), "bench", Role.ADMIN));
                window.start();
                started.complete(new Running(node, console, window, stage));
            });
            return started.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                window.stop();
                stage.hide();
                closed.complete(null);
            });
            closed.orTimeout(10, TimeUnit.SECONDS).join();
            console.close();
            if (node != null) {
                node.close();
            }
        }
    }
}
