package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import vigil.app.console.ConsoleSettings;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.Incident;
import vigil.storage.IncidentQuery;
import vigil.storage.OfflineSpool;
import vigil.storage.SharedStore;
import vigil.storage.SharedStoreUnreachableException;
import vigil.storage.Storage;
import vigil.storage.testing.PostgresServer;

/**
 * A console started while its shared PostgreSQL store is down: the wait window keeps the node's
 * incidents in the spool and says how many, and once the server is back the store opens with them,
 * in order. Closing the wait instead leaves them for the next start.
 */
@ExtendWith(ApplicationExtension.class)
class StoreWaitTest {
    @TempDir
    Path work;

    private PostgresServer server;
    private SharedStore store;
    private SimulatedNode node;
    private ConsoleSettings settings;

    @BeforeEach
    void start() throws Exception {
        server = PostgresServer.get();
        store = server.newDatabase();
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aConsoleStartedWhileTheSharedStoreIsDownKeepsTheNodesIncidentsAndOpensItOnceItIsBack(FxRobot robot) throws Exception {
        CompletableFuture<Optional<Storage>> waited;
        server.kill();
        try {
            String why = whyNot(store);
            waited = StoreWaitWindow.show(settings, work.resolve("desk"), store, why, null, null);
            await("the wait, and the node's link", () -> node.consoles() == 1 && !robot.lookup("#store-wait").queryAll().isEmpty());
            assertTrue(fx(() -> FxWaits.texts(robot, "#store-wait")).contains(why), "why, in words");
            for (int i = 0; i < 3; i++) {
                node.broadcast(new FirstDetection(EventType.RESCUE, 900 + i, ObjectClass.PERSON, i, i, Area.RWY_B,
                        NodeTimestamp.of(Instant.now()), 1, TestJpegs.jpeg(1500, 900 + i)));
            }
            await("counted as waiting", () -> fx(() -> robot.lookup("#store-wait-incidents").queryAs(Labeled.class).getText())
                    .equals("3 incidents waiting in the spool"));
            assertTrue(fx(() -> robot.lookup("#store-wait-nodes").queryAs(Labeled.class).getText()).equals("127.0.0.1:" + node.port() + "  ONLINE"));
            assertTrue(!waited.isDone(), "no store yet");
        } finally {
            server.restart();
        }
        try (Storage opened = waited.get(30, TimeUnit.SECONDS).orElseThrow()) {
            await("the window gone", () -> robot.lookup("#store-wait").queryAll().isEmpty());
            await("the spool forwarded", () -> opened.incidents().search(IncidentQuery.ALL, null, 10).incidents().size() == 3);
            assertEquals(List.of(900L, 901L, 902L), opened.incidents().search(IncidentQuery.ALL, null, 10).incidents().stream()
                    .sorted(Comparator.comparingLong(Incident::id)).map(Incident::objectId).toList(), "each once, in the order they came");
            await("the wait's link closed", () -> node.consoles() == 0);
        }
    }

    @Test
    void closingTheWaitKeepsTheSpoolForTheNextStart(FxRobot robot) throws Exception {
        Path desk = work.resolve("desk");
        server.kill();
        try {
            CompletableFuture<Optional<Storage>> waited = StoreWaitWindow.show(settings, desk, store, whyNot(store), null, null);
            await("the node's link", () -> node.consoles() == 1);
            node.broadcast(new FirstDetection(EventType.HAZARD, 950, ObjectClass.FOD, 5, 5, Area.RWY_A, NodeTimestamp.of(Instant.now()), null,
                    TestJpegs.jpeg(1500, 950)));
            await("kept", () -> fx(() -> robot.lookup("#store-wait-incidents").queryAs(Labeled.class).getText())
                    .equals("1 incident waiting in the spool"));
            fx(() -> {
                robot.lookup("#store-wait").query().getScene().getWindow().hide(); // the operator closes the window
                return null;
            });
            assertEquals(Optional.empty(), waited.get(10, TimeUnit.SECONDS));
            await("the link closed", () -> node.consoles() == 0);
        } finally {
            server.restart();
        }
        try (Storage next = Storage.open(desk, store, OfflineSpool.open(desk))) {
            await("forwarded at the next start", () -> next.incidents().search(IncidentQuery.ALL, null, 10).incidents().stream()
                    .map(Incident::objectId).toList().equals(List.of(950L)));
        }
    }

    /** What opening the store says while its server is down. */
    private String whyNot(SharedStore store) {
        try (Storage unexpected = Storage.open(work.resolve("probe"), store)) {
            throw new AssertionError("the store opened while its server was down: " + unexpected.location());
        } catch (SharedStoreUnreachableException down) {
            assertTrue(down.outage(), down.getMessage());
            return down.getMessage();
        }
    }
}
