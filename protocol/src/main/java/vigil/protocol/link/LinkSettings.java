package vigil.protocol.link;

import java.time.Duration;

/**
 * How a link behaves. Reconnection backs off exponentially from {@code minBackoff} to
 * {@code maxBackoff}, each delay drawn at random from its upper half so that many consoles do not
 * knock on a restarted node in step.
 */
public record LinkSettings(
        Duration connectTimeout,
        Duration replyTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        boolean reconnect,
        int maxQueuedCommands) {

    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(30), true, 256);
    }

    public LinkSettings withReconnect(boolean reconnect) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands);
    }

    public LinkSettings withReplyTimeout(Duration replyTimeout) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands);
    }

    public LinkSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands);
    }

    /** The delay before reconnection attempt {@code attempt} (0 for the first). */
    Duration backoff(int attempt, double random) {
        long ceiling = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis((long) (ceiling / 2.0 + random * ceiling / 2.0));
    }
}
