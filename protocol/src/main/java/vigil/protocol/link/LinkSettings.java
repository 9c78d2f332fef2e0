package vigil.protocol.link;

import java.time.Duration;

/**
 * How a link behaves. Reconnection backs off exponentially from {@code minBackoff} to
 * {@code maxBackoff}, each delay drawn at random from its upper half so that many consoles do not
 * knock on a restarted node in step. The back-off starts again from the bottom only once a
 * connection has proved itself: it delivered a message or stayed up for {@code stableAfter}.
 * Something that accepts and closes at once (a port forwarder before a dead node) is an attempt
 * that failed.
 *
 * <p>{@code probeAfter}: a link silent that long sends {@code AC_AC} as a liveness probe, and a
 * node that does not answer it within {@code replyTimeout} is unresponsive: the link says so and
 * reconnects. {@link Duration#ZERO} turns the probe off. A silent node that answers stays ONLINE.
 *
 * <p>{@code maxLineLength} bounds an event line. An {@code ME_OD} lists every alarming object, about
 * forty bytes each with real (14-digit) ids, so the decoder's 64 KiB default would reject the
 * snapshots of a node with more than about 1,600 alarming objects; links allow 1 MiB (some 25,000
 * objects), still a small, fixed bound per node.
 */
public record LinkSettings(
        Duration connectTimeout,
        Duration replyTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        boolean reconnect,
        int maxQueuedCommands,
        int maxLineLength,
        Duration stableAfter,
        Duration probeAfter) {

    public static final int DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;
    public static final Duration DEFAULT_PROBE_AFTER = Duration.ofSeconds(60);

    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(30), true, 256, DEFAULT_MAX_LINE_LENGTH, Duration.ofSeconds(5), DEFAULT_PROBE_AFTER);
    }

    public LinkSettings withReconnect(boolean reconnect) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands,
                maxLineLength, stableAfter, probeAfter);
    }

    public LinkSettings withReplyTimeout(Duration replyTimeout) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands,
                maxLineLength, stableAfter, probeAfter);
    }

    public LinkSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands,
                maxLineLength, stableAfter, probeAfter);
    }

    /** How long a silent link waits before it probes; {@link Duration#ZERO} never probes. */
    public LinkSettings withProbeAfter(Duration probeAfter) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands,
                maxLineLength, stableAfter, probeAfter);
    }

    public boolean probes() {
        return probeAfter.isPositive();
    }

    /** The delay before reconnection attempt {@code attempt} (0 for the first). */
    Duration backoff(int attempt, double random) {
        long ceiling = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis((long) (ceiling / 2.0 + random * ceiling / 2.0));
    }
}
