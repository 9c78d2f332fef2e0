package vigil.app.alerts;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vigil.storage.AlertDeliveries;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertTarget;

/**
 * An MQTT broker (MQTT 5, HiveMQ's client): every message at QoS 1 under the target's prefix.
 * {@code <prefix>/available} says {@code online} once connected and {@code offline} on a clean stop,
 * and is the last will for any other end. The client reconnects by itself (1 s, doubling, at most
 * 30 s); what is sent meanwhile is queued and delivered once it is back, again after a broker that
 * lost the session (republishIfSessionExpired). The client refuses what is sent before its first
 * connection is settled, so that is held here until then. What is sent while the broker is away
 * (incidents, what operators did, system alerts: not the retained states, which are sent anew, nor
 * pictures) also waits in the delivery log, PENDING until the broker has it, so that a stop in the
 * meantime loses none of it: the next start sends it again.
 */
final class MqttTarget implements Target {
    private static final Logger LOG = Logger.getLogger(MqttTarget.class.getName());
    /** How long the broker keeps the session across a reconnection. */
    private static final long SESSION_SECONDS = 3_600;

    private final AlertTarget target;
    private final AlertDeliveries deliveries;
    private final boolean resendAtNextStart;
    private final Mqtt5AsyncClient client;
    /** Completes once the first connection is settled, made or failed. */
    private final CompletableFuture<Void> firstConnection;
    private volatile String lastProblem;
    /** What was sent before the first connection was settled; null from then on. Guarded by heldLock. */
    private List<Held> held = new ArrayList<>();
    private final Object heldLock = new Object();

    private record Held(AlertMessage message, CompletableFuture<Void> sent) {
    }

    /** {@code resendAtNextStart}: whether what waits for the broker outlives a stop (not a test message). */
    MqttTarget(AlertTarget target, AlertDeliveries deliveries, boolean resendAtNextStart) {
        this.target = target;
        this.deliveries = deliveries;
        this.resendAtNextStart = resendAtNextStart;
        URI url = URI.create(target.url());
        boolean tls = url.getScheme().equalsIgnoreCase("ssl");
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier("vigil-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()))
                .serverHost(url.getHost())
                .serverPort(url.getPort() > 0 ? url.getPort() : tls ? 8883 : 1883)
                .automaticReconnect().initialDelay(1, TimeUnit.SECONDS).maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addDisconnectedListener(context -> {
                    lastProblem = context.getCause().getMessage();
                    context.getReconnector().republishIfSessionExpired(true);
                })
                .addConnectedListener(context -> publish(AlertMessages.available(true)))
                .willPublish().topic(topic(AlertMessages.AVAILABLE)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload("offline".getBytes(StandardCharsets.US_ASCII)).applyWillPublish();
        if (tls) {
            builder = target.caCertificate() == null ? builder.sslWithDefaultConfig()
                    : builder.sslConfig().trustManagerFactory(SiteAuthority.trustManagers(target.authority())).applySslConfig();
        }
        if (target.username() != null) {
            builder = builder.simpleAuth().username(target.username())
                    .password(target.secret() == null ? new byte[0] : target.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = builder.buildAsync();
        firstConnection = client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_SECONDS).send().handle((ack, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "alert target " + target.name() + ": " + failure.getMessage() + " (trying again)");
            }
            releaseHeld(); // connected, or reconnecting: the client queues from now on
            return null;
        });
    }

    private void releaseHeld() {
        List<Held> release;
        synchronized (heldLock) {
            release = held;
            held = null;
        }
        for (Held message : release) {
            publish(message.message()).whenComplete((done, failure) -> {
                if (failure == null) {
                    message.sent().complete(null);
                } else {
                    message.sent().completeExceptionally(failure);
                }
            });
        }
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public AlertTarget configuration() {
        return target;
    }

    private String topic(String suffix) {
        return target.topicPrefix() + "/" + suffix;
    }

    @Override
    public CompletableFuture<Void> send(AlertMessage message) {
        if (resendAtNextStart && message.json() && !message.retained() && client.getState() != MqttClientState.CONNECTED) {
            return deliveries.pending(target.name(), message.topic(), new String(message.payload(), StandardCharsets.UTF_8),
                    UUID.randomUUID().toString()).thenCompose(this::deliver);
        }
        return sendNow(message);
    }

    /** Publishes a delivery the log holds as PENDING (one made while the broker was away, or left by a stop), then notes it DELIVERED. */
    @Override
    public CompletableFuture<Void> deliver(AlertDelivery delivery) {
        return sendNow(AlertMessage.json(delivery.topic(), delivery.payload(), false))
                .thenCompose(sent -> deliveries.attempted(delivery.id(), AlertDelivery.Status.DELIVERED, null));
    }

    private CompletableFuture<Void> sendNow(AlertMessage message) {
        synchronized (heldLock) {
            if (held != null) {
                Held waiting = new Held(message, new CompletableFuture<>());
                held.add(waiting);
                return waiting.sent();
            }
        }
        return publish(message);
    }

    private CompletableFuture<Void> publish(AlertMessage message) {
        return client.publishWith().topic(topic(message.topic())).qos(MqttQos.AT_LEAST_ONCE).retain(message.retained())
                .payload(message.payload()).send().thenAccept(result -> result.getError().ifPresent(error -> {
                    throw new IllegalStateException(error.getMessage(), error);
                }));
    }

    /**
     * Publishes {@code payload} on {@code topic} as it is (not under the prefix), for a site action:
     * only while connected, since a gate or a siren moved later than asked is worse than not at all.
     */
    CompletableFuture<Void> publishNow(String topic, byte[] payload) {
        return firstConnection.thenCompose(settled -> {
            if (client.getState() != MqttClientState.CONNECTED) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker of " + target.name() + " is not connected"
                        + (lastProblem == null ? "" : " (" + lastProblem + ")")));
            }
            return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .thenAccept(result -> result.getError().ifPresent(error -> {
                        throw new IllegalStateException(error.getMessage(), error);
                    }));
        });
    }

    @Override
    public void close() {
        try {
            if (client.getState() == MqttClientState.CONNECTED) {
                publish(AlertMessages.available(false)).get(5, TimeUnit.SECONDS);
            }
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.INFO, "alert target " + target.name() + " closed: " + e.getMessage());
        }
    }
}
