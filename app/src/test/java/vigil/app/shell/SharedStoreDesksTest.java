package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vigil.app.Vigil;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.console.Tasks;
import vigil.app.incidents.IncidentBoard;
import vigil.app.live.SiteState;
import vigil.app.incidents.IncidentItem;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.storage.ActionKind;
import vigil.storage.AuditReport;
import vigil.storage.IncidentState;
import vigil.storage.Outage;
import vigil.storage.Role;
import vigil.storage.SharedStore;
import vigil.storage.Storage;
import vigil.storage.testing.PostgresServer;

/**
 * Two desks and two recorders on one PostgreSQL store, all following the same node: desk A's
 * console without a screen and its incident board, desk B's console in a window, and two
 * {@code vigil record}s. Each incident is recorded once and shown at both desks; an acknowledgement
 * at one silences the other's pop-up and names who made it; the audit chain stays one valid chain.
 */
@ExtendWith(ApplicationExtension.class)
class SharedStoreDesksTest {
    @TempDir
    static Path directory;

    private SimulatedNode node;
    private Console deskA;
    private IncidentBoard boardA;
    private Console deskB;
    private ConsoleWindow windowB;
    private final List<CompletableFuture<Integer>> recorders = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        SharedStore shared = PostgresServer.get().newDatabase();
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        deskA = Console.start(settings, Storage.open(directory.resolve("desk-a"), shared), null);
        boardA = new IncidentBoard(deskA.storage().incidents(), Tasks.sameThread(), TestOperators.signedIn(deskA.storage(), "ana", Role.OPERATOR));
        deskB = Console.start(settings, Storage.open(directory.resolve("desk-b"), shared), null);
        windowB = new ConsoleWindow(stage, deskB, settings, directory.resolve("settings-b.properties"), next -> { },
                TestOperators.account(deskB.storage(), "bob", Role.ADMIN));
        windowB.start();
        Path password = Files.writeString(directory.resolve("store-password"), shared.password());
        for (String recorder : List.of("recorder-1", "recorder-2")) {
            recorders.add(CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute("record", "--node", "127.0.0.1:" + node.port(),
                    "--data", directory.resolve(recorder).toString(), "--store", shared.toString(), "--store-password-file", password.toString(), "--once"),
                    runnable -> Thread.ofPlatform().name(recorder).start(runnable)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        FxWaits.stop(windowB);
        deskB.close();
        deskA.close();
        node.close();
        for (CompletableFuture<Integer> recorder : recorders) {
            assertEquals(0, recorder.get(20, TimeUnit.SECONDS)); // --once: each ends with the node
        }
    }

    @Test
    void anIncidentIsRecordedOnceShownAtBothDesksAndAnAcknowledgementAtOneSilencesTheOther(FxRobot robot) throws Exception {
        long id = popUpAtDeskB(41);
        assertEquals(1, deskA.storage().incidents().count(), "two desks and two recorders recorded it: once");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            boardA.arrived(deskA.takeNewIncidents());
            return boardA.find(id).isPresent();
        });

        boardA.act(id, ActionKind.ACKNOWLEDGE).get(5, TimeUnit.SECONDS);
        long acknowledged = System.nanoTime();
        await("the pop-up gone at desk B", () -> fx(() -> windowB.popups().showing().isEmpty()));
        long seenMillis = (System.nanoTime() - acknowledged) / 1_000_000;
        assertTrue(seenMillis < 1_000, "seen at the other desk after " + seenMillis + " ms");
        ListView<?> queue = robot.lookup("#incident-queue").queryAs(ListView.class);
        IncidentItem card = fx(() -> (IncidentItem) queue.getItems().getFirst());
        assertEquals(IncidentState.ACKNOWLEDGED, card.incident().state());
        assertEquals("ana", card.acknowledgedBy());
        assertTrue(FxWaits.texts(robot, "#incident-queue").contains("ACKNOWLEDGED by ana"), FxWaits.texts(robot, "#incident-queue"));
        assertEquals(1, fx(() -> queue.getItems().size()), "once in desk B's queue");
        AuditReport chain = deskB.storage().verify();
        assertTrue(chain.intact(), chain.problems()::toString);
        assertEquals(List.of(ActionKind.ACKNOWLEDGE), deskB.storage().incidents().actions(id).stream().map(action -> action.kind()).toList(),
                "acknowledged once");
    }

    /** Once both desks and both recorders are online, an intrusion on a taxiway: its incident's id, once desk B shows its pop-up. */
    private long popUpAtDeskB(long objectId) {
        await("both desks and both recorders online", () -> node.consoles() == 4);
        node.broadcast(new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 300, 300, Area.TWY_A,
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(2_000, objectId)));
        await("a pop-up at desk B", () -> fx(() -> windowB.popups().showing().size()) == 1);
        return fx(() -> windowB.popups().showing().getFirst().id());
    }

    /** The node tells every console that its levels changed (AR_AU, broadcast); each asks for them again. */
    @Test
    void anAuthorityChangeAtOneDeskIsSeenAtTheOtherWithinASecond() throws Exception {
        await("both desks and both recorders online", () -> node.consoles() == 4);
        SiteState siteB = deskB.nodes().getFirst().site();
        await("desk B knows the levels", () -> siteB.snapshot().levels() != null);
        List<AuthorityLevel> changed = new ArrayList<>(siteB.snapshot().levels());
        changed.set(Area.RWY_A.ordinal(), changed.get(Area.RWY_A.ordinal()) == AuthorityLevel.OPEN ? AuthorityLevel.AUTH_ONLY : AuthorityLevel.OPEN);
        deskA.nodes().getFirst().link().send(new SetAuthorityLevels(changed)).get(5, TimeUnit.SECONDS);
        long sent = System.nanoTime();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> changed.equals(siteB.snapshot().levels()));
        long seenMillis = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(seenMillis < 1_000, "seen at the other desk after " + seenMillis + " ms");
    }

    /** PostgreSQL stops: an acknowledgement it cannot take brings the pop-up back and says why; once it is back, A takes. */
    @Test
    void anAcknowledgementTheStoreCannotTakeBringsThePopUpBack(FxRobot robot) throws Exception {
        long id = popUpAtDeskB(61);
        PostgresServer server = PostgresServer.get();
        server.kill();
        try {
            robot.type(KeyCode.A);
            await("the pop-up back, and why", () -> fx(() -> windowB.popups().showing().size() == 1
                    && FxWaits.texts(robot, "#desk-notice").contains("Not acknowledged: ")));
            assertEquals(id, fx(() -> windowB.popups().showing().getFirst().id()));
            assertEquals(Optional.of(Outage.UNREACHABLE), deskB.storage().outage());
        } finally {
            server.restart();
        }
        await("the store back", () -> deskB.storage().outage().isEmpty());
        robot.type(KeyCode.A);
        await("acknowledged, once", () -> deskB.storage().incidents().actions(id).stream().map(action -> action.kind()).toList()
                .equals(List.of(ActionKind.ACKNOWLEDGE)));
        await("the pop-up gone", () -> fx(() -> windowB.popups().showing().isEmpty()));
    }

    /** PostgreSQL stops: desk B says how many incidents wait, and shows them once the store is back, once. */
    @Test
    void whileTheStoreIsDownTheStatusBarCountsWhatWaitsAndItArrivesOnceWhenItIsBack(FxRobot robot) throws Exception {
        await("both desks and both recorders online", () -> node.consoles() == 4);
        PostgresServer server = PostgresServer.get();
        server.kill();
        try {
            node.broadcast(new FirstDetection(EventType.RESCUE, 51, ObjectClass.PERSON, 300, 300, Area.RWY_A,
                    NodeTimestamp.of(Instant.now()), 1, TestJpegs.jpeg(2_000, 51)));
            await("the banner", () -> fx(() -> FxWaits.texts(robot, "#status-bar")).contains("SHARED STORE UNREACHABLE — 1 incident waiting"));
            robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL); // the desk locks while the accounts are away
            await("the lock band says why nobody can sign in", () -> fx(() -> FxWaits.texts(robot, "#lock-message"))
                    .contains("The accounts cannot be read now"));
        } finally {
            server.restart();
        }
        await("the incident, once it is in the store", () -> fx(() -> windowB.board().open().size()) == 1);
        await("the banner gone", () -> fx(() -> FxWaits.texts(robot, "#status-bar")).contains("storage OK"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> deskB.storage().incidents().spooled() == 0
                && deskA.storage().incidents().spooled() == 0);
        assertEquals(1, deskB.storage().incidents().count(), "two desks and two recorders spooled it: once");
        assertTrue(deskB.storage().verify().intact(), () -> deskB.storage().verify().problems().toString());
    }
}
