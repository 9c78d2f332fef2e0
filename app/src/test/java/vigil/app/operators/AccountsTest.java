package vigil.app.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.storage.OperatorEvent;
import vigil.storage.Right;
import vigil.storage.Role;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/** Accounts, sign-in and the desk's rights, against a real store. */
class AccountsTest {
    @TempDir
    Path directory;

    private Storage storage;
    private Accounts accounts;

    @BeforeEach
    void open() {
        storage = Storage.open(directory);
        accounts = TestOperators.accounts(storage);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); !condition.getAsBoolean(); Thread.sleep(10)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
        }
    }

    @Test
    void aPasswordIsKeptAsAnArgon2idPhcStringAtOwaspsParameters() {
        String hash = Passwords.hash("correct horse battery".toCharArray());
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertTrue(Passwords.matches("correct horse battery".toCharArray(), hash));
        assertFalse(Passwords.matches("correct horse batterY".toCharArray(), hash));
        assertFalse(Passwords.matches("x".toCharArray(), "$argon2id$v=19$m=4194305,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g"),
                "a hash asking for more than 4 GiB is refused, not computed");
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("short".toCharArray()));
        assertFalse(Passwords.hash("correct horse battery".toCharArray()).equals(hash), "salted");
    }

    @Test
    void aWrongPasswordCostsADelayThatGrowsAndFiveInARowRaiseTheAlert() throws Exception {
        accounts.add("Ada", "Ada Lovelace", Role.ADMIN, TestOperators.PASSWORD.toCharArray(), "os:test");
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SignIn.Refused refused = assertInstanceOf(SignIn.Refused.class, accounts.signIn("ada", "guess number one".toCharArray(), now));
            assertEquals("wrong name or password", refused.reason());
            assertEquals(i == 4, refused.alert());
            delays.add(refused.nextTryIn());
            SignIn.Refused early = assertInstanceOf(SignIn.Refused.class, accounts.signIn("ada", TestOperators.PASSWORD.toCharArray(),
                    now.plus(refused.nextTryIn()).minusMillis(1)));
            assertTrue(early.reason().startsWith("wait "), "the right password is not even checked before the delay is over");
            now = now.plus(refused.nextTryIn());
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16)), delays);
        assertInstanceOf(SignIn.Refused.class, accounts.signIn("nobody", "guess number two".toCharArray(), now));
        now = now.plusSeconds(30);
        SignIn.Accepted accepted = assertInstanceOf(SignIn.Accepted.class, accounts.signIn(" ADA ", TestOperators.PASSWORD.toCharArray(), now));
        assertEquals("Ada Lovelace", accepted.operator().displayName(), "names are typed in any case, with spaces around");

        await(() -> storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.SIGN_IN), null, 20).size() == 7); // written by the store's writer
        List<SiteEvent> events = storage.siteEvents().find(null, null, Set.of(SiteEvent.Kind.SIGN_IN), null, 20).reversed();
        assertEquals("sign-in refused for 'ada': wrong password", events.getFirst().detail());
        assertEquals("ALERT", events.get(5).state());
        assertEquals("5 failed sign-ins in a row at this desk, the last for 'ada'", events.get(5).detail());
        assertEquals("sign-in refused for 'nobody': no operator of that name", events.get(6).detail());
    }

    @Test
    void eachRoleMayDoWhatTheIssueSaysAndTheLastAdminStays() {
        Desk operator = TestOperators.signedIn(storage, "bo", Role.OPERATOR);
        Desk supervisor = TestOperators.signedIn(storage, "sue", Role.SUPERVISOR);
        Desk admin = TestOperators.signedIn(storage, "ada", Role.ADMIN);
        for (Right right : Right.values()) {
            assertEquals(right.least() == Role.OPERATOR, operator.can(right), right.name());
            assertEquals(right.least() != Role.ADMIN, supervisor.can(right), right.name());
            assertTrue(admin.can(right), right.name());
        }
        NotPermittedException refused = assertThrows(NotPermittedException.class, () -> operator.require(Right.EXPORT_EVIDENCE));
        assertEquals("only a supervisor or an admin may export evidence (which puts it on hold) (bo is an operator)", refused.getMessage());
        operator.lock(false);
        assertEquals("the console is locked: sign in first", assertThrows(NotPermittedException.class,
                () -> operator.require(Right.ACT_ON_INCIDENTS)).getMessage());

        IllegalArgumentException last = assertThrows(IllegalArgumentException.class, () -> accounts.setDisabled("ada", true, "os:test"));
        assertEquals("'ada' is the only admin who can sign in: make another admin first", last.getMessage());
        assertThrows(IllegalArgumentException.class, () -> accounts.setRole("ada", Role.SUPERVISOR, "os:test"));
        accounts.setDisabled("bo", true, "ada");
        assertInstanceOf(SignIn.Refused.class, new Desk(accounts, storage.operators()).signIn("bo", TestOperators.PASSWORD.toCharArray()));
        assertEquals(List.of(), storage.verify().problems());
    }

    @Test
    void theHandoverNoteWaitsForTheNextOperatorEvenAcrossARestart() throws Exception {
        TestOperators.account(storage, "bo", Role.OPERATOR);
        Desk desk = TestOperators.signedIn(storage, "ada", Role.ADMIN);
        desk.handOver("  gate 3 camera is down; incident 12 waits for the police  ");
        assertTrue(desk.isLocked());
        storage.close();
        storage = Storage.open(directory);
        Desk next = new Desk(TestOperators.accounts(storage), storage.operators());
        SignIn.Accepted bo = assertInstanceOf(SignIn.Accepted.class, next.signIn("bo", TestOperators.PASSWORD.toCharArray()));
        assertEquals("gate 3 camera is down; incident 12 waits for the police", bo.handover().detail());
        assertEquals("ada", bo.handover().operator());
        next.lock(false);
        SignIn.Accepted again = assertInstanceOf(SignIn.Accepted.class, next.signIn("bo", TestOperators.PASSWORD.toCharArray()));
        assertEquals(null, again.handover(), "shown once");
        await(() -> storage.operators().history(10).size() == 7);
        assertEquals(List.of(OperatorEvent.Kind.SIGNED_IN, OperatorEvent.Kind.LOCKED, OperatorEvent.Kind.SIGNED_IN),
                storage.operators().history(3).reversed().stream().map(OperatorEvent::kind).toList());
    }
}
