package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import vigil.storage.testing.Database;

@ParameterizedClass
@EnumSource(Database.class)
class OperatorStoreTest {
    @Parameter
    Database database;

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @TempDir
    Path data;

    private static OperatorAccount account(String name, Role role) {
        Instant now = Instant.now();
        return new OperatorAccount(name, "Display " + name, role, HASH, false, "os:test", now, "os:test", now);
    }

    @Test
    void everyAccountChangeIsSealedAndTheHandoverNoteWaitsForTheNextSignIn() throws Exception {
        try (Storage storage = database.open(data)) {
            OperatorStore operators = storage.operators();
            assertFalse(operators.anyAdmin(), "a new store has no account, and no default one");
            operators.add(account("ada", Role.ADMIN)).get();
            operators.add(account("bo", Role.OPERATOR)).get();
            ExecutionException taken = assertThrows(ExecutionException.class, () -> operators.add(account("bo", Role.ADMIN)).get());
            assertInstanceOf(IllegalArgumentException.class, taken.getCause());
            operators.setRole("bo", Role.SUPERVISOR, "ada").get();
            operators.setPassword("bo", HASH.replace("c2Fsd", "cGVwc"), "ada").get();
            operators.setDisabled("bo", true, "ada").get();
            assertTrue(operators.anyAdmin());
            assertEquals(Role.SUPERVISOR, operators.find("bo").orElseThrow().role());
            assertTrue(operators.find("bo").orElseThrow().disabled());
            assertEquals("ada", operators.find("bo").orElseThrow().changedBy());

            operators.log(new OperatorEvent("ada", OperatorEvent.Kind.SIGNED_IN, null, null, Instant.now())).get();
            operators.log(new OperatorEvent("ada", OperatorEvent.Kind.HANDED_OVER, null, "gate 3 camera is down", Instant.now())).get();
            assertEquals("gate 3 camera is down", operators.pendingHandover().orElseThrow().detail());
            operators.log(new OperatorEvent("bo", OperatorEvent.Kind.SIGNED_IN, null, null, Instant.now())).get();
            assertTrue(operators.pendingHandover().isEmpty(), "read by the next operator");

            List<OperatorEvent.Kind> kinds = operators.history(20).reversed().stream().map(OperatorEvent::kind).toList();
            assertEquals(List.of(OperatorEvent.Kind.ACCOUNT_ADDED, OperatorEvent.Kind.ACCOUNT_ADDED, OperatorEvent.Kind.ROLE_CHANGED,
                    OperatorEvent.Kind.PASSWORD_CHANGED, OperatorEvent.Kind.ACCOUNT_DISABLED, OperatorEvent.Kind.SIGNED_IN,
                    OperatorEvent.Kind.HANDED_OVER, OperatorEvent.Kind.SIGNED_IN), kinds);
            assertEquals(List.of(), storage.verify().problems());
        }
    }

    @Test
    void anAccountEditedBehindVigilsBackIsNamedAndARoleOutsideTheThreeIsRefused() throws Exception {
        try (Storage storage = database.open(data)) {
            storage.operators().add(account("bo", Role.OPERATOR)).get();
            storage.operators().add(account("cy", Role.OPERATOR)).get();
        }
        try (Connection jdbc = database.connect(data);
             Statement sql = jdbc.createStatement()) {
            sql.executeUpdate("UPDATE operator_account SET role = 'ADMIN' WHERE name = 'bo'");
            sql.executeUpdate("INSERT INTO operator_account (name, display_name, role, password_hash, created_by, created_at, changed_by, changed_at)"
                    + " VALUES ('eve', 'Eve', 'ADMIN', 'x', 'eve', CURRENT_TIMESTAMP, 'eve', CURRENT_TIMESTAMP)");
            // H2 2.4.240 refused every insert once the connection that made a CHECK had closed; 2.5.252 checks as it should.
            assertThrows(SQLException.class, () -> sql.executeUpdate("UPDATE operator_account SET role = 'ROOT' WHERE name = 'cy'"));
        }
        try (Storage storage = database.open(data)) {
            assertEquals(List.of("operator 'bo' has been changed since its last recorded change (role, password, name or disabled)",
                    "operator 'eve' was never added by Vigil: its account is not in the audit chain"), storage.verify().problems());
        }
    }

    @Test
    void aCameraChangeCarriesItsOperator() throws Exception {
        try (Storage storage = database.open(data)) {
            SiteCamera gate = new SiteCamera("Gate", "rtsp://127.0.0.1/gate", "user", "secret", List.of(), null,
                    SiteCamera.ClipWindow.DEFAULT, true);
            storage.cameras().add(gate, "ada").get();
            storage.cameras().remove("Gate", "bo").get();
            List<OperatorEvent> history = storage.operators().history(10);
            assertEquals(List.of("bo CAMERA_REMOVED Gate", "ada CAMERA_ADDED Gate"),
                    history.stream().map(event -> event.operator() + " " + event.kind() + " " + event.subject()).toList());
            assertFalse(history.getLast().detail().contains("secret"), "a camera's password is written nowhere");
            assertEquals(List.of(), storage.verify().problems());
        }
    }
}
