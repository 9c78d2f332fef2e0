package vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AlertRule;
import vigil.storage.AlertTarget;
import vigil.storage.Incident;
import vigil.storage.IncidentType;
import vigil.storage.SiteAction;
import vigil.storage.SiteActionRun;
import vigil.storage.Storage;

/** Actions on the site against a real HTTP relay (the JDK's HttpServer) and a real Mosquitto broker; each run sealed. */
class SiteActionsTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void anHttpActionIsSentAsConfiguredItsOutcomeSaidInWordsAndEachRunSealed() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/relay/2", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " " + new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        relay.start();
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        Path data = work.resolve("data");
        try (Storage storage = Storage.open(data)) {
            SiteAction gate = new SiteAction("Close gate 2", SiteAction.Kind.HTTP, "put",
                    "http://127.0.0.1:" + relay.getAddress().getPort() + "/relay/2", "state=closed", "relay", "hunter2", null, null);
            storage.siteActions().add(gate, "test").get();
            try (Alerts alerts = Alerts.start(storage)) {
                SiteActionRun done = alerts.run(gate, "ada", 12L).get(20, TimeUnit.SECONDS);
                assertEquals(List.of(true, "HTTP 200", "ada", 12L), List.of(done.ok(), done.outcome(), done.operator(), done.incidentId()));
                assertEquals("PUT state=closed relay:hunter2", requests.poll(5, TimeUnit.SECONDS));

                status.set(503);
                assertEquals("HTTP 503", alerts.run(gate, "ada", null).get(20, TimeUnit.SECONDS).outcome());
                SiteAction gone = new SiteAction("Lights TWY C", SiteAction.Kind.HTTP, null, "http://127.0.0.1:" + closed + "/on", null,
                        null, null, null, null);
                SiteActionRun refused = alerts.run(gone, "ada", null).get(20, TimeUnit.SECONDS);
                assertFalse(refused.ok());
                assertTrue(refused.outcome().startsWith("cannot connect"), refused.outcome());
            }
            assertEquals(List.of("Lights TWY C", "Close gate 2", "Close gate 2"),
                    storage.siteActions().runs(10).stream().map(SiteActionRun::action).toList());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        } finally {
            relay.stop(0);
        }
        try (Connection jdbc = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("vigil"), "vigil", "");
             Statement sql = jdbc.createStatement()) {
            sql.executeUpdate("UPDATE site_action_run SET ok = TRUE, outcome = 'HTTP 200' WHERE outcome = 'HTTP 503'");
        }
        try (Storage storage = Storage.open(data)) {
            List<String> problems = storage.verify().problems();
            assertTrue(problems.stream().anyMatch(problem -> problem.matches("site_action_run \\d+ \\(audit entry \\d+\\) has been changed since"
                    + " it was recorded")), problems::toString);
        }
    }

    @Test
    void anMqttActionIsPublishedThroughItsTargetsBrokerOnlyWhileConnected() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Storage storage = Storage.open(work.resolve("data"))) {
            storage.alertTargets().add(new AlertTarget("site broker", AlertTarget.Kind.MQTT, broker.url(), "vigil", null, null, true), "test").get();
            SiteAction siren = new SiteAction("Siren apron", SiteAction.Kind.MQTT, null, null, "ON", null, null, "site broker", "site/siren/apron");
            Mqtt5BlockingClient relay = Mqtt5Client.builder().identifier("relay").serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            relay.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = relay.publishes(MqttGlobalPublishFilter.ALL); Alerts alerts = Alerts.start(storage)) {
                relay.subscribeWith().topicFilter("site/#").qos(MqttQos.AT_LEAST_ONCE).send();
                SiteActionRun done = alerts.run(siren, "ada", null).get(20, TimeUnit.SECONDS);
                assertEquals("published on site/siren/apron", done.outcome());
                var published = seen.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertEquals("site/siren/apron", published.getTopic().toString());
                assertEquals("ON", new String(published.getPayloadAsBytes(), StandardCharsets.UTF_8));

                broker.stop();
                Thread.sleep(1_000); // the client sees the connection closed
                SiteActionRun away = alerts.run(siren, "ada", null).get(20, TimeUnit.SECONDS);
                assertFalse(away.ok());
                assertTrue(away.outcome().startsWith("the broker of site broker is not connected"), away.outcome());
            }
        }
    }

    @Test
    void aRuleRunsItsActionWhenItSendsAnIncidentOnceForItsCooldown() throws Exception {
        BlockingQueue<String> sirens = new LinkedBlockingQueue<>();
        HttpServer relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/siren")) {
                sirens.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                exchange.getRequestBody().readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        relay.start();
        String base = "http://127.0.0.1:" + relay.getAddress().getPort();
        try (Storage storage = Storage.open(work.resolve("data"))) {
            storage.alertTargets().add(new AlertTarget("ops", AlertTarget.Kind.WEBHOOK, base + "/hook", null, null, "s", true), "test").get();
            storage.siteActions().add(new SiteAction("Siren apron", SiteAction.Kind.HTTP, null, base + "/siren", "on", null, null, null, null),
                    "test").get();
            var unknown = storage.alertTargets().addRule(new AlertRule(0, "ops", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0,
                    Duration.ZERO, null, null, false, "Sirens everywhere"), "test");
            assertEquals("no site action named 'Sirens everywhere'",
                    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, unknown::get).getCause().getMessage());
            AlertRule rule = storage.alertTargets().addRule(new AlertRule(0, "ops", Set.of(IncidentType.UNAUTH), Set.of(), Set.of(Area.RWY_A),
                    Set.of(), Set.of(), 0, Duration.ofMinutes(1), null, null, false, "Siren apron"), "test").get();
            try (Alerts alerts = Alerts.start(storage)) {
                Incident first = storage.incidents().record(NODE, detection(EventType.UNAUTH, 1), Instant.now()).get().incident();
                storage.incidents().record(NODE, detection(EventType.UNAUTH, 2), Instant.now()).get();
                storage.incidents().record(NODE, detection(EventType.HAZARD, 3), Instant.now()).get();
                assertEquals("on", sirens.poll(10, TimeUnit.SECONDS));
                assertEquals(null, sirens.poll(2, TimeUnit.SECONDS), "once: the second intruder is in the rule's cooldown, the hazard no match");
                Recorder.await("the run recorded", () -> !storage.siteActions().runs(1).isEmpty(), Duration.ofSeconds(5));
                SiteActionRun run = storage.siteActions().runs(1).getFirst();
                assertEquals(List.of("Siren apron", "rule " + rule.id(), first.id(), true), List.of(run.action(), run.operator(), run.incidentId(), run.ok()));
            }
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        } finally {
            relay.stop(0);
        }
    }

    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);

    private static FirstDetection detection(EventType type, long objectId) {
        return new FirstDetection(type, objectId, ObjectClass.PERSON, 300, 200, Area.RWY_A, NodeTimestamp.of(Instant.now()), 0,
                TestJpegs.jpeg(800, objectId));
    }

    @Test
    void actionsAreAddedListedRunAndRemovedFromTheCommandLine() throws Exception {
        HttpServer relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        relay.start();
        String data = work.resolve("data").toString();
        Path password = Files.writeString(work.resolve("password"), "hunter2\n");
        try {
            assertEquals(0, captured.vigil("actions", "add", "http", "Close gate 2", "http://127.0.0.1:" + relay.getAddress().getPort() + "/g2",
                    "--user", "relay", "--password-file", password.toString(), "--data", data), () -> captured.stderr());
            assertEquals(2, captured.vigil("actions", "add", "http", "Bad", "ftp://relay/x", "--data", data));
            assertTrue(captured.stderr().contains("an HTTP action's URL is http(s)://HOST/…, not 'ftp://relay/x'"), captured.stderr());
            assertEquals(2, captured.vigil("actions", "add", "mqtt", "Siren", "--target", "b", "--topic", "site/#", "--data", data));
            assertTrue(captured.stderr().contains("a topic without wildcards"), captured.stderr());
            assertEquals(0, captured.vigil("actions", "list", "--data", data));
            assertTrue(captured.stdout().contains("Close gate 2: POST http://127.0.0.1:") && !captured.stdout().contains("hunter2"),
                    captured.stdout());
            assertEquals(0, captured.vigil("actions", "run", "Close gate 2", "--incident", "7", "--data", data), () -> captured.stdout());
            assertEquals("Close gate 2: OK, HTTP 204", captured.stdout().strip());
            assertEquals(0, captured.vigil("actions", "runs", "--data", data));
            assertTrue(captured.stdout().contains("Close gate 2") && captured.stdout().contains("HTTP 204 (incident 7)"), captured.stdout());
            assertEquals(0, captured.vigil("actions", "remove", "Close gate 2", "--data", data));
            assertEquals(1, captured.vigil("actions", "run", "Close gate 2", "--data", data));
        } finally {
            relay.stop(0);
        }
    }
}
