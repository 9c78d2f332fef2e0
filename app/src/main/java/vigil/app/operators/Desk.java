package vigil.app.operators;

import java.time.Instant;
import java.util.Optional;
import vigil.storage.OperatorAccount;
import vigil.storage.OperatorEvent;
import vigil.storage.OperatorStore;
import vigil.storage.Right;
import vigil.storage.Role;

/**
 * Who is at a console's desk, and what they may do. Locked until someone signs in; locked again
 * by the operator, after a time without input, or at handover. Locking never stops what the
 * console watches and records: only acting needs someone signed in. Sign-in, lock and handover go
 * into the operator log. Changed on the FX thread; read from any.
 */
public final class Desk {
    private final Accounts accounts;
    private final OperatorStore log;
    private volatile OperatorAccount operator;
    private OperatorAccount previous;
    private OperatorEvent handover;

    /** Reads the handover note an earlier session left, if nobody has signed in since. */
    public Desk(Accounts accounts, OperatorStore log) {
        this.accounts = accounts;
        this.log = log;
        this.handover = log.pendingHandover().orElse(null);
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Who is signed in; empty while the desk is locked. */
    public Optional<OperatorAccount> operator() {
        return Optional.ofNullable(operator);
    }

    public boolean isLocked() {
        return operator == null;
    }

    public boolean can(Right right) {
        OperatorAccount signedIn = operator;
        return signedIn != null && signedIn.role().allows(right);
    }

    /** Why the operator at the desk may not, or null when they may. */
    public String refusal(Right right) {
        OperatorAccount signedIn = operator;
        if (signedIn == null) {
            return "the console is locked: sign in first";
        }
        return refusal(signedIn, right);
    }

    /** Why {@code operator} may not, or null when they may. */
    public static String refusal(OperatorAccount operator, Right right) {
        return operator.role().allows(right) ? null
                : right.refusal() + " (" + operator.name() + " is " + article(operator.role()) + " " + operator.role().word() + ")";
    }

    /** The operator to record the action under; throws {@link NotPermittedException} saying why when they may not. */
    public String require(Right right) {
        String refusal = refusal(right);
        if (refusal != null) {
            throw new NotPermittedException(refusal);
        }
        return operator.name();
    }

    /**
     * Checks a name and password (off the FX thread: it takes a hash); on success the desk is
     * theirs, and the answer carries the handover note left for them.
     */
    public synchronized SignIn signIn(String name, char[] password) {
        SignIn result = accounts.signIn(name, password, Instant.now());
        if (!(result instanceof SignIn.Accepted accepted)) {
            return result;
        }
        OperatorAccount before = previous;
        OperatorEvent note = handover;
        operator = accepted.operator();
        previous = accepted.operator();
        handover = null;
        log.log(new OperatorEvent(operator.name(), OperatorEvent.Kind.SIGNED_IN, null,
                before == null || before.name().equals(operator.name()) ? null : "took over from " + before.name(), Instant.now()));
        return new SignIn.Accepted(accepted.operator(), note);
    }

    /**
     * Keeps the desk signed in across a reconnection in the same process (the console restarts on
     * new settings), as long as the account still exists and may sign in.
     */
    public synchronized void resume(OperatorAccount signedIn) {
        accounts.find(signedIn.name()).filter(account -> !account.disabled()).ifPresent(account -> {
            operator = account;
            previous = account;
        });
    }

    /** Makes the first admin on a store that has none, and signs them in. */
    public OperatorAccount createFirstAdmin(String name, String displayName, char[] password) {
        if (accounts.anyAdmin()) {
            throw new NotPermittedException("there is already an admin: sign in");
        }
        accounts.add(name, displayName, Role.ADMIN, password, Accounts.commandLineUser());
        SignIn signedIn = signIn(name, password);
        return ((SignIn.Accepted) signedIn).operator();
    }

    /** Locks the desk ({@code idle}: by itself, after a time without input). */
    public void lock(boolean idle) {
        OperatorAccount signedIn = operator;
        if (signedIn != null) {
            operator = null;
            log.log(new OperatorEvent(signedIn.name(), OperatorEvent.Kind.LOCKED, null, idle ? "no input for a while" : null, Instant.now()));
        }
    }

    /** Ends a shift: the note waits for the next operator to sign in; the desk locks. */
    public synchronized void handOver(String note) {
        String name = require(Right.ACT_ON_INCIDENTS);
        operator = null;
        handover = new OperatorEvent(name, OperatorEvent.Kind.HANDED_OVER, null, note == null || note.isBlank() ? null : note.strip(), Instant.now());
        log.log(handover);
    }

    /** The outgoing operator's note nobody has signed in after yet. */
    public synchronized Optional<OperatorEvent> pendingHandover() {
        return Optional.ofNullable(handover);
    }

    private static String article(Role role) {
        return role == Role.SUPERVISOR ? "a" : "an";
    }
}
