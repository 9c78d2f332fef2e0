package vigil.app.console;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import vigil.app.shell.ConsoleWindow;
import vigil.app.shell.ErrorDialog;
import vigil.app.shell.Screen;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.storage.Storage;

/** Starts the JavaFX console on the caller's thread and returns when its window has closed. */
public final class ConsoleLauncher {

    /**
     * What {@code vigil} was asked for: {@code nodes} (empty: the settings' nodes, else the simulated
     * node), a first screen, and optionally a PNG to write and a time after which to exit.
     */
    public record Options(List<NodeAddress> nodes, Path dataDirectory, Screen screen, Path screenshot, Double exitAfterSeconds,
                          int simulatedObjects) {
    }

    private ConsoleLauncher() {
    }

    public static int run(Options options) throws InterruptedException {
        Path settingsFile = ConsoleSettings.file(System.getenv());
        ConsoleSettings settings = ConsoleSettings.load(settingsFile);
        if (!options.nodes().isEmpty()) {
            settings = settings.withNodes(options.nodes()); // for this run; the settings dialog saves nodes
        }
        Storage storage = Storage.open(options.dataDirectory());
        Console console = Console.start(settings, storage,
                SimulatedNode.Settings.defaults().withPort(0).withSeed(System.nanoTime()).withObjects(options.simulatedObjects()),
                System.getProperty("user.name", "operator"));
        CountDownLatch closed = new CountDownLatch(1);
        int[] exitCode = {0};
        ConsoleSettings startSettings = settings;
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Stage stage = new Stage();
            ConsoleWindow window = new ConsoleWindow(stage, console, startSettings, settingsFile);
            ErrorDialog.install(stage);
            stage.setOnHidden(e -> {
                window.stop();
                closed.countDown();
            });
            window.show(options.screen());
            window.start();
            if (options.exitAfterSeconds() != null) {
                PauseTransition wait = new PauseTransition(Duration.seconds(options.exitAfterSeconds()));
                wait.setOnFinished(e -> {
                    if (options.screenshot() != null) {
                        try {
                            writePng(window.scene(), options.screenshot());
                        } catch (RuntimeException failed) {
                            System.err.println("vigil: screenshot failed: " + failed.getMessage());
                            exitCode[0] = 1;
                        }
                    }
                    stage.hide();
                });
                wait.play();
            }
        });
        closed.await();
        console.close();
        Platform.exit();
        return exitCode[0];
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
