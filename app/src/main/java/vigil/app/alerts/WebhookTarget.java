package vigil.app.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vigil.storage.AlertDeliveries;
import vigil.storage.AlertDelivery;
import vigil.storage.AlertTarget;

/**
 * A webhook: each JSON message POSTed to the URL, signed with HMAC-SHA256 of the body under the
 * target's secret ({@code X-Vigil-Signature-256: sha256=<hex>}, as GitHub signs), its topic in
 * {@code X-Vigil-Event} and one {@code X-Vigil-Delivery} id across its attempts. Each message is
 * noted in the delivery log before its first attempt, and each attempt after it; a reply other than
 * 2xx, or none within {@link #TIMEOUT}, is tried again after 1 s, doubling up to 5 min, until
 * {@code giveUpAfter} has passed (then the delivery is FAILED, and an operator may send it again).
 * Pictures are not posted.
 */
final class WebhookTarget implements Target {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String SIGNATURE = "X-Vigil-Signature-256";
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final AlertTarget target;
    private final AlertDeliveries deliveries;
    private final Duration giveUpAfter;
    private final boolean resendAtNextStart;
    private final HttpClient http;
    private final ScheduledExecutorService retries;
    private volatile String lastProblem;
    private final Set<Long> undelivered = ConcurrentHashMap.newKeySet();

    /**
     * {@code resendAtNextStart}: whether what is still undelivered when the target closes is sent again
     * at the next start (an alert), or given up (the message of {@code vigil alerts test}).
     */
    WebhookTarget(AlertTarget target, AlertDeliveries deliveries, Duration giveUpAfter, boolean resendAtNextStart) {
        this.target = target;
        this.deliveries = deliveries;
        this.giveUpAfter = giveUpAfter;
        this.resendAtNextStart = resendAtNextStart;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        this.http = (target.caCertificate() == null ? client : client.sslContext(SiteAuthority.context(target.authority()))).build();
        this.retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook " + target.name()).daemon().factory());
    }

    @Override
    public AlertTarget configuration() {
        return target;
    }

    @Override
    public CompletableFuture<Void> send(AlertMessage message) {
        if (!message.json()) {
            return CompletableFuture.completedFuture(null);
        }
        return deliveries.pending(target.name(), message.topic(), new String(message.payload(), StandardCharsets.UTF_8),
                UUID.randomUUID().toString()).thenCompose(this::deliver);
    }

    /** Sends a delivery the log holds as PENDING: a new one, one a stop cut short, one an operator sends again. */
    @Override
    public CompletableFuture<Void> deliver(AlertDelivery delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Vigil-Event", delivery.topic())
                .header("X-Vigil-Delivery", delivery.deliveryId())
                .header(SIGNATURE, "sha256=" + signature(target.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        undelivered.add(delivery.id());
        attempt(delivery.id(), request, Instant.now().plus(giveUpAfter), Duration.ofSeconds(1), delivered);
        return delivered;
    }

    private void attempt(long id, HttpRequest request, Instant deadline, Duration wait, CompletableFuture<Void> delivered) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                lastProblem = null;
                undelivered.remove(id);
                deliveries.attempted(id, AlertDelivery.Status.DELIVERED, null);
                delivered.complete(null);
                return;
            }
            String why = failure != null ? String.valueOf(failure.getCause() != null ? failure.getCause() : failure)
                    : "HTTP " + response.statusCode();
            lastProblem = why;
            if (retries.isShutdown()) {
                if (resendAtNextStart) {
                    deliveries.attempted(id, AlertDelivery.Status.PENDING, why); // the next start sends it again
                }
                delivered.completeExceptionally(new IllegalStateException(target.name() + ": " + why));
            } else if (Instant.now().plus(wait).isAfter(deadline)) {
                undelivered.remove(id);
                deliveries.attempted(id, AlertDelivery.Status.FAILED, why + " (given up after " + giveUpAfter.toMinutes() + " min)");
                delivered.completeExceptionally(new IllegalStateException(target.name() + ": " + why));
            } else {
                deliveries.attempted(id, AlertDelivery.Status.PENDING, why);
                Duration next = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                retries.schedule(() -> attempt(id, request, deadline, next, delivered), wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    /** HMAC-SHA256 of {@code body} under {@code secret}, in lower-case hex. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no HmacSHA256", e);
        }
    }

    /** Stops retrying; what is undelivered is sent again at the next start, or (a test's) given up now. */
    @Override
    public void close() {
        retries.shutdownNow();
        http.close();
        if (!resendAtNextStart) {
            String why = (lastProblem == null ? "no answer" : lastProblem) + " (the test ended)";
            CompletableFuture.allOf(undelivered.stream().map(id -> deliveries.attempted(id, AlertDelivery.Status.FAILED, why))
                    .toArray(CompletableFuture[]::new)).join();
        }
    }
}
