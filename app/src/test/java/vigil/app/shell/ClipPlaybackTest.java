package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ClipStore;
import vigil.storage.Incident;
import vigil.storage.Role;
import vigil.storage.Storage;

/** An incident's clips played in the review by keyboard, with libvlc on JavaFX's headless platform. */
@ExtendWith(ApplicationExtension.class)
class ClipPlaybackTest {
    private static final Pattern TIME = Pattern.compile(" · (\\d+):(\\d+\\.\\d) / (\\d+):(\\d+\\.\\d) · ");

    @TempDir
    static Path directory;

    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Assumptions.assumeTrue(new NativeDiscovery().discover(), "playing clips needs libvlc (Debian: libvlc5 vlc-plugin-base)");
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        console = Console.start(settings, Storage.open(directory.resolve("data-" + System.nanoTime())), null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings-" + System.nanoTime() + ".properties"), s -> { },
                TestOperators.account(console.storage(), "ada", Role.ADMIN));
        window.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            FxWaits.stop(window);
            console.close();
            node.close();
        }
    }

    @Test
    void theReviewPlaysAnIncidentsClipsByKeyboard(FxRobot robot) throws Exception {
        await("online", () -> console.nodes().getFirst().link().state().isOnline());
        node.broadcast(new FirstDetection(EventType.UNAUTH, 41, ObjectClass.PERSON, 300, 300, Area.ZONES.getFirst(),
                NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(2000, 41)));
        await("the incident", () -> console.storage().incidents().count() == 1);
        Incident incident = console.storage().incidents().find(1).orElseThrow();
        ClipStore clips = console.storage().clips();
        for (String camera : List.of("Runway", "Gate")) {
            Path file = clips.temporaryFile();
            testClip(file, camera.equals("Runway") ? "testsrc2" : "smptebars");
            clips.link(incident.id(), camera, new ClipStore.Written(file, "h264", incident.receivedAt().minusSeconds(2),
                    incident.receivedAt().plusSeconds(2))).get();
        }

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        await("the first clip loaded, paused", () -> status(robot).startsWith("Runway (1 of 2, Tab: next) · 0:00.0 / 0:04.0 · paused"));
        await("its first picture", () -> fx(() -> {
            var image = robot.lookup("#clip-view").queryAs(ImageView.class).getImage();
            return image != null && image.getWidth() == 320;
        }));

        robot.type(KeyCode.SPACE);
        await("playing, and time goes on", () -> status(robot).contains("playing") && millis(robot) >= 500);
        robot.type(KeyCode.SPACE);
        await("paused", () -> status(robot).contains("paused"));

        robot.type(KeyCode.HOME);
        await("at the start", () -> millis(robot) < 200);
        robot.type(KeyCode.RIGHT);
        await("a second on", () -> Math.abs(millis(robot) - 1000) < 150);
        long before = millis(robot);
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        await("a frame on", () -> millis(robot) > before && millis(robot) <= before + 150);
        long afterStep = millis(robot);
        robot.press(KeyCode.SHIFT).type(KeyCode.LEFT).release(KeyCode.SHIFT);
        await("a frame back", () -> millis(robot) < afterStep);
        robot.type(KeyCode.END);
        await("its last second", () -> millis(robot) >= 2800);

        robot.type(KeyCode.CLOSE_BRACKET);
        await("twice as fast", () -> status(robot).endsWith(" · 2×"));
        robot.type(KeyCode.OPEN_BRACKET).type(KeyCode.OPEN_BRACKET);
        await("half speed", () -> status(robot).endsWith(" · 1/2×"));

        robot.type(KeyCode.TAB);
        await("the next camera's clip", () -> status(robot).startsWith("Gate (2 of 2, Tab: next) · "));
    }

    private static String status(FxRobot robot) {
        return fx(() -> String.valueOf(robot.lookup("#clip-status").queryAs(Label.class).getText()));
    }

    /** The time in the clip that its status shows, in milliseconds. */
    private static long millis(FxRobot robot) {
        Matcher time = TIME.matcher(status(robot));
        assertTrue(time.find(), status(robot));
        return Long.parseLong(time.group(1)) * 60_000 + Math.round(Double.parseDouble(time.group(2)) * 1000);
    }

    /** Four seconds of an FFmpeg test pattern, 320×180 at 15 fps, H.264 in MP4, made with Debian's ffmpeg. */
    private static void testClip(Path file, String pattern) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "the test clips are made with Debian's ffmpeg");
        Process ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", pattern + "=s=320x180:r=15",
                "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                "-f", "mp4", file.toString()).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ffmpeg.waitFor() == 0, output);
    }
}
