package vigil.app.operators;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import vigil.storage.OperatorAccount;
import vigil.storage.OperatorStore;
import vigil.storage.Role;
import vigil.storage.SiteEvent;
import vigil.storage.SiteEventLog;

/**
 * Operator accounts and signing in, for the console and the command line. Account changes are
 * made {@code by} someone: a signed-in admin, or {@code os:USER} at the command line, which can
 * read the data directory anyway. A wrong password costs a delay that doubles with each failure in
 * a row; each failure is a site event, and every {@value #ALERT_AFTER} in a row raise an alert.
 */
public final class Accounts {
    static final int ALERT_AFTER = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    private final OperatorStore store;
    private final SiteEventLog events;
    private int failuresInARow;
    private Instant nextTry = Instant.MIN;

    public Accounts(OperatorStore store, SiteEventLog events) {
        this.store = store;
        this.events = events;
    }

    /** Who made a change at the command line: the OS user, marked as such. */
    public static String commandLineUser() {
        return "os:" + System.getProperty("user.name", "unknown");
    }

    /** An account name as typed, in the form accounts are kept in (lower case, no surrounding spaces). */
    public static String normalName(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT);
    }

    public boolean anyAdmin() {
        return store.anyAdmin();
    }

    public Optional<OperatorAccount> find(String name) {
        return store.find(normalName(name));
    }

    public java.util.List<OperatorAccount> list() {
        return store.list();
    }

    public OperatorAccount add(String name, String displayName, Role role, char[] password, String by) {
        Instant now = Instant.now();
        String normal = normalName(name);
        return await(store.add(new OperatorAccount(normal, displayName == null || displayName.isBlank() ? normal : displayName.strip(),
                role, Passwords.hash(password), false, by, now, by, now)));
    }

    public OperatorAccount setPassword(String name, char[] password, String by) {
        return await(store.setPassword(existing(name).name(), Passwords.hash(password), by));
    }

    public OperatorAccount setRole(String name, Role role, String by) {
        OperatorAccount account = existing(name);
        if (account.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(account);
        }
        return await(store.setRole(account.name(), role, by));
    }

    public OperatorAccount setDisabled(String name, boolean disabled, String by) {
        OperatorAccount account = existing(name);
        if (disabled && account.role() == Role.ADMIN) {
            requireAnotherAdmin(account);
        }
        return await(store.setDisabled(account.name(), disabled, by));
    }

    /** Nobody may lock the site out of its own accounts. */
    private void requireAnotherAdmin(OperatorAccount admin) {
        boolean another = store.list().stream()
                .anyMatch(other -> other.role() == Role.ADMIN && !other.disabled() && !other.name().equals(admin.name()));
        if (!another) {
            throw new IllegalArgumentException("'" + admin.name() + "' is the only admin who can sign in: make another admin first");
        }
    }

    private OperatorAccount existing(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no operator named '" + normalName(name) + "'"));
    }

    /**
     * Checks a name and password. The check costs the same whether or not the name exists, and
     * the refusal does not say which was wrong; the site event does.
     */
    public synchronized SignIn signIn(String typedName, char[] password, Instant now) {
        if (now.isBefore(nextTry)) {
            Duration wait = Duration.between(now, nextTry);
            return new SignIn.Refused("wait " + seconds(wait) + " before the next try", wait, false);
        }
        String name = normalName(typedName);
        Optional<OperatorAccount> account = store.find(name);
        boolean matches = Passwords.matches(password, account.map(OperatorAccount::passwordHash).orElse(Decoy.HASH));
        if (account.isPresent() && matches && !account.get().disabled()) {
            failuresInARow = 0;
            nextTry = Instant.MIN;
            return new SignIn.Accepted(account.get(), null);
        }
        failuresInARow++;
        Duration wait = FIRST_DELAY.multipliedBy(1L << Math.min(failuresInARow - 1, 5));
        wait = wait.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : wait;
        nextTry = now.plus(wait);
        String why = account.isEmpty() ? "no operator of that name" : !matches ? "wrong password" : "the account is disabled";
        events.record(SiteEvent.ofSignIn("FAILED", "sign-in refused for '" + name + "': " + why, now));
        boolean alert = failuresInARow % ALERT_AFTER == 0;
        if (alert) {
            events.record(SiteEvent.ofSignIn("ALERT", failuresInARow + " failed sign-ins in a row at this desk, the last for '" + name + "'", now));
        }
        String reason = account.isPresent() && matches ? "this account is disabled: ask an admin" : "wrong name or password";
        return new SignIn.Refused(reason, wait, alert);
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    private static <T> T await(CompletableFuture<T> write) {
        try {
            return write.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the account", e);
        }
    }

    /** A hash to check unknown names against, so that they cost as long as known ones; made on first use. */
    private static final class Decoy {
        static final String HASH = Passwords.hash("no account has this password".toCharArray());
    }
}
