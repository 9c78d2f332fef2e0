package vigil.app.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.console.Tasks;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.storage.Role;
import vigil.storage.Storage;

/** The editor's ViewModel against a simulated node over loopback, with no toolkit. */
class AuthorityViewModelTest {
    @TempDir
    Path directory;

    private SimulatedNode node;
    private Console console;
    private AuthorityViewModel model;

    @BeforeEach
    void start() throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        console = Console.start(ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port()))),
                Storage.open(directory), null);
        model = new AuthorityViewModel(console.nodes().getFirst(), console.storage().authority(), console.storage().nodeNames(), Tasks.sameThread(),
                TestOperators.signedIn(console.storage(), "sue", Role.SUPERVISOR));
        await(() -> {
            model.refreshFromNode();
            return model.currentProperty().get() != null;
        });
    }

    @AfterEach
    void stop() {
        console.close();
        node.close();
    }

    @Test
    void editsArePendingBesideTheCurrentLevels() {
        assertEquals(Collections.nCopies(8, AuthorityLevel.AUTH_ONLY), model.currentProperty().get());
        model.select(Area.RWY_B);
        model.set(AuthorityLevel.NO_ENTRY);
        assertEquals(List.of(Area.RWY_B), model.changedZones());
        assertEquals(AuthorityLevel.AUTH_ONLY, model.currentProperty().get().get(Area.RWY_B.ordinal()));
        model.revert();
        assertEquals(List.of(), model.changedZones());
    }

    @Test
    void anAppliedChangeBecomesCurrentOnlyOnTheNodesOk() {
        model.select(Area.TWY_C);
        model.set(AuthorityLevel.OPEN);
        model.apply();
        await(() -> !model.applyingProperty().get());
        assertEquals(AuthorityLevel.OPEN, node.authorityLevels().get(Area.TWY_C.ordinal()));
        assertEquals(AuthorityLevel.OPEN, model.currentProperty().get().get(Area.TWY_C.ordinal()));
        assertFalse(model.failedProperty().get());
        await(() -> console.storage().authority().count() == 1);
    }

    @Test
    void anOperatorIsRefusedAndNothingReachesTheNode() throws Exception {
        AuthorityViewModel asOperator = new AuthorityViewModel(console.nodes().getFirst(), console.storage().authority(), console.storage().nodeNames(), Tasks.sameThread(),
                TestOperators.signedIn(console.storage(), "bo", Role.OPERATOR));
        await(() -> {
            asOperator.refreshFromNode();
            return asOperator.currentProperty().get() != null;
        });
        asOperator.select(Area.TWY_C);
        asOperator.set(AuthorityLevel.OPEN);
        asOperator.apply();
        assertFalse(asOperator.applyingProperty().get(), "nothing sent");
        assertTrue(asOperator.failedProperty().get());
        assertEquals("Not sent: only a supervisor or an admin may change zone authority levels (bo is an operator).",
                asOperator.outcomeProperty().get());
        Thread.sleep(300); // what was not sent cannot arrive
        assertEquals(AuthorityLevel.AUTH_ONLY, node.authorityLevels().get(Area.TWY_C.ordinal()));
        assertEquals(0, console.storage().authority().count());
    }

    @Test
    void anErrorKeepsTheOldLevelsAndSaysWhy() {
        node.failAuthorityUpdates(3);
        model.select(Area.GRASS_A);
        model.set(AuthorityLevel.NO_ENTRY);
        model.apply();
        await(() -> !model.applyingProperty().get());
        assertTrue(model.failedProperty().get());
        assertTrue(model.outcomeProperty().get().contains("not 1–3 (ERR,3)"), model.outcomeProperty().get());
        assertEquals(AuthorityLevel.AUTH_ONLY, model.currentProperty().get().get(Area.GRASS_A.ordinal()));
        assertEquals(List.of(Area.GRASS_A), model.changedZones(), "the edit is kept to retry or revert");
        await(() -> console.storage().authority().count() == 1);
    }

    @Test
    void aTimeoutIsExplained() {
        node.answerCommands(false);
        model.select(Area.TWY_A);
        model.set(AuthorityLevel.OPEN);
        model.apply();
        await(() -> !model.applyingProperty().get());
        assertTrue(model.outcomeProperty().get().contains("did not answer"), model.outcomeProperty().get());
        assertEquals(AuthorityLevel.AUTH_ONLY, model.currentProperty().get().getFirst());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
