package vigil.app.alerts;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.app.recording.LivenessProbes;
import vigil.app.recording.Recorder;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AlertTarget;
import vigil.storage.Storage;

/**
 * From a node's ME_FD to the alert, end to end on loopback, as {@code vigil record} runs it: a
 * simulated node sends a first detection every {@code bench.interval} ms; the recorder makes it
 * durable; Alerts sends it to a real Mosquitto broker, whose subscriber takes the time, and to a
 * webhook receiver (the JDK's HttpServer). The floor in the same run: the same detection to durable
 * in the store. {@code ./mvnw -pl app -am -Palerts-benchmark verify} (docs/BENCHMARKS.md).
 */
public final class AlertsBenchmark {
    private static final int COUNT = Integer.getInteger("bench.count", 300);
    private static final int INTERVAL_MILLIS = Integer.getInteger("bench.interval", 50);
    private static final Pattern OBJECT = Pattern.compile("\"objectId\":(\\d+)");

    private AlertsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<Long, Long> sent = new ConcurrentHashMap<>();
        Map<Long, Long> durable = new ConcurrentHashMap<>();
        Map<Long, Long> mqtt = new ConcurrentHashMap<>();
        Map<Long, Long> webhook = new ConcurrentHashMap<>();
        Path data = Files.createTempDirectory("alerts-benchmark");
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("incidents".equals(exchange.getRequestHeaders().getFirst("X-Vigil-Event"))) {
                objectId(body).ifPresent(id -> webhook.put(id, now));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
             Storage storage = Storage.open(data)) {
            storage.alertTargets().add(new AlertTarget("broker", AlertTarget.Kind.MQTT, broker.url(), "vigil", null, null, true), "bench").get();
            storage.alertTargets().add(new AlertTarget("hook", AlertTarget.Kind.WEBHOOK,
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", null, null, "bench", true), "bench").get();
            Mqtt5AsyncClient subscriber = Mqtt5Client.builder().identifier("bench").serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
            subscriber.connect().get();
            subscriber.subscribeWith().topicFilter("vigil/incidents").qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
                long now = System.nanoTime();
                objectId(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).ifPresent(id -> mqtt.put(id, now));
            }).send().get();

            try (Alerts alerts = Alerts.start(storage)) {
                Recorder recorder = new Recorder(storage, (address, zone) -> List.of(),
                        recorded -> durable.put(recorded.incident().objectId(), System.nanoTime()), error -> { });
                NodeAddress address = new NodeAddress("127.0.0.1", node.port());
                NodeLink link = new NodeLink(address, group, LivenessProbes.DEFAULTS.linkSettings(address), new NodeLink.Listener() {
                    @Override
                    public void onMessage(NodeLink nodeLink, NodeMessage message) {
                        recorder.onMessage(nodeLink, message);
                        alerts.onMessage(nodeLink, message);
                    }

                    @Override
                    public void onStateChange(NodeLink nodeLink, LinkState state) {
                        recorder.onStateChange(nodeLink, state);
                        alerts.onStateChange(nodeLink, state);
                    }
                }).start();
                while (!link.state().isOnline()) {
                    Thread.sleep(10);
                }
                Thread.sleep(1_000); // the broker's online, the link's state: out of the way
                for (long id = 1; id <= COUNT; id++) {
                    FirstDetection detection = new FirstDetection(EventType.HAZARD, id, ObjectClass.FOD, 300, 200, Area.RWY_A,
                            NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(3000, id));
                    sent.put(id, System.nanoTime());
                    node.broadcast(detection);
                    Thread.sleep(INTERVAL_MILLIS);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((mqtt.size() < COUNT || webhook.size() < COUNT) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                link.close();
            }
            subscriber.disconnect().get();
        } finally {
            receiver.stop(0);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        System.out.printf(Locale.ROOT, "%d first detections, one every %d ms, on %d cores (%s)%n", COUNT, INTERVAL_MILLIS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        double[] floor = report("ME_FD sent -> incident durable (the floor)", sent, durable);
        double[] toMqtt = report("ME_FD sent -> MQTT subscriber", sent, mqtt);
        double[] toWebhook = report("ME_FD sent -> webhook received", sent, webhook);
        System.out.printf(Locale.ROOT, "ratio to the floor, p50 / p95: MQTT %.2fx / %.2fx, webhook %.2fx / %.2fx%n",
                toMqtt[0] / floor[0], toMqtt[1] / floor[1], toWebhook[0] / floor[0], toWebhook[1] / floor[1]);
    }

    private static java.util.Optional<Long> objectId(String json) {
        Matcher id = OBJECT.matcher(json);
        return id.find() ? java.util.Optional.of(Long.parseLong(id.group(1))) : java.util.Optional.empty();
    }

    /** Prints and returns p50 and p95 in milliseconds. */
    private static double[] report(String what, Map<Long, Long> from, Map<Long, Long> to) {
        List<Double> millis = new ArrayList<>();
        to.forEach((id, at) -> millis.add((at - from.get(id)) / 1e6));
        millis.sort(null);
        double p50 = millis.get(millis.size() / 2);
        double p95 = millis.get((int) Math.min(millis.size() - 1, Math.round(millis.size() * 0.95)));
        System.out.printf(Locale.ROOT, "%-42s %d of %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, millis.size(), from.size(),
                p50, p95, millis.getLast());
        return new double[] {p50, p95};
    }
}
