package vigil.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.app.alerts.Alerts;
import vigil.app.operators.Accounts;
import vigil.storage.SiteAction;
import vigil.storage.SiteActionRun;
import vigil.storage.Storage;

/** {@code vigil actions}: actions on the site (gates, sirens, lights), kept in the store; each run sealed. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "Add, list, remove and run actions on the site: HTTP requests (IP relays) and MQTT publishes.",
        subcommands = {ActionsCommand.Add.class, ActionsCommand.ListActions.class, ActionsCommand.Remove.class, ActionsCommand.Run.class,
                ActionsCommand.Runs.class})
public final class ActionsCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an action.", subcommands = {AddHttp.class, AddMqtt.class})
    static final class Add extends CommandGroup {
    }

    @Command(name = "http", mixinStandardHelpOptions = true, description = "An HTTP request: what IP relays for doors and gates speak.")
    static final class AddHttp implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "As operators will see it (\"Close gate 2\").")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "http:// or https://.")
        String url;

        @Option(names = "--method", paramLabel = "M", description = "GET, POST (default), PUT, PATCH or DELETE.")
        String method;

        @Option(names = "--body", paramLabel = "TEXT", description = "What to send (default: nothing).")
        String body;

        @Option(names = "--user", paramLabel = "U", description = "A user for HTTP basic authentication.")
        String user;

        @Option(names = "--password-file", paramLabel = "F", description = "A file whose first line is that user's password.")
        Path passwordFile;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            String password = passwordFile == null ? null : firstLine(passwordFile, spec.commandLine());
            return add(spec.commandLine(), data, "vigil actions add",
                    () -> new SiteAction(name, SiteAction.Kind.HTTP, method, url, body, user, password, null, null),
                    (storage, made) -> storage.siteActions().add(made, Accounts.commandLineUser()));
        }
    }

    @Command(name = "mqtt", mixinStandardHelpOptions = true, description = "An MQTT publish through an MQTT alert target's broker.")
    static final class AddMqtt implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "As operators will see it (\"Siren apron\").")
        String name;

        @Option(names = "--target", paramLabel = "T", required = true, description = "The MQTT alert target whose broker publishes it.")
        String target;

        @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic, as it is (not under a prefix).")
        String topic;

        @Option(names = "--body", paramLabel = "TEXT", description = "The payload (default: empty).")
        String body;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            return add(spec.commandLine(), data, "vigil actions add",
                    () -> new SiteAction(name, SiteAction.Kind.MQTT, null, null, body, null, null, target, topic),
                    (storage, made) -> storage.siteActions().add(made, Accounts.commandLineUser()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the actions (never their passwords).")
    static final class ListActions implements Callable<Integer> {
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                storage.siteActions().list().forEach(System.out::println);
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an action (its runs stay).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            return remove(data, "vigil actions remove", name, "no action named '" + name + "'",
                    storage -> storage.siteActions().remove(name, Accounts.commandLineUser()));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run an action now, as the OS user; say what came of it (exit 0 or 1). The run is sealed in the audit chain.")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--incident", paramLabel = "ID", description = "The incident it is run for.")
        Long incident;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            try (Storage storage = data.open()) {
                SiteAction action = storage.siteActions().find(name).orElse(null);
                if (action == null) {
                    System.err.println("vigil actions run: no action named '" + name + "'");
                    return 1;
                }
                try (Alerts alerts = Alerts.start(storage)) {
                    SiteActionRun run = alerts.run(action, Accounts.commandLineUser(), incident).get();
                    System.out.println(run.action() + ": " + (run.ok() ? "OK, " : "FAILED: ") + run.outcome());
                    return run.ok() ? 0 : 1;
                }
            }
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "The newest runs: who ran what, when, and what came of it.")
    static final class Runs implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (SiteActionRun run : storage.siteActions().runs(limit)) {
                    System.out.printf("%6d  %-27s  %-20s  %-16s  %-6s  %s%n", run.id(), run.ranAt(), run.action(), run.operator(),
                            run.ok() ? "OK" : "FAILED", run.outcome() + (run.incidentId() == null ? "" : " (incident " + run.incidentId() + ")"));
                }
            }
            return 0;
        }
    }
}
