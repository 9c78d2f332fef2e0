package vigil.protocol.link;

import java.time.Instant;

/**
 * How a link to a node stands, and since when. A node sends nothing while nothing alarms, so a
 * quiet ONLINE link is a healthy one: only the TCP connection says whether the node is there.
 */
public record LinkState(Status status, String lastError, Instant since) {

    public enum Status { CONNECTING, ONLINE, OFFLINE }

    public static LinkState connecting(String lastError) {
        return new LinkState(Status.CONNECTING, lastError, Instant.now());
    }

    public static LinkState online() {
        return new LinkState(Status.ONLINE, null, Instant.now());
    }

    public static LinkState offline(String lastError) {
        return new LinkState(Status.OFFLINE, lastError, Instant.now());
    }

    public boolean isOnline() {
        return status == Status.ONLINE;
    }

    @Override
    public String toString() {
        return lastError == null ? status.toString() : status + " (" + lastError + ")";
    }
}
