package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
import vigil.app.live.LiveObject;
import vigil.app.map.ZoneMapView;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.storage.Role;
import vigil.storage.Storage;

/** Fifty nodes linked to one console at once: every link ONLINE, every node's object on the map, where it said. */
@ExtendWith(ApplicationExtension.class)
class ManyNodesTest {
    private static final int NODES = 50;

    @TempDir
    static Path directory;

    private final List<SimulatedNode> nodes = new ArrayList<>();
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        for (int i = 0; i < NODES; i++) {
            nodes.add(SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0)));
        }
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(nodes.stream().map(node -> new NodeAddress("127.0.0.1", node.port())).toList());
        console = Console.start(settings, Storage.open(directory.resolve("data-" + System.nanoTime())), null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings.properties"), changed -> { },
                TestOperators.account(console.storage(), "ada", Role.ADMIN));
        window.start();
    }

    @AfterEach
    void stop() {
        FxWaits.stop(window);
        console.close();
        nodes.forEach(SimulatedNode::close);
    }

    @Test
    void fiftyNodesAreOnlineAndEachOnesObjectIsOnTheMapWhereItSaid(FxRobot robot) {
        await("fifty links up", () -> console.nodes().stream().allMatch(node -> node.link().state().isOnline())
                && nodes.stream().allMatch(node -> node.consoles() == 1));
        for (int i = 0; i < NODES; i++) { // each node its own object, at its own place: id 1 on every node
            int x = 40 + (i % 10) * 90;
            int y = 60 + (i / 10) * 130;
            nodes.get(i).broadcast(new ObjectSnapshot(List.of(new DetectedObject(1, ObjectClass.FOD, x, y, Area.at(x, y), null))));
        }
        ZoneMapView map = robot.lookup("#zone-map").queryAs(ZoneMapView.class);
        await("fifty objects drawn", () -> fx(map::drawnObjects).size() == NODES);
        List<LiveObject> drawn = fx(map::drawnObjects);
        assertEquals(nodes.stream().map(node -> new NodeAddress("127.0.0.1", node.port())).collect(Collectors.toSet()),
                drawn.stream().map(LiveObject::node).collect(Collectors.toSet()), "one object from every node");
        for (LiveObject object : drawn) {
            int i = nodes.indexOf(nodes.stream().filter(node -> node.port() == object.node().port()).findFirst().orElseThrow());
            assertEquals(List.of(40 + (i % 10) * 90, 60 + (i / 10) * 130), List.of(object.x(), object.y()), "node " + i + "'s object where it said");
        }
        await("the status bar sums the links up", () -> fx(() -> robot.lookup("#status-bar .link").queryLabeled().getText())
                .startsWith("● 50 nodes: 50 ONLINE · "));
    }
}
