package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vigil.app.camera.RtspCamera;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.storage.Role;
import vigil.storage.SiteCamera;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/** A camera that goes dark raises an alarm card of its own, with its sound, until A acknowledges it. */
@ExtendWith(ApplicationExtension.class)
class CameraAlarmTest {
    @TempDir
    static Path directory;

    private RtspCamera camera;
    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        camera = RtspCamera.start();
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Storage storage = Storage.open(directory.resolve("data-" + System.nanoTime()));
        storage.cameras().add(new SiteCamera("Gate 2", camera.url(), null, null, List.of(), null, SiteCamera.ClipWindow.DEFAULT, true), "test").get();
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())))
                .withCameraAlarmSeconds(1);
        console = Console.start(settings, storage, null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings.properties"), next -> { },
                TestOperators.account(console.storage(), "ada", Role.ADMIN));
        window.start();
    }

    @AfterEach
    void stop() throws Exception {
        FxWaits.stop(window);
        console.close();
        node.close();
        camera.close();
    }

    @Test
    void aCameraOfflineTooLongRaisesAnAlarmThatSaysWhenItIsBackAndAAcknowledges(FxRobot robot) throws Exception {
        await("the camera live", () -> fx(() -> robot.lookup("#camera-summary").queryLabeled().getText()).equals("1 camera: 1 live"));
        camera.kill();
        await("the alarm", () -> fx(() -> robot.lookup("#camera-alarm-Gate_2").tryQuery().isPresent()));
        assertTrue(fx(() -> FxWaits.texts(robot, "#camera-alarm-Gate_2")).contains("CAMERA OFFLINE"));
        camera.restart();
        await("back, and still waiting for the operator",
                () -> fx(() -> FxWaits.texts(robot, "#camera-alarm-Gate_2")).contains("CAMERA WAS OFFLINE"));
        robot.type(KeyCode.A);
        await("acknowledged", () -> fx(() -> robot.lookup("#camera-alarm-Gate_2").tryQuery().isEmpty()));
        await("recorded", () -> console.storage().siteEvents().find(null, null, Set.of(SiteEvent.Kind.CAMERA), "Gate 2", 10).stream()
                .anyMatch(event -> event.detail().equals("camera alarm acknowledged by ada")));
        List<String> states = console.storage().siteEvents().find(null, Instant.now(), Set.of(SiteEvent.Kind.CAMERA), "Gate 2", 10)
                .reversed().stream().map(SiteEvent::state).toList();
        assertEquals(List.of("LIVE", "OFFLINE", "LIVE", "LIVE"), states);
    }
}
