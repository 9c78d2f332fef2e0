package vigil.storage;

/** The shared store could not be reached or refused the connection: the reason is in the message. */
public final class SharedStoreUnreachableException extends RuntimeException {
    private final boolean outage;

    public SharedStoreUnreachableException(SharedStore store, Throwable cause) {
        super("cannot reach the shared store " + store + ": " + Outage.reason(cause), cause);
        this.outage = Outage.of(cause) == Outage.UNREACHABLE;
    }

    /** The server is down or cannot be reached (rather than refusing who asked): worth waiting for. */
    public boolean outage() {
        return outage;
    }
}
