package vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ActionKind;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertRule;
import vigil.storage.AlertTarget;
import vigil.storage.Incident;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/** Alerts to a real Mosquitto broker and a real HTTP receiver. */
class AlertsTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);

    @TempDir
    Path data;

    private static FirstDetection detection(long objectId) {
        return new FirstDetection(EventType.HAZARD, objectId, ObjectClass.FOD, 300, 200, Area.RWY_A,
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(2000, objectId));
    }

    private static AlertTarget mqtt(MosquittoBroker broker) {
        return new AlertTarget("site broker", AlertTarget.Kind.MQTT, broker.url(), "vigil", null, null, true);
    }

    /** A subscriber to everything under vigil/, as a building system would be. */
    private static Mqtt5BlockingClient watcher(MosquittoBroker broker) {
        Mqtt5BlockingClient watcher = Mqtt5Client.builder().identifier("watcher-" + System.nanoTime()).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        watcher.connect();
        return watcher;
    }

    private static Mqtt5Publish next(Mqtt5BlockingClient.Mqtt5Publishes seen, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var publish = seen.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (publish.isPresent() && publish.get().getTopic().toString().equals(topic)) {
                return publish.get();
            }
        }
        throw new AssertionError("nothing on " + topic + " within 30 s");
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mqttCarriesIncidentsTheirPicturesWhatOperatorsDidStatesAndAvailability() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Storage storage = Storage.open(data)) {
            storage.alertTargets().add(mqtt(broker), "test").get();
            Mqtt5BlockingClient watcher = watcher(broker);
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("vigil/#").qos(MqttQos.AT_LEAST_ONCE).send();
                Alerts alerts = Alerts.start(storage);
                assertEquals("online", text(next(seen, "vigil/available")));

                FirstDetection detection = detection(4242);
                Incident incident = storage.incidents().record(NODE, detection, Instant.now()).get().incident();
                String json = text(next(seen, "vigil/incidents"));
                assertTrue(json.startsWith("{\"id\":" + incident.id() + ",\"node\":\"10.0.0.7:5100\",\"eventType\":\"HAZARD\",\"objectId\":4242,"), json);
                Mqtt5Publish picture = next(seen, "vigil/incidents/" + incident.id() + "/picture");
                assertArrayEquals(detection.image().toByteArray(), picture.getPayloadAsBytes());
                assertEquals(MqttQos.AT_LEAST_ONCE, picture.getQos());

                storage.incidents().act(incident.id(), ActionKind.ACKNOWLEDGE, "ada", null).get();
                String state = text(next(seen, "vigil/incidents/" + incident.id() + "/state"));
                assertTrue(state.contains("\"state\":\"ACKNOWLEDGED\",\"action\":\"ACKNOWLEDGE\",\"operator\":\"ada\""), state);

                storage.siteEvents().record(SiteEvent.ofCamera("Gate 3/east", "OFFLINE", "no route to host", Instant.now())).get();
                Mqtt5Publish health = next(seen, "vigil/cameras/Gate 3_east/health");
                assertTrue(text(health).contains("\"state\":\"OFFLINE\",\"detail\":\"no route to host\""), text(health));

                alerts.close();
                assertEquals("offline", text(next(seen, "vigil/available")), "a clean stop says so");
            } finally {
                watcher.disconnect();
            }
            Mqtt5BlockingClient late = watcher(broker);
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = late.publishes(MqttGlobalPublishFilter.ALL)) {
                late.subscribeWith().topicFilter("vigil/#").qos(MqttQos.AT_LEAST_ONCE).send();
                Map<String, Mqtt5Publish> kept = new java.util.HashMap<>();
                for (var publish = seen.receive(3, TimeUnit.SECONDS); publish.isPresent(); publish = seen.receive(1, TimeUnit.SECONDS)) {
                    kept.put(publish.get().getTopic().toString(), publish.get());
                }
                assertEquals(java.util.Set.of("vigil/available", "vigil/cameras/Gate 3_east/health"), kept.keySet(),
                        "states are kept for who subscribes later; incidents are not");
                assertTrue(kept.values().stream().allMatch(Mqtt5Publish::isRetain));
                assertEquals("offline", text(kept.get("vigil/available")));
                assertTrue(text(kept.get("vigil/cameras/Gate 3_east/health")).contains("\"state\":\"OFFLINE\""));
            } finally {
                late.disconnect();
            }
        }
    }

    @Test
    void whatIsRecordedWhileTheBrokerIsAwayIsDeliveredOnceItIsBack() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Storage storage = Storage.open(data)) {
            storage.alertTargets().add(mqtt(broker), "test").get();
            Mqtt5BlockingClient watcher = watcher(broker);
            long id;
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL);
                 Alerts alerts = Alerts.start(storage)) {
                watcher.subscribeWith().topicFilter("vigil/available").qos(MqttQos.AT_LEAST_ONCE).send();
                assertEquals("online", text(next(seen, "vigil/available")));
                broker.stop(); // it loses every session: nothing persists
                id = storage.incidents().record(NODE, detection(7), Instant.now()).get().incident().id();
                Thread.sleep(4_000); // Vigil has tried again twice and waits longer now
                broker.restart();
                Mqtt5BlockingClient back = watcher(broker);
                try (Mqtt5BlockingClient.Mqtt5Publishes seenAgain = back.publishes(MqttGlobalPublishFilter.ALL)) {
                    back.subscribeWith().topicFilter("vigil/incidents").qos(MqttQos.AT_LEAST_ONCE).send();
                    String json = text(next(seenAgain, "vigil/incidents"));
                    assertTrue(json.startsWith("{\"id\":" + id + ","), json);
                } finally {
                    back.disconnect();
                }
            }
        }
    }

    @Test
    void whatWasMadeWhileTheBrokerWasAwayOutlivesAStopOfVigil() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); Storage storage = Storage.open(data)) {
            storage.alertTargets().add(mqtt(broker), "test").get();
            broker.stop();
            long id;
            try (Alerts alerts = Alerts.start(storage)) {
                id = storage.incidents().record(NODE, detection(8), Instant.now()).get().incident().id();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (storage.alertDeliveries().pending().stream().noneMatch(delivery -> delivery.topic().equals("incidents"))) {
                    assertTrue(System.nanoTime() < deadline, "the incident's message waits in the delivery log");
                    Thread.sleep(50);
                }
            } // Vigil stops before the broker is back
            assertEquals(List.of("site broker incidents"), storage.alertDeliveries().pending().stream()
                    .map(delivery -> delivery.target() + " " + delivery.topic()).toList(), "its message only: not the picture, not the states");
            broker.restart();
            Mqtt5BlockingClient watcher = watcher(broker);
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("vigil/incidents").qos(MqttQos.AT_LEAST_ONCE).send();
                try (Alerts again = Alerts.start(storage)) {
                    String json = text(next(seen, "vigil/incidents"));
                    assertTrue(json.startsWith("{\"id\":" + id + ","), json);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!storage.alertDeliveries().pending().isEmpty()) {
                        assertTrue(System.nanoTime() < deadline, "noted DELIVERED once the broker has it");
                        Thread.sleep(50);
                    }
                }
            } finally {
                watcher.disconnect();
            }
        }
    }

    @Test
    void aKilledRecordersLastWillSaysItIsOffline() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0))) {
            try (Storage storage = Storage.open(data)) {
                storage.alertTargets().add(mqtt(broker), "test").get();
            }
            Mqtt5BlockingClient watcher = watcher(broker);
            try (Mqtt5BlockingClient.Mqtt5Publishes seen = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith().topicFilter("vigil/#").qos(MqttQos.AT_LEAST_ONCE).send();
                Process recorder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dorg.jooq.no-logo=true", "-cp", System.getProperty("java.class.path"), "vigil.app.Vigil",
                        "record", "--node", "127.0.0.1:" + node.port(), "--data", data.toString())
                        .redirectErrorStream(true).start();
                Thread.ofPlatform().daemon().start(() -> new BufferedReader(new InputStreamReader(recorder.getInputStream())).lines().count());
                assertEquals("online", text(next(seen, "vigil/available")));
                String link = "vigil/nodes/127.0.0.1:" + node.port() + "/link";
                while (!text(next(seen, link)).contains("\"state\":\"ONLINE\"")) {
                    // CONNECTING first
                }
                recorder.destroyForcibly(); // SIGKILL: no goodbye but the will
                assertTrue(recorder.waitFor(10, TimeUnit.SECONDS));
                Mqtt5Publish will = next(seen, "vigil/available");
                assertEquals("offline", text(will));
            } finally {
                watcher.disconnect();
            }
        }
    }

    @Test
    void aWebhookIsSignedTriedAgainAfterAFailureAndGetsNoPictures() throws Exception {
        String secret = "correct horse battery staple";
        BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(Map.of("event", exchange.getRequestHeaders().getFirst("X-Vigil-Event"),
                    "delivery", exchange.getRequestHeaders().getFirst("X-Vigil-Delivery"),
                    "signature", exchange.getRequestHeaders().getFirst("X-Vigil-Signature-256"),
                    "expected", "sha256=" + hmac(secret, body), "body", new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1); // the first fails
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (Storage storage = Storage.open(data)) {
            AlertTarget hook = new AlertTarget("ops chat", AlertTarget.Kind.WEBHOOK, url, null, null, secret, true);
            storage.alertTargets().add(hook, "test").get();
            try (Alerts alerts = Alerts.start(storage)) {
                Incident incident = storage.incidents().record(NODE, detection(99), Instant.now()).get().incident();
                Map<String, String> first = received.poll(10, TimeUnit.SECONDS);
                Map<String, String> again = received.poll(10, TimeUnit.SECONDS);
                assertTrue(first != null && again != null, "a first attempt and, after its 500, a second");
                for (Map<String, String> delivery : List.of(first, again)) {
                    assertEquals("incidents", delivery.get("event"));
                    assertEquals(delivery.get("expected"), delivery.get("signature"), "the receiver's own HMAC of the body");
                    assertTrue(delivery.get("body").startsWith("{\"id\":" + incident.id() + ","), delivery.get("body"));
                }
                assertEquals(first.get("delivery"), again.get("delivery"), "one delivery, two attempts");
                assertNull(received.poll(2, TimeUnit.SECONDS), "the picture is not posted");
            }
            assertNull(Alerts.test(hook, storage.alertDeliveries(), Duration.ofSeconds(10)), "vigil alerts test: it takes the test message");
            assertEquals("system/test", received.poll(5, TimeUnit.SECONDS).get("event"));
            receiver.stop(0);
            AlertTarget gone = new AlertTarget("gone", AlertTarget.Kind.WEBHOOK, url, null, null, secret, true);
            assertTrue(Alerts.test(gone, storage.alertDeliveries(), Duration.ofSeconds(2)).startsWith("no answer in 2 s (last: java.net.ConnectException"),
                    "a receiver that is gone: why, in words");
            AlertDelivery test = storage.alertDeliveries().newest(1).getFirst();
            assertEquals(AlertDelivery.Status.FAILED, test.status(), "a test message is not sent again at the next start");
            assertTrue(test.lastError().endsWith(" (the test ended)"), test.lastError());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aWebhookDeliveryOutlivesAStopAndAFailedOneCanBeSentAgain() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (up.get()) {
                deliveries.add(exchange.getRequestHeaders().getFirst("X-Vigil-Event") + " " + exchange.getRequestHeaders().getFirst("X-Vigil-Delivery"));
            }
            exchange.sendResponseHeaders(up.get() ? 204 : 503, -1);
            exchange.close();
        });
        receiver.start();
        try (Storage storage = Storage.open(data)) {
            storage.alertTargets().add(new AlertTarget("hook", AlertTarget.Kind.WEBHOOK,
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", null, null, "s", true), "test").get();
            AlertDelivery pending;
            try (Alerts alerts = Alerts.start(storage)) {
                storage.incidents().record(NODE, detection(1), Instant.now()).get();
                Recorder.await("a first refused attempt", () -> storage.alertDeliveries().newest(1).stream()
                        .anyMatch(delivery -> delivery.attempts() >= 1), Duration.ofSeconds(10));
            } // stopped while the receiver refuses
            pending = storage.alertDeliveries().newest(1).getFirst();
            assertEquals(AlertDelivery.Status.PENDING, pending.status());
            assertEquals("HTTP 503", pending.lastError());
            up.set(true);
            try (Alerts alerts = Alerts.start(storage)) {
                assertEquals("incidents " + pending.deliveryId(), deliveries.poll(10, TimeUnit.SECONDS), "sent again at the next start, as itself");
                Recorder.await("delivered in the log", () -> storage.alertDeliveries().newest(1).getFirst().status()
                        == AlertDelivery.Status.DELIVERED, Duration.ofSeconds(10));

                storage.alertDeliveries().attempted(pending.id(), AlertDelivery.Status.FAILED, "given up").get(); // as after an hour
                assertEquals("delivery 999 has not failed", alerts.retry(999).get());
                assertNull(alerts.retry(pending.id()).get());
                assertEquals("incidents " + pending.deliveryId(), deliveries.poll(10, TimeUnit.SECONDS), "sent again on request");
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void rulesChooseWhatATargetIsSentACooldownHoldsBackAFlockAndQuietHoursSilenceIt() throws Exception {
        Map<String, BlockingQueue<String>> received = Map.of("/birds", new LinkedBlockingQueue<>(), "/night", new LinkedBlockingQueue<>(),
                "/all", new LinkedBlockingQueue<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        received.forEach((path, events) -> receiver.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            events.add(exchange.getRequestHeaders().getFirst("X-Vigil-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (Storage storage = Storage.open(data)) {
            for (String name : List.of("birds", "night", "all")) {
                storage.alertTargets().add(new AlertTarget(name, AlertTarget.Kind.WEBHOOK, base + "/" + name, null, null, "s", true), "test").get();
            }
            storage.alertTargets().addRule(new AlertRule(0, "birds", Set.of(), Set.of(ObjectClass.BIRD), Set.of(Area.RWY_A), Set.of(),
                    Set.of(), 0, Duration.ofMinutes(1), null, null, false, null), "test").get();
            LocalTime now = LocalTime.now();
            storage.alertTargets().addRule(new AlertRule(0, "night", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0, Duration.ZERO,
                    now.minusHours(1), now.plusHours(1), true, null), "test").get();
            try (Alerts alerts = Alerts.start(storage)) {
                for (int bird = 0; bird < 5; bird++) { // a flock over runway A
                    storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, 100 + bird, ObjectClass.BIRD, 10, 10, Area.RWY_A,
                            NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(500, bird)), Instant.now()).get();
                }
                storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, 200, ObjectClass.FOD, 10, 10, Area.RWY_A,
                        NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(500, 200)), Instant.now()).get();
                storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, 201, ObjectClass.BIRD, 10, 10, Area.RWY_B,
                        NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(500, 201)), Instant.now()).get();
                storage.siteEvents().record(SiteEvent.ofCamera("Apron", "OFFLINE", "gone", Instant.now())).get();
                List<String> all = new java.util.ArrayList<>();
                while (all.size() < 8) {
                    String event = received.get("/all").poll(10, TimeUnit.SECONDS);
                    assertTrue(event != null, "a target without rules is sent everything: " + all);
                    all.add(event);
                }
                assertEquals(7, all.stream().filter("incidents"::equals).count());
                assertTrue(all.contains("cameras/Apron/health"), "and the camera's health: " + all); // webhooks send concurrently: in any order
                Thread.sleep(1_000);
                assertEquals(List.of("incidents"), List.copyOf(received.get("/birds")), "the flock is one alert; the debris and runway B none");
                assertEquals(List.of(), List.copyOf(received.get("/night")), "quiet hours");
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void targetsAndRulesChangedWhileRunningApplyWithoutARestart() throws Exception {
        Map<String, BlockingQueue<String>> received = Map.of("/ops", new LinkedBlockingQueue<>(), "/late", new LinkedBlockingQueue<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        received.forEach((path, bodies) -> receiver.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("incidents".equals(exchange.getRequestHeaders().getFirst("X-Vigil-Event"))) {
                bodies.add(body.replaceAll(".*\"class\":\"([A-Z_]+)\".*", "$1"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        AtomicLong objects = new AtomicLong(300);
        try (Storage storage = Storage.open(data)) {
            storage.alertTargets().add(new AlertTarget("ops", AlertTarget.Kind.WEBHOOK, base + "/ops", null, null, "s", true), "test").get();
            try (Alerts alerts = Alerts.start(storage)) {
                AlertRule birds = storage.alertTargets().addRule(new AlertRule(0, "ops", Set.of(), Set.of(ObjectClass.BIRD), Set.of(),
                        Set.of(), Set.of(), 0, Duration.ZERO, null, null, false, null), "an admin").get();
                alerts.reread();
                record(storage, ObjectClass.FOD, objects);
                record(storage, ObjectClass.BIRD, objects);
                assertEquals("BIRD", received.get("/ops").poll(10, TimeUnit.SECONDS), "the rule added while running chooses");

                storage.alertTargets().changeRule(new AlertRule(birds.id(), "ops", Set.of(), Set.of(ObjectClass.FOD), Set.of(), Set.of(),
                        Set.of(), 0, Duration.ZERO, null, null, false, null), "an admin").get();
                alerts.reread();
                record(storage, ObjectClass.BIRD, objects);
                record(storage, ObjectClass.FOD, objects);
                assertEquals("FOD", received.get("/ops").poll(10, TimeUnit.SECONDS), "the rule as changed");

                // added as another desk or the command line would, without a word to these alerts: read within REREAD_EVERY
                storage.alertTargets().add(new AlertTarget("late", AlertTarget.Kind.WEBHOOK, base + "/late", null, null, "s", true), "cli").get();
                long deadline = System.nanoTime() + Alerts.REREAD_EVERY.multipliedBy(2).toNanos();
                String late = null;
                while (late == null && System.nanoTime() < deadline) {
                    record(storage, ObjectClass.PERSON, objects);
                    late = received.get("/late").poll(1, TimeUnit.SECONDS);
                }
                assertEquals("PERSON", late, "a target added elsewhere is sent within " + Alerts.REREAD_EVERY);

                storage.alertTargets().remove("late", "an admin").get();
                alerts.reread();
                received.get("/late").clear();
                record(storage, ObjectClass.FOD, objects);
                assertEquals("FOD", received.get("/ops").poll(10, TimeUnit.SECONDS));
                Thread.sleep(500);
                assertEquals(List.of(), List.copyOf(received.get("/late")), "a removed target is sent nothing more");
                assertTrue(received.get("/ops").isEmpty(), "nothing the rule leaves out: " + received.get("/ops"));
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static void record(Storage storage, ObjectClass objectClass, AtomicLong objects) throws Exception {
        long objectId = objects.incrementAndGet();
        storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, objectId, objectClass, 10, 10, Area.RWY_A,
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(500, objectId)), Instant.now()).get();
    }

    @Test
    void targetsAreCheckedInWords() {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AlertTarget("x", AlertTarget.Kind.MQTT, "http://broker:1883", null, null, null, true));
        assertEquals("an MQTT broker's URL is tcp://HOST:PORT or ssl://HOST:PORT, not 'http://broker:1883'", refused.getMessage());
        refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AlertTarget("x", AlertTarget.Kind.WEBHOOK, "https://hooks.example/x", null, null, null, true));
        assertEquals("a webhook needs a secret to sign what it is sent", refused.getMessage());
        refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AlertTarget("x", AlertTarget.Kind.MQTT, "tcp://broker:1883", "vigil/#", null, null, true));
        assertTrue(refused.getMessage().startsWith("a topic prefix is words"), refused.getMessage());
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
