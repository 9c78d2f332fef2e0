package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.map.ZoneMapView;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.storage.Role;
import vigil.storage.Storage;

/** A console following two nodes: both on the map, and each node's zone levels edited on their own. */
@ExtendWith(ApplicationExtension.class)
class TwoNodesTest {
    @TempDir
    static Path directory;

    private SimulatedNode north;
    private SimulatedNode south;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        north = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        south = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(
                new NodeAddress("127.0.0.1", north.port()), new NodeAddress("127.0.0.1", south.port())));
        console = Console.start(settings, Storage.open(directory.resolve("data-" + System.nanoTime())), null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings.properties"), changed -> { },
                TestOperators.account(console.storage(), "ada", Role.ADMIN));
        window.start();
    }

    @AfterEach
    void stop() throws Exception {
        FxWaits.stop(window);
        console.close();
        north.close();
        south.close();
    }

    @Test
    void bothNodesObjectsAreOnTheMapAndEachNodesLevelsAreItsOwn(FxRobot robot) {
        await("both links up", () -> console.nodes().stream().allMatch(node -> node.link().state().isOnline()));
        north.broadcast(new ObjectSnapshot(List.of(new DetectedObject(1, ObjectClass.FOD, 100, 100, Area.RWY_A, null))));
        south.broadcast(new ObjectSnapshot(List.of(new DetectedObject(2, ObjectClass.FOD, 200, 600, Area.GRASS_B, null))));
        ZoneMapView map = robot.lookup("#zone-map").queryAs(ZoneMapView.class);
        await("both nodes' objects", () -> fx(map::drawnObjects).size() == 2);

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        ComboBox<?> nodes = robot.lookup(".combo-box").queryAs(ComboBox.class);
        fx(() -> {
            nodes.getSelectionModel().select(1);
            return null;
        });
        robot.type(KeyCode.DIGIT8).type(KeyCode.O);
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        robot.clickOn("OK");
        await("the south node took it", () -> south.authorityLevels().get(Area.GRASS_B.ordinal()) == AuthorityLevel.OPEN);
        assertEquals(AuthorityLevel.AUTH_ONLY, north.authorityLevels().get(Area.GRASS_B.ordinal()), "the other node is untouched");
    }
}
