package vigil.app.operators;

import vigil.storage.OperatorAccount;
import vigil.storage.Role;
import vigil.storage.Storage;

/** Accounts for tests, made through the real {@link Accounts}; every one's password is {@link #PASSWORD}. */
public final class TestOperators {
    public static final String PASSWORD = "correct horse battery";

    private TestOperators() {
    }

    /** The account {@code name} with {@code role}, added if the store has none of that name. */
    public static OperatorAccount account(Storage storage, String name, Role role) {
        Accounts accounts = accounts(storage);
        return accounts.find(name).orElseGet(() -> accounts.add(name, null, role, PASSWORD.toCharArray(), "os:test"));
    }

    /** A desk on {@code storage} with {@code name}, a {@code role}, signed in. */
    public static Desk signedIn(Storage storage, String name, Role role) {
        account(storage, name, role);
        Desk desk = new Desk(accounts(storage), storage.operators());
        if (!(desk.signIn(name, PASSWORD.toCharArray()) instanceof SignIn.Accepted)) {
            throw new IllegalStateException("the test account " + name + " could not sign in");
        }
        return desk;
    }

    public static Accounts accounts(Storage storage) {
        return new Accounts(storage.operators(), storage.siteEvents());
    }
}
