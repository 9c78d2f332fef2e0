package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.map.ZoneMapView;
import vigil.app.operators.TestOperators;
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
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;
import vigil.storage.Role;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;
import vigil.storage.testing.SmallDisk;

/** The console on a disk that fills up for real (a small tmpfs): it says so, keeps the live picture, and catches up once there is room. */
@ExtendWith(ApplicationExtension.class)
class DiskFullConsoleTest {
    private SmallDisk disk;
    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        disk = SmallDisk.mount(4);
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        console = Console.start(settings, Storage.open(disk.path().resolve("data")), null);
        window = new ConsoleWindow(stage, console, settings, disk.path().resolve("console.properties"), next -> { },
                TestOperators.account(console.storage(), "ana", Role.OPERATOR));
        window.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            FxWaits.stop(window);
            console.close();
            node.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskIsAStorageAlarmWhileTheMapGoesOnAndWhatWaitedArrivesOnceThereIsRoom(FxRobot robot) throws Exception {
        await("the link", () -> node.consoles() == 1);
        int sent = 0;
        while (console.storage().outage().isEmpty()) {
            assertTrue(sent < 250, "4 MB hold no more than about 200 pictures of 20 kB");
            detect(sent++);
            int before = sent;
            await("the incident, or the disk full", () -> console.storage().incidents().spooled() > 0
                    || fx(() -> window.board().open().size()) == before);
        }
        int stored = sent - 1;
        detect(sent++);
        await("the alarm", () -> fx(() -> FxWaits.texts(robot, "#status-bar")).contains("STORE'S DISK FULL — 2 incidents waiting"));
        node.broadcast(new RunwayStateChanged(Runway.A, RunwayState.WARNING)); // a site event that cannot wait, and is lost
        node.broadcast(new ObjectSnapshot(List.of(new DetectedObject(7, ObjectClass.VEHICLE, 420, 300, Area.at(420, 300), null))));
        ZoneMapView map = robot.lookup("#zone-map").queryAs(ZoneMapView.class);
        await("the live map, going on", () -> fx(map::drawnObjects).stream().anyMatch(object -> object.id() == 7));
        assertEquals(stored, (int) fx(() -> window.board().open().size()), "nothing queued before it is on disk");

        disk.grow(32);
        await("what waited, queued", () -> fx(() -> window.board().open().size()) == stored + 2);
        await("the alarm gone", () -> fx(() -> FxWaits.texts(robot, "#status-bar")).contains("storage OK · " + console.storage().location()));
        assertEquals(List.of("OK", "DISK_FULL"), console.storage().siteEvents().find(null, null, Set.of(SiteEvent.Kind.STORAGE), null, 10)
                .stream().map(SiteEvent::state).toList());
        assertTrue(console.storage().verify().intact(), () -> console.storage().verify().problems().toString());
    }

    private void detect(int objectId) {
        node.broadcast(new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 400, 460, Area.RWY_B, NodeTimestamp.of(Instant.now()), 0,
                TestJpegs.jpeg(20_000, objectId)));
    }
}
