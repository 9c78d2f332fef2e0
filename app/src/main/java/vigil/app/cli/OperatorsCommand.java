package vigil.app.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.app.operators.Accounts;
import vigil.app.operators.Passwords;
import vigil.storage.OperatorAccount;
import vigil.storage.OperatorEvent;
import vigil.storage.Role;
import vigil.storage.Storage;

/** {@code vigil operators}: the accounts that may sign in, kept in the store; each change sealed under the OS user. */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "Add, list and change the operators who may sign in to the console; each change is sealed in the audit chain.",
        subcommands = {OperatorsCommand.Add.class, OperatorsCommand.ListOperators.class, OperatorsCommand.Disable.class,
                OperatorsCommand.Enable.class, OperatorsCommand.Passwd.class, OperatorsCommand.SetRole.class,
                OperatorsCommand.History.class})
public final class OperatorsCommand extends CommandGroup {

    /** Runs one account change, saying what it did, or why it was refused (exit 1). */
    private static int change(DataOption data, String command, java.util.function.Function<Accounts, String> change) {
        try (Storage storage = data.open()) {
            System.out.println(change.apply(new Accounts(storage.operators(), storage.siteEvents())));
            return 0;
        } catch (IllegalArgumentException refused) {
            System.err.println("vigil operators " + command + ": " + refused.getMessage());
            return 1;
        }
    }

    private static char[] newPassword(PasswordInput input, String name, CommandLine commandLine) {
        char[] password = input.read("New password for " + name, true, commandLine);
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw new ParameterException(commandLine, weakness);
        }
        return password;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an operator.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "What they sign in as: lower-case letters, digits, '.', '_', '-'.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "${COMPLETION-CANDIDATES}.")
        Role role;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Their name as the console shows it (default: NAME).")
        String displayName;

        @Mixin
        PasswordInput password;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            char[] chosen = newPassword(password, Accounts.normalName(name), spec.commandLine());
            return change(data, "add", accounts -> {
                OperatorAccount added = accounts.add(name, displayName, role, chosen, Accounts.commandLineUser());
                return "added " + added.name() + " (" + added.displayName() + "), " + added.role().word();
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the operators (never their password hashes).")
    static final class ListOperators implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per operator per line.")
        boolean json;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (OperatorAccount account : storage.operators().list()) {
                    System.out.println(json ? json(account) : String.format("%-20s  %-10s  %-8s  %s", account.name(), account.role().word(),
                            account.disabled() ? "disabled" : "active", account.displayName()));
                }
            }
            return 0;
        }

        static String json(OperatorAccount account) {
            return JsonLines.object(json -> {
                json.writeStringField("name", account.name());
                json.writeStringField("displayName", account.displayName());
                json.writeStringField("role", account.role().word());
                json.writeBooleanField("disabled", account.disabled());
                json.writeStringField("createdBy", account.createdBy());
                json.writeStringField("createdAt", account.createdAt().toString());
                json.writeStringField("changedBy", account.changedBy());
                json.writeStringField("changedAt", account.changedAt().toString());
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop an operator from signing in (their history stays).")
    static final class Disable implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            return change(data, "disable", accounts -> "disabled " + accounts.setDisabled(name, true, Accounts.commandLineUser()).name());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled operator sign in again.")
    static final class Enable implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            return change(data, "enable", accounts -> "enabled " + accounts.setDisabled(name, false, Accounts.commandLineUser()).name());
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Give an operator a new password.")
    static final class Passwd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        PasswordInput password;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            char[] chosen = newPassword(password, Accounts.normalName(name), spec.commandLine());
            return change(data, "passwd", accounts -> "new password for " + accounts.setPassword(name, chosen, Accounts.commandLineUser()).name());
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change an operator's role.")
    static final class SetRole implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "${COMPLETION-CANDIDATES}.")
        Role role;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            return change(data, "role", accounts -> {
                OperatorAccount changed = accounts.setRole(name, role, Accounts.commandLineUser());
                return changed.name() + " is now " + changed.role().word();
            });
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "The operator log, oldest first: account, camera and settings changes, sign-in, lock and handover notes.")
    static final class History implements Callable<Integer> {
        private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

        @Option(names = "--json", description = "One JSON object per entry per line: time, operator, kind, subject, detail.")
        boolean json;

        @Option(names = "--limit", defaultValue = "1000", description = "The newest this many at most (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (OperatorEvent event : storage.operators().history(limit).reversed()) {
                    System.out.println(json ? json(event) : String.format("%s  %-16s  %-16s  %-20s  %s", LOCAL.format(event.at()),
                            event.operator(), event.kind().name().toLowerCase().replace('_', ' '),
                            event.subject() == null ? "-" : event.subject(), event.detail() == null ? "" : event.detail()));
                }
            }
            return 0;
        }

        static String json(OperatorEvent event) {
            return JsonLines.object(json -> {
                json.writeStringField("time", event.at().toString());
                json.writeStringField("operator", event.operator());
                json.writeStringField("kind", event.kind().name());
                json.writeStringField("subject", event.subject());
                json.writeStringField("detail", event.detail());
            });
        }
    }
}
