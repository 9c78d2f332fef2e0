package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
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
import vigil.storage.IncidentQuery;
import vigil.storage.OperatorAccount;
import vigil.storage.Role;
import vigil.storage.Storage;

/** The first start on an empty store: the live map and recording before anyone signs in, then the first admin. */
@ExtendWith(ApplicationExtension.class)
class FirstStartTest {
    @TempDir
    static Path directory;

    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        console = Console.start(settings, Storage.open(directory.resolve("data")), null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings.properties"), next -> { }, null);
        window.start();
    }

    @AfterEach
    void stop() {
        FxWaits.stop(window);
        console.close();
        node.close();
    }

    @Test
    void evidenceNeverWaitsForTheFirstAdmin(FxRobot robot) {
        assertTrue(fx(() -> ((Label) window.scene().lookup(".lock-title")).getText()).startsWith("Welcome to Vigil. Make the first admin"));
        await("online", () -> console.nodes().getFirst().link().state().isOnline() && node.consoles() == 1);
        node.broadcast(new ObjectSnapshot(List.of(new DetectedObject(7, ObjectClass.PERSON, 400, 300, Area.GRASS_A, 0))));
        double[] b = Area.TWY_A.bounds();
        node.broadcast(new FirstDetection(EventType.HAZARD, 8, ObjectClass.FOD, (int) (b[0] + b[2] / 2), (int) (b[1] + b[3] / 2),
                Area.TWY_A, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(1_500, 8)));
        await("the live map draws", () -> !fx(() -> window.screen() == Screen.LIVE ? ((vigil.app.map.ZoneMapView) window.scene()
                .lookup("#zone-map")).drawnObjects() : List.of()).isEmpty());
        await("recorded", () -> console.storage().incidents().search(IncidentQuery.ALL, null, 10).incidents().size() == 1);

        robot.clickOn("#sign-in-name").write("Ada").type(KeyCode.TAB).write("Ada Lovelace").type(KeyCode.TAB)
                .write("too short").type(KeyCode.TAB).write("too short!").type(KeyCode.ENTER);
        await("the slip is named", () -> fx(() -> ((Label) window.scene().lookup("#lock-message")).getText()).equals("the two passwords differ"));
        robot.clickOn("#sign-in-password").write("a long night shift").type(KeyCode.TAB).write("a long night shift").type(KeyCode.ENTER);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
        OperatorAccount ada = console.storage().operators().find("ada").orElseThrow();
        assertEquals(Role.ADMIN, ada.role());
        assertEquals("Ada Lovelace", ada.displayName());
        assertEquals("Ada Lovelace · admin", fx(() -> ((Labeled) window.scene().lookup("#operator-badge")).getText()));
        assertEquals(List.of(), console.storage().verify().problems());
    }
}
