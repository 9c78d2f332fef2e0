package vigil.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.app.alerts.Alerts;
import vigil.app.operators.Accounts;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertRule;
import vigil.storage.AlertTarget;
import vigil.storage.IncidentType;
import vigil.storage.Storage;

/** {@code vigil alerts}: where alerts go beyond the desk, kept in the store. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Add, list, remove and test where alerts go (MQTT brokers and webhooks), and their rules.",
        subcommands = {AlertsCommand.Add.class, AlertsCommand.ListTargets.class, AlertsCommand.Remove.class, AlertsCommand.Test.class,
                AlertsCommand.Rule.class, AlertsCommand.Deliveries.class, AlertsCommand.Retry.class})
public final class AlertsCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an MQTT broker or a webhook.",
            subcommands = {AddMqtt.class, AddWebhook.class})
    static final class Add extends CommandGroup {
    }

    @Command(name = "mqtt", mixinStandardHelpOptions = true, description = "Add an MQTT broker (MQTT 5, QoS 1).")
    static final class AddMqtt implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "tcp://HOST:PORT, or ssl://HOST:PORT for TLS.")
        String url;

        @Option(names = "--name", paramLabel = "N", description = "Its name (default: HOST:PORT).")
        String name;

        @Option(names = "--prefix", paramLabel = "P", description = "The topics' prefix (default: vigil).")
        String prefix;

        @Option(names = "--user", paramLabel = "U", description = "The broker's user name.")
        String user;

        @Option(names = "--password-file", paramLabel = "F", description = "A file whose first line is the broker's password.")
        Path passwordFile;

        @Option(names = "--ca-file", paramLabel = "F",
                description = "The PEM certificate of the authority that signed the broker's certificate, where it is the site's own.")
        Path caFile;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            String password = passwordFile == null ? null : firstLine(passwordFile, spec.commandLine());
            String authority = certificate(caFile, spec.commandLine());
            return add(spec.commandLine(), data, "vigil alerts add",
                    () -> new AlertTarget(name != null ? name : AlertTarget.defaultName(AlertTarget.Kind.MQTT, url), AlertTarget.Kind.MQTT, url, prefix, user, password, true, authority),
                    (storage, made) -> storage.alertTargets().add(made, Accounts.commandLineUser()));
        }
    }

    @Command(name = "webhook", mixinStandardHelpOptions = true,
            description = "Add a webhook: each alert POSTed as JSON, signed with HMAC-SHA256 (X-Vigil-Signature-256).")
    static final class AddWebhook implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "http:// or https://.")
        String url;

        @Option(names = "--name", paramLabel = "N", description = "Its name (default: the URL's host).")
        String name;

        @Option(names = "--secret-file", paramLabel = "F", required = true, description = "A file whose first line is the signing secret.")
        Path secretFile;

        @Option(names = "--ca-file", paramLabel = "F",
                description = "The PEM certificate of the authority that signed the receiver's certificate, where it is the site's own.")
        Path caFile;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            String secret = firstLine(secretFile, spec.commandLine());
            String authority = certificate(caFile, spec.commandLine());
            return add(spec.commandLine(), data, "vigil alerts add",
                    () -> new AlertTarget(name != null ? name : AlertTarget.defaultName(AlertTarget.Kind.WEBHOOK, url), AlertTarget.Kind.WEBHOOK, url, null, null, secret, true, authority),
                    (storage, made) -> storage.alertTargets().add(made, Accounts.commandLineUser()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List where alerts go (never their secrets).")
    static final class ListTargets implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per target per line.")
        boolean json;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                List<AlertTarget> targets = storage.alertTargets().list();
                if (!json) {
                    System.out.printf("%-24s  %-8s  %-8s  %-12s  %s%n", "NAME", "KIND", "ENABLED", "PREFIX", "URL");
                }
                for (AlertTarget target : targets) {
                    System.out.println(json ? JsonLines.object(out -> {
                        out.writeStringField("name", target.name());
                        out.writeStringField("kind", target.kind().name());
                        out.writeStringField("url", target.url());
                        out.writeStringField("prefix", target.topicPrefix());
                        out.writeStringField("user", target.username());
                        out.writeBooleanField("enabled", target.enabled());
                        out.writeStringField("trusts", target.authorityName());
                    }) : String.format("%-24s  %-8s  %-8s  %-12s  %s", target.name(), target.kind().name().toLowerCase(),
                            target.enabled() ? "yes" : "no", target.topicPrefix() == null ? "-" : target.topicPrefix(), target.url()
                                    + (target.caCertificate() == null ? "" : "  (trusting " + target.authorityName() + ")")));
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a target.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            return remove(data, "vigil alerts remove", name, "no alert target named '" + name + "'",
                    storage -> storage.alertTargets().remove(name, Accounts.commandLineUser()));
        }
    }

    @Command(name = "rule", mixinStandardHelpOptions = true,
            description = "What a target is sent: with no rule, everything; with rules, the incidents one of them matches.",
            subcommands = {RuleAdd.class, RuleList.class, RuleRemove.class})
    static final class Rule extends CommandGroup {
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a rule to a target; every criterion left out means any.")
    static final class RuleAdd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "TARGET", description = "The target's name.")
        String target;

        @Option(names = "--event", paramLabel = "T", split = ",", description = "Event types: ${COMPLETION-CANDIDATES}.")
        Set<IncidentType> types = EnumSet.noneOf(IncidentType.class);

        @Option(names = "--class", paramLabel = "C", split = ",", description = "Object classes: ${COMPLETION-CANDIDATES}.")
        Set<ObjectClass> classes = EnumSet.noneOf(ObjectClass.class);

        @Option(names = "--zone", paramLabel = "Z", split = ",", description = "Zones: ${COMPLETION-CANDIDATES}.")
        Set<Area> zones = EnumSet.noneOf(Area.class);

        @Option(names = "--node", paramLabel = "HOST:PORT", split = ",", description = "Only these nodes' incidents.")
        List<String> nodes = List.of();

        @Option(names = "--camera", paramLabel = "NAME", description = "Only operator reports from this camera (repeat for more).")
        List<String> cameras = List.of();

        @Option(names = "--min-priority", paramLabel = "N", description = "1 access violation, 2 hazard or operator report, 3 person down.")
        int minPriority;

        @Option(names = "--cooldown", paramLabel = "SECONDS",
                description = "Once it sends, hold back the same zone and class this long (default 0).")
        int cooldown;

        @Option(names = "--quiet", paramLabel = "HH:MM-HH:MM", description = "Send nothing in these hours, local time (22:00-06:00).")
        String quiet;

        @Option(names = "--system", description = "Also camera health, links, runway and bird-risk states and sign-in alerts.")
        boolean system;

        @Option(names = "--action", paramLabel = "NAME", description = "Also run this site action when it sends an incident.")
        String action;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws InterruptedException {
            AlertRule rule;
            try {
                LocalTime[] hours = AlertRule.quietHours(quiet);
                rule = new AlertRule(0, target, types, classes, zones, nodes.stream().map(NodeAddress::parse).collect(Collectors.toSet()),
                        Set.copyOf(cameras), minPriority, Duration.ofSeconds(cooldown), hours[0], hours[1], system, action);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Storage storage = data.open()) {
                AlertRule added = storage.alertTargets().addRule(rule, Accounts.commandLineUser()).get();
                System.out.println("added rule " + added.id() + " to " + added.target() + ": " + added.describe());
                return 0;
            } catch (ExecutionException e) {
                System.err.println("vigil alerts rule add: " + e.getCause().getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules, by target.")
    static final class RuleList implements Callable<Integer> {
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (AlertRule rule : storage.alertTargets().rules()) {
                    System.out.printf("%4d  %-24s  %s%n", rule.id(), rule.target(), rule.describe());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a rule.")
    static final class RuleRemove implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            return remove(data, "vigil alerts rule remove", "rule " + id, "no rule " + id,
                    storage -> storage.alertTargets().removeRule(id, Accounts.commandLineUser()));
        }
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "The alert delivery log (webhooks, and MQTT messages made while a broker was away), newest first.")
    static final class Deliveries implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per delivery per line, with its payload.")
        boolean json;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (AlertDelivery delivery : storage.alertDeliveries().newest(limit)) {
                    System.out.println(json ? JsonLines.object(out -> {
                        out.writeNumberField("id", delivery.id());
                        out.writeStringField("target", delivery.target());
                        out.writeStringField("topic", delivery.topic());
                        out.writeStringField("status", delivery.status().name());
                        out.writeNumberField("attempts", delivery.attempts());
                        out.writeStringField("lastError", delivery.lastError());
                        out.writeStringField("createdAt", delivery.createdAt().toString());
                        out.writeStringField("lastTriedAt", delivery.lastTriedAt() == null ? null : delivery.lastTriedAt().toString());
                        out.writeStringField("payload", delivery.payload());
                    }) : String.format("%6d  %-20s  %-24s  %-26s  %-9s  %2d  %s", delivery.id(), delivery.createdAt(), delivery.target(),
                            delivery.topic(), delivery.status(), delivery.attempts(), delivery.lastError() == null ? "" : delivery.lastError()));
                }
            }
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Make a failed webhook delivery pending again: the next `vigil record` or console start sends it.")
    static final class Retry implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            try (Storage storage = data.open()) {
                if (storage.alertDeliveries().retry(id).get().isEmpty()) {
                    System.err.println("vigil alerts retry: delivery " + id + " has not failed");
                    return 1;
                }
            }
            System.out.println("delivery " + id + " is pending: the next start sends it");
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Send a target a test message (system/test) and say whether it took it; exit 0 or 1.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--seconds", defaultValue = "10", description = "How long to wait for it (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            String problem;
            AlertTarget target;
            try (Storage storage = data.open()) {
                target = storage.alertTargets().find(name).orElse(null);
                if (target == null) {
                    System.err.println("vigil alerts test: no alert target named '" + name + "'");
                    return 1;
                }
                problem = Alerts.test(target, storage.alertDeliveries(), Duration.ofSeconds(seconds));
            }
            System.out.println(problem == null ? target.name() + ": OK, it took the test message" : target.name() + ": FAILED: " + problem);
            return problem == null ? 0 : 1;
        }
    }
}
