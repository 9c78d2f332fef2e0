package vigil.app.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import vigil.app.recording.LivenessProbes;
import vigil.app.shell.ConsoleWindow;
import vigil.app.shell.ErrorDialog;
import vigil.app.shell.StoreWaitWindow;
import vigil.app.shell.Screen;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.wire.Camera;
import vigil.storage.OperatorAccount;
import vigil.storage.SharedStore;
import vigil.storage.SharedStoreUnreachableException;
import vigil.storage.Storage;

/** Starts the JavaFX console on the caller's thread and returns when its window has closed. */
public final class ConsoleLauncher {

    /**
     * What {@code vigil} was asked for: {@code nodes} (empty: the settings' nodes, else the simulated
     * node), a first screen or a camera to stream, and optionally a PNG to write and a time after
     * which to exit.
     */
    public record Options(List<NodeAddress> nodes, UnaryOperator<LivenessProbes> probes, Path dataDirectory,
                          Function<String, SharedStore> store, Screen screen,
                          Camera camera, Path screenshot, Double exitAfterSeconds, int simulatedObjects, SignInAtStart signIn) {
    }

    /** {@code vigil --operator NAME}: a sign-in as if typed at the sign-in screen, null when none was asked for. */
    public record SignInAtStart(String operator, char[] password) {
    }

    private ConsoleLauncher() {
    }

    public static int run(Options options) throws InterruptedException {
        Path settingsFile = ConsoleSettings.file(System.getenv());
        ConsoleSettings settings = ConsoleSettings.load(settingsFile);
        if (!options.nodes().isEmpty()) {
            settings = settings.withNodes(options.nodes()); // for this run; the settings dialog saves nodes
        }
        settings = settings.withProbes(options.probes().apply(settings.probes()));
        SharedStore shared = options.store().apply(settings.store());
        CompletableFuture<Storage> storage = openStorage(options.dataDirectory(), shared); // while JavaFX starts
        Platform.setImplicitExit(false); // a reconnection closes one window before opening the next
        Platform.startup(() -> { });
        int exitCode = 0;
        Screen screen = options.screen();
        Camera camera = options.camera();
        OperatorAccount signedIn = null;
        for (ConsoleSettings next = settings; next != null; screen = Screen.LIVE, camera = null, storage = openStorage(options.dataDirectory(), shared)) {
            Storage store = openedOrWaitedFor(storage, next, shared, options);
            if (store == null) { // the wait for a shared store closed by the operator: the spool waits for the next start
                break;
            }
            Session session = new Session(options, settingsFile, signedIn);
            exitCode = session.run(next, store, screen, camera); // a reconnection starts afresh, with the same operator
            next = session.reconnectWith;
            signedIn = session.signedIn;
        }
        Platform.exit();
        return exitCode;
    }

    private static CompletableFuture<Storage> openStorage(Path dataDirectory, SharedStore shared) {
        return CompletableFuture.supplyAsync(() -> Storage.open(dataDirectory, shared),
                runnable -> Thread.ofPlatform().name("vigil-open-storage").start(runnable));
    }

    /**
     * The store, or the reason it did not open (a second console on the same data is told so). A
     * shared store that is down is waited for ({@link StoreWaitWindow}), the nodes' incidents kept
     * meanwhile; null when the operator closed that wait.
     */
    private static Storage openedOrWaitedFor(CompletableFuture<Storage> storage, ConsoleSettings settings, SharedStore shared,
                                             Options options) {
        try {
            return joined(storage);
        } catch (SharedStoreUnreachableException down) {
            if (!down.outage()) {
                throw down;
            }
            return joined(StoreWaitWindow.show(settings, options.dataDirectory(), shared, down.getMessage(), options.exitAfterSeconds(),
                    options.screenshot())).orElse(null);
        }
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** One console and its window, until the window closes or the operator reconnects to other nodes. */
    private static final class Session {
        private final Options options;
        private final Path settingsFile;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final OperatorAccount resumed;
        private volatile ConsoleSettings reconnectWith;
        private volatile OperatorAccount signedIn;
        private volatile int exitCode;

        Session(Options options, Path settingsFile, OperatorAccount resumed) {
            this.options = options;
            this.settingsFile = settingsFile;
            this.resumed = resumed;
        }

        int run(ConsoleSettings settings, Storage storage, Screen screen, Camera camera) throws InterruptedException {
            Console console = Console.start(settings, storage,
                    SimulatedNode.Settings.defaults().withPort(0).withSeed(System.nanoTime()).withObjects(options.simulatedObjects()));
            Platform.runLater(() -> {
                try {
                    open(console, settings, screen, camera);
                } catch (RuntimeException | Error e) { // a console that cannot show itself must not hang
                    ErrorDialog.log(e);
                    exitCode = 1;
                    ended.countDown();
                }
            });
            ended.await();
            console.close();
            return exitCode;
        }

        private void open(Console console, ConsoleSettings settings, Screen screen, Camera camera) {
            Stage stage = new Stage();
            ConsoleWindow[] opened = new ConsoleWindow[1];
            ConsoleWindow window = new ConsoleWindow(stage, console, settings, settingsFile, changed -> {
                reconnectWith = changed;
                signedIn = opened[0].desk().operator().orElse(null);
                stage.hide();
            }, resumed);
            opened[0] = window;
            if (resumed == null && options.signIn() != null) {
                window.signIn(options.signIn().operator(), options.signIn().password());
            }
            ErrorDialog.install(stage);
            stage.setOnHidden(e -> {
                window.stop();
                ended.countDown();
            });
            window.show(screen);
            if (camera != null) {
                window.showCamera(camera);
            }
            window.start();
            if (options.exitAfterSeconds() != null) {
                PauseTransition wait = new PauseTransition(Duration.seconds(options.exitAfterSeconds()));
                wait.setOnFinished(e -> {
                    screenshot(window);
                    System.out.println("vigil: " + window.summary());
                    stage.hide();
                });
                wait.play();
            }
        }

        private void screenshot(ConsoleWindow window) {
            if (options.screenshot() == null) {
                return;
            }
            try {
                writePng(window.scene(), options.screenshot());
            } catch (RuntimeException failed) {
                System.err.println("vigil: screenshot failed: " + failed.getMessage());
                exitCode = 1;
            }
        }
    }

    /** The whole window's content as a PNG. */
    public static void writePng(Scene scene, Path file) {
        BufferedImage image = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
