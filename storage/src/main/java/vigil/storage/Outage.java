package vigil.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;

/**
 * Why the store takes no writes for now. Node incidents wait meanwhile, in order: in the spool on
 * the local disk for a shared store, in memory for an embedded store whose own disk is full.
 */
public enum Outage {
    /** The shared store's server cannot be reached, or went away. */
    UNREACHABLE("the shared store cannot be reached"),
    /** No room left on the disk under the store: the embedded store's, or the shared store server's. */
    DISK_FULL("the store's disk is full");

    /** Hears when an outage begins and ends, on the store's writer thread: it must hand its work on. */
    public interface Listener {
        /** {@code reason}: the failure that showed it, in the database's words. */
        void began(Outage outage, Instant at, String reason);

        /** {@code waited}: the node incidents that waited meanwhile, all in the store now. */
        void ended(Outage outage, String reason, Instant since, Instant at, int waited);
    }

    /** H2's "No space available on the disk". */
    private static final int H2_NO_DISK_SPACE = 90100;

    private final String words;

    Outage(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The outage a failure shows, or null when it is a failure of another kind. */
    static Outage of(Throwable e) {
        Outage found = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().contains("No space left on device")) {
                return DISK_FULL;
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() == H2_NO_DISK_SPACE || "53100".equals(sql.getSQLState()))) {
                return DISK_FULL;
            }
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                found = UNREACHABLE; // unless a deeper cause says the disk is full
            }
        }
        return found;
    }

    /** What an outage's end is told as, to the log and on a recorder's stderr. */
    public static String ended(Instant since, Instant at, int waited) {
        return "the store takes writes again after " + Duration.between(since, at).toSeconds() + " s; " + waited
                + (waited == 1 ? " node incident" : " node incidents") + " waited meanwhile, now in the store";
    }

    /** The deepest cause's words, where the system says what happened: "No space left on device", "Connection refused". */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
