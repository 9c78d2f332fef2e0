package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
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
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.IncidentState;
import vigil.storage.OperatorEvent;
import vigil.storage.Role;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * Signing in, locking and handing over, on the real console over a simulated node and a real store
 * that has an admin (ada) and an operator (bo). The console starts locked.
 */
@ExtendWith(ApplicationExtension.class)
class DeskTest {
    @TempDir
    static Path directory;

    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        Storage storage = Storage.open(directory.resolve("data-" + System.nanoTime()));
        TestOperators.account(storage, "ada", Role.ADMIN);
        TestOperators.account(storage, "bo", Role.OPERATOR);
        console = Console.start(settings, storage, null);
        window = new ConsoleWindow(stage, console, settings, directory.resolve("settings-" + System.nanoTime() + ".properties"), next -> { }, null);
        window.start();
    }

    @AfterEach
    void stop() {
        FxWaits.stop(window);
        console.close();
        node.close();
    }

    private void signIn(FxRobot robot, String name, String password) {
        robot.clickOn("#sign-in-name").eraseText(40).write(name).type(KeyCode.TAB).write(password).type(KeyCode.ENTER);
    }

    private String lockMessage() {
        return fx(() -> ((Label) window.scene().lookup("#lock-message")).getText());
    }

    @Test
    void aLockedConsoleShowsANewPopUpButRefusesItsAUntilSomeoneSignsIn(FxRobot robot) {
        assertTrue(fx(() -> window.desk().isLocked()));
        await("online", () -> console.nodes().getFirst().link().state().isOnline() && node.consoles() == 1);
        double[] b = Area.RWY_A.bounds();
        node.broadcast(new FirstDetection(EventType.UNAUTH, 41, ObjectClass.PERSON, (int) (b[0] + b[2] / 2), (int) (b[1] + b[3] / 2),
                Area.RWY_A, NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(2_000, 41)));
        await("a pop-up on the locked console", () -> fx(() -> window.popups().showing().size()) == 1);
        long incidentId = fx(() -> window.popups().showing().getFirst().id());

        fx(() -> {
            window.scene().lookup("#zone-map").requestFocus(); // away from the name field, where an A is just a letter
            return null;
        });
        robot.type(KeyCode.A);
        await("the refusal said", () -> lockMessage().equals("Sign in first: A (acknowledge the newest pop-up's incident) waits for an operator."));
        assertTrue(fx(() -> window.popups().acknowledgeNewest()), "the service refuses too, not only the key");
        assertEquals(1, fx(() -> window.popups().showing().size()), "the card stays");
        assertEquals(IncidentState.NEW, console.storage().incidents().find(incidentId).orElseThrow().state());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        assertEquals(Screen.LIVE, fx(() -> window.screen()), "the review waits for a sign-in");

        signIn(robot, "bo", TestOperators.PASSWORD);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
        assertEquals("bo · operator", fx(() -> ((Labeled) window.scene().lookup("#operator-badge")).getText()));
        Button settings = (Button) fx(() -> window.scene().lookup("#settings"));
        assertTrue(fx(settings::isDisabled), "an operator may not change the settings");
        assertEquals("only an admin may change nodes, cameras, settings, retention and quota (bo is an operator)",
                fx(() -> settings.getTooltip().getText()));
        robot.type(KeyCode.A);
        await("acknowledged under bo", () -> console.storage().incidents().find(incidentId).orElseThrow().state() == IncidentState.ACKNOWLEDGED);
        assertEquals("bo", console.storage().incidents().actions(incidentId).getLast().operator());
    }

    @Test
    void aWrongPasswordIsRefusedForAGrowingDelayAndRecorded(FxRobot robot) throws Exception {
        signIn(robot, "ada", "not her password");
        await("refused", () -> lockMessage().startsWith("wrong name or password Next try in 1 s."));
        assertTrue(fx(() -> window.scene().lookup("#sign-in").isDisabled()), "no next try during the delay");
        await("the delay over", () -> !fx(() -> window.scene().lookup("#sign-in").isDisabled()));
        robot.clickOn("#sign-in-password").write("still not hers").type(KeyCode.ENTER);
        await("refused again, for longer", () -> lockMessage().contains("Next try in 2 s."));
        assertTrue(fx(() -> window.desk().isLocked()));
        await("both recorded", () -> console.storage().siteEvents().find(null, null, Set.of(SiteEvent.Kind.SIGN_IN), null, 10).size() == 2);
        Thread.sleep(2_100);
        robot.clickOn("#sign-in-password").write(TestOperators.PASSWORD).type(KeyCode.ENTER);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
    }

    @Test
    void theConsoleLocksItselfAfterTheConfiguredTimeWithoutInputAndCtrlLLocksAtOnce(FxRobot robot) {
        fx(() -> {
            window.updateSettings(ConsoleSettings.DEFAULTS.withLockAfterSeconds(2));
            return null;
        });
        signIn(robot, "ada", TestOperators.PASSWORD);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
        long signedInAt = System.nanoTime();
        await("locked by itself", () -> fx(() -> window.desk().isLocked()));
        assertTrue(System.nanoTime() - signedInAt >= 1_500_000_000L, "not before its time");
        assertTrue(fx(() -> ((Label) window.scene().lookup(".lock-title")).getText()).contains("after no input"));
        await("recorded", () -> console.storage().operators().history(1).getFirst().kind() == OperatorEvent.Kind.LOCKED);
        assertEquals("no input for a while", console.storage().operators().history(1).getFirst().detail());

        fx(() -> {
            window.updateSettings(ConsoleSettings.DEFAULTS);
            return null;
        });
        signIn(robot, "ada", TestOperators.PASSWORD);
        await("signed in again", () -> !fx(() -> window.desk().isLocked()));
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        await("locked by Ctrl+L", () -> fx(() -> window.desk().isLocked()));
    }

    @Test
    void workInADialogPutsOffTheIdleLock(FxRobot robot) throws Exception {
        fx(() -> {
            window.updateSettings(ConsoleSettings.DEFAULTS.withLockAfterSeconds(2));
            return null;
        });
        signIn(robot, "ada", TestOperators.PASSWORD);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        await("the settings", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.moveTo(".dialog-pane");
        for (int i = 0; i < 12; i++) { // three seconds of work in the dialog, longer than the idle lock
            robot.moveBy(i % 2 == 0 ? 6 : -6, 0);
            Thread.sleep(250);
        }
        assertFalse(fx(() -> window.desk().isLocked()), "input in the dialog is input at the desk");
        await("locked once idle, dialog or not", () -> fx(() -> window.desk().isLocked()));
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void aHandoverNoteIsShownToTheNextOperator(FxRobot robot) {
        signIn(robot, "ada", TestOperators.PASSWORD);
        await("signed in", () -> !fx(() -> window.desk().isLocked()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the handover dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(".dialog-pane .text-field").write("Gate 3 camera down since 02:10; incident 12 waits for the police").type(KeyCode.ENTER);
        await("locked", () -> fx(() -> window.desk().isLocked()));
        String handover = fx(() -> ((Label) window.scene().lookup("#lock-handover")).getText());
        assertTrue(handover.endsWith(": Gate 3 camera down since 02:10; incident 12 waits for the police"), handover);

        signIn(robot, "bo", TestOperators.PASSWORD);
        await("the note shown to bo", () -> robot.lookup(".dialog-pane").tryQuery()
                .map(pane -> ((DialogPane) pane).getContentText()).filter(text -> text.startsWith("Gate 3 camera down")).isPresent());
        assertEquals("Handover from ada", fx(() -> ((DialogPane) robot.lookup(".dialog-pane").query()).getHeaderText()));
        robot.type(KeyCode.ENTER);
        await("recorded", () -> console.storage().operators().history(1).getFirst().kind() == OperatorEvent.Kind.SIGNED_IN);
        List<OperatorEvent> history = console.storage().operators().history(3);
        assertEquals("took over from ada", history.getFirst().detail());
        assertEquals(OperatorEvent.Kind.HANDED_OVER, history.get(1).kind());
        assertFalse(fx(() -> window.desk().isLocked()));
    }
}
