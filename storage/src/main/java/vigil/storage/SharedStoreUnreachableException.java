package vigil.storage;

/** The shared store could not be reached or refused the connection: the reason is in the message. */
public final class SharedStoreUnreachableException extends RuntimeException {
    private final boolean outage;

    public SharedStoreUnreachableException(SharedStore store, Throwable cause) {
        super("cannot reach the shared store " + store + ": " + rootMessage(cause), cause);
        this.outage = StorageWriter.unreachable(cause);
    }

    /** The server is down or cannot be reached (rather than refusing who asked): worth waiting for. */
    public boolean outage() {
        return outage;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
