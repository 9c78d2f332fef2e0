package vigil.protocol.link;

import java.time.Duration;

/**
 * How a link behaves. Reconnection backs off exponentially from {@code minBackoff} to
 * {@code maxBackoff}, each delay drawn at random from its upper half so that many consoles do not
 * knock on a restarted node in step.
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
        int maxLineLength) {

    public static final int DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(30), true, 256, DEFAULT_MAX_LINE_LENGTH);
    }

    public LinkSettings withReconnect(boolean reconnect) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands, maxLineLength);
    }

    public LinkSettings withReplyTimeout(Duration replyTimeout) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands, maxLineLength);
    }

    public LinkSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new LinkSettings(connectTimeout, replyTimeout, minBackoff, maxBackoff, reconnect, maxQueuedCommands, maxLineLength);
    }

    /** The delay before reconnection attempt {@code attempt} (0 for the first). */
    Duration backoff(int attempt, double random) {
        long ceiling = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis((long) (ceiling / 2.0 + random * ceiling / 2.0));
    }
}
