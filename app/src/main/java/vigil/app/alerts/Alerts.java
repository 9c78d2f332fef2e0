package vigil.app.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import vigil.app.cli.JsonLines;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.RunwayStateChanged;
import vigil.storage.AlertDeliveries;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertRule;
import vigil.storage.AlertTarget;
import vigil.storage.AlertTargetStore;
import vigil.storage.Incident;
import vigil.storage.NodeNames;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentStore;
import vigil.storage.SiteAction;
import vigil.storage.SiteActionRun;
import vigil.storage.SiteActionStore;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * Vigil's alerts beyond the desk, shared by {@code vigil record} and the console: every durable
 * incident and what operators do with it, each node's link, runway and bird-risk states, each
 * camera's health and a desk's sign-in alerts, sent to every enabled target in the store, as its
 * rules say ({@link AlertRule}: a target with none is sent everything). It hears them on the
 * store's writer thread and the links' event loops and only hands them to its own thread, which
 * applies the rules (and owns their cooldowns) and builds the messages; targets send without
 * blocking it. It also runs the site's actions ({@link #run}), each run sealed in the audit chain.
 */
public final class Alerts implements IncidentStore.Listener, NodeLink.Listener, AutoCloseable {
    /** How long a webhook is tried again before the delivery is given up. */
    public static final Duration WEBHOOK_PATIENCE = Duration.ofHours(1);
    /** How long a site action waits for its answer. */
    static final Duration ACTION_TIMEOUT = Duration.ofSeconds(10);
    /** How long delivered webhook messages stay in the delivery log. */
    static final Duration DELIVERED_KEPT = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    /** How often the store's targets and rules are read again: a change from another desk or the command line applies within this. */
    public static final Duration REREAD_EVERY = Duration.ofSeconds(10);

    private final AlertTargetStore store;
    /** The enabled targets; replaced only by the alerts thread, read by any. */
    private volatile List<Target> targets = List.of();
    private final AlertDeliveries deliveries;
    private final SiteActionStore actions;
    /** Made at the first HTTP action: an HTTP client starts a thread and loads much, and most consoles never run one. */
    private HttpClient http;
    /** The rules, by target; the alerts thread's. */
    private Map<String, List<AlertRule>> rules = Map.of();
    /** When each rule last sent an incident of a zone and class ("rule zone class"); the alerts thread's. */
    private final Map<String, Instant> cooling = new HashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alerts").daemon().factory());

    private final NodeNames nodeNames;

    private Alerts(AlertTargetStore store, AlertDeliveries deliveries, SiteActionStore actions, NodeNames nodeNames) {
        this.store = store;
        this.nodeNames = nodeNames;
        this.deliveries = deliveries;
        this.actions = actions;
    }

    /**
     * Starts sending to the store's enabled targets whatever it records from now on, and the
     * webhook messages a stop left undelivered; reads the targets and rules again every
     * {@link #REREAD_EVERY}.
     */
    public static Alerts start(Storage storage) {
        AlertDeliveries deliveries = storage.alertDeliveries();
        Alerts alerts = new Alerts(storage.alertTargets(), deliveries, storage.siteActions(), storage.nodeNames());
        CompletableFuture.runAsync(alerts::readConfiguration, alerts.sender).join();
        storage.incidents().listen(alerts);
        storage.siteEvents().listen(alerts::siteEvent);
        deliveries.pending().forEach(alerts::deliver);
        deliveries.forgetDelivered(Instant.now().minus(DELIVERED_KEPT));
        alerts.sender.scheduleWithFixedDelay(alerts::readConfiguration, REREAD_EVERY.toMillis(), REREAD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return alerts;
    }

    /** Reads the targets and rules again now (the settings changed them), not at the next {@link #REREAD_EVERY}. */
    public void reread() {
        sender.execute(this::readConfiguration);
    }

    /**
     * On the alerts thread: takes the store's targets and rules, keeping each target whose stored
     * form is unchanged (its connection and retries go on), making anew those added or changed and
     * closing those gone. When the store cannot be read, what was read last stays.
     */
    private void readConfiguration() {
        List<AlertTarget> stored;
        List<AlertRule> storedRules;
        try {
            stored = store.list();
            storedRules = store.rules();
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "the alert targets and rules could not be read again (the last read stay): " + unreadable.getMessage());
            return;
        }
        Map<AlertTarget, Target> running = targets.stream().collect(Collectors.toMap(Target::configuration, target -> target));
        List<Target> next = new ArrayList<>();
        for (AlertTarget configuration : stored) {
            if (configuration.enabled()) {
                Target kept = running.remove(configuration);
                next.add(kept != null ? kept : target(configuration, deliveries));
            }
        }
        targets = List.copyOf(next);
        rules = storedRules.stream().collect(Collectors.groupingBy(AlertRule::target));
        running.values().forEach(Target::close);
        if (!running.isEmpty()) { // a target made anew takes over what its former self left undelivered
            deliveries.pending().stream().filter(delivery -> running.keySet().stream().anyMatch(gone -> gone.name().equals(delivery.target())))
                    .forEach(this::deliver);
        }
    }

    static Target target(AlertTarget target, AlertDeliveries deliveries) {
        return switch (target.kind()) {
            case MQTT -> new MqttTarget(target, deliveries, true);
            case WEBHOOK -> new WebhookTarget(target, deliveries, WEBHOOK_PATIENCE, true);
        };
    }

    /**
     * Sends a FAILED webhook delivery again (from the Logs screen); completes with null once it is
     * under way, else with why not.
     */
    public CompletableFuture<String> retry(long deliveryId) {
        return deliveries.retry(deliveryId).thenApply(retried -> {
            if (retried.isEmpty()) {
                return "delivery " + deliveryId + " has not failed";
            }
            return deliver(retried.get()) ? null : "no alert target named '" + retried.get().target() + "' any more: sent at the next start if it is back";
        });
    }

    /**
     * Runs a site action for {@code operator} (for {@code incidentId}, or null); completes with the
     * run, recorded and sealed, its outcome in words (HTTP 200, HTTP 503, no answer in 10 s).
     */
    public CompletableFuture<SiteActionRun> run(SiteAction action, String operator, Long incidentId) {
        CompletableFuture<String> outcome = switch (action.kind()) {
            case HTTP -> request(action);
            case MQTT -> targets.stream().filter(target -> target instanceof MqttTarget && target.name().equals(action.target()))
                    .findFirst().map(target -> ((MqttTarget) target).publishNow(action.topic(), action.body().getBytes(StandardCharsets.UTF_8))
                            .thenApply(done -> "published on " + action.topic()))
                    .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no MQTT alert target named '"
                            + action.target() + "' is enabled")));
        };
        return outcome.orTimeout(ACTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((words, failure) -> failure == null ? Map.entry(true, words) : Map.entry(false, reason(failure)))
                .thenCompose(result -> actions.ran(action.name(), operator, incidentId, result.getKey(), result.getValue()));
    }

    private CompletableFuture<String> request(SiteAction action) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(action.url())).timeout(ACTION_TIMEOUT)
                .method(action.method(), action.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(action.body()));
        if (action.username() != null) {
            String credentials = action.username() + ":" + (action.password() == null ? "" : action.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return "HTTP " + response.statusCode();
        });
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(ACTION_TIMEOUT).build();
        }
        return http;
    }

    /** A failure in words: what the far end said, or why it could not be asked. */
    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in " + ACTION_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof java.net.ConnectException) {
            return "cannot connect" + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private boolean deliver(AlertDelivery delivery) {
        for (Target target : targets) {
            if (target.name().equals(delivery.target())) {
                target.deliver(delivery);
                return true;
            }
        }
        return false;
    }

    /**
     * Sends {@code target} a test message ({@code system/test}) and waits at most {@code patience}
     * for it to be taken: {@code vigil alerts test}. Null when it was, else why not.
     */
    public static String test(AlertTarget target, AlertDeliveries deliveries, Duration patience) {
        Target sending = switch (target.kind()) { // a test message left undelivered is not sent again later
            case MQTT -> new MqttTarget(target, deliveries, false);
            case WEBHOOK -> new WebhookTarget(target, deliveries, WEBHOOK_PATIENCE, false);
        };
        AlertMessage test = AlertMessage.json("system/test", JsonLines.object(json -> {
            json.writeStringField("from", "vigil alerts test");
            json.writeStringField("at", Instant.now().toString());
        }), false);
        try {
            sending.send(test).get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            String problem = sending.lastProblem();
            return "no answer in " + patience.toSeconds() + " s" + (problem == null ? "" : " (last: " + problem + ")");
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            sending.close();
        }
    }

    public List<String> targetNames() {
        return targets.stream().map(Target::name).toList();
    }

    @Override
    public void recorded(Incident incident, Jpeg picture) {
        sender.execute(() -> {
            Instant now = Instant.now();
            List<AlertMessage> messages = AlertMessages.recorded(incident, nodeNames, picture);
            for (Target target : targets) {
                List<AlertRule> own = rules.getOrDefault(target.name(), List.of());
                List<AlertRule> firing = firing(own, incident, now);
                if (own.isEmpty() || !firing.isEmpty()) {
                    messages.forEach(message -> send(target, message));
                }
                firing.stream().filter(rule -> rule.action() != null).forEach(rule -> runFor(rule, incident));
            }
        });
    }

    @Override
    public void acted(Incident incident, IncidentAction action) {
        sender.execute(() -> {
            AlertMessage message = AlertMessages.acted(incident, action);
            LocalTime now = LocalTime.now();
            for (Target target : targets) {
                List<AlertRule> own = rules.getOrDefault(target.name(), List.of());
                if (own.isEmpty() || own.stream().anyMatch(rule -> rule.matches(incident) && !rule.isQuietAt(now))) {
                    send(target, message);
                }
            }
        });
    }

    /**
     * The rules that send a new incident (a target without rules is sent every one): those that
     * match it out of their quiet hours, its zone and class not cooling down under them.
     */
    private List<AlertRule> firing(List<AlertRule> own, Incident incident, Instant now) {
        LocalTime local = LocalTime.ofInstant(now, ZoneId.systemDefault());
        List<AlertRule> firing = new ArrayList<>();
        for (AlertRule rule : own) {
            if (!rule.matches(incident) || rule.isQuietAt(local)) {
                continue;
            }
            String key = rule.id() + " " + incident.zone() + " " + incident.objectClass();
            Instant last = cooling.get(key);
            if (last == null || Duration.between(last, now).compareTo(rule.cooldown()) >= 0) {
                cooling.put(key, now);
                firing.add(rule);
            }
        }
        return firing;
    }

    /** Runs a firing rule's site action for the incident, as "rule N"; an action gone since is recorded as a failed run. */
    private void runFor(AlertRule rule, Incident incident) {
        String by = "rule " + rule.id();
        actions.find(rule.action()).map(action -> run(action, by, incident.id()))
                .orElseGet(() -> actions.ran(rule.action(), by, incident.id(), false, "no site action named '" + rule.action() + "' any more"))
                .thenAccept(run -> LOG.info(() -> run.action() + " (" + by + ", incident " + incident.id() + "): "
                        + (run.ok() ? "" : "FAILED, ") + run.outcome()));
    }

    private void siteEvent(SiteEvent event) {
        sender.execute(() -> {
            AlertMessage message = AlertMessages.siteEvent(event);
            if (message != null) {
                sendSystem(message);
            }
        });
    }

    @Override
    public void onMessage(NodeLink link, NodeMessage message) {
        Instant now = Instant.now();
        switch (message) {
            case RunwayStateChanged change -> sender.execute(() -> sendSystem(AlertMessages.runway(link.address(), change, now)));
            case BirdRiskChanged change -> sender.execute(() -> sendSystem(AlertMessages.birdRisk(link.address(), change, now)));
            default -> {
            }
        }
    }

    @Override
    public void onStateChange(NodeLink link, LinkState state) {
        sender.execute(() -> sendSystem(AlertMessages.link(link.address(), state)));
    }

    /** A state or system alert: to targets without rules, and to those with a rule for system alerts out of its quiet hours. */
    private void sendSystem(AlertMessage message) {
        LocalTime now = LocalTime.now();
        for (Target target : targets) {
            List<AlertRule> own = rules.getOrDefault(target.name(), List.of());
            if (own.isEmpty() || own.stream().anyMatch(rule -> rule.systemAlerts() && !rule.isQuietAt(now))) {
                send(target, message);
            }
        }
    }

    private static void send(Target target, AlertMessage message) {
        target.send(message).exceptionally(failure -> {
            LOG.log(Level.WARNING, "alert target " + target.name() + " did not take " + message.topic() + ": " + failure.getMessage());
            return null;
        });
    }

    /** Sends what was handed over, then says goodbye to each target. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        targets.forEach(Target::close);
        synchronized (this) {
            if (http != null) {
                http.close();
            }
        }
    }
}
