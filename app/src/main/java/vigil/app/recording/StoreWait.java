package vigil.app.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeMessage;
import vigil.storage.OfflineSpool;
import vigil.storage.SharedStore;
import vigil.storage.SharedStoreUnreachableException;
import vigil.storage.Storage;

/**
 * A shared store that cannot be opened at the start stops neither a recorder nor a console: the
 * nodes' first detections go to the offline spool in the data directory, each forced to disk as it
 * arrives, and the store is tried every {@link #RETRY}; the store that opens takes the spool over and
 * forwards it first, in order. What was spooled when the wait is given up stays for the next start.
 * Detections arrive on the links' event loops; the tries run on the waiting thread.
 */
public final class StoreWait {
    public static final Duration RETRY = Duration.ofSeconds(2);

    private final Path directory;
    private final SharedStore shared;
    private final OfflineSpool spool;

    public StoreWait(Path directory, SharedStore shared) {
        this.directory = directory;
        this.shared = shared;
        this.spool = OfflineSpool.open(directory);
    }

    /** Keeps a node's first detection in the spool; nothing else is recorded while the store is away. */
    public void onMessage(NodeLink link, NodeMessage message) {
        if (message instanceof FirstDetection detection) {
            spool.record(link.address(), detection, Instant.now());
        }
    }

    /** How many incidents wait in the spool. */
    public int waiting() {
        return spool.size();
    }

    /**
     * The store, which takes the spool over, or empty while it is still unreachable; a refusal that
     * waiting will not mend (a wrong password, no such database) is thrown.
     */
    public Optional<Storage> tryOpen() {
        try {
            return Optional.of(Storage.open(directory, shared, spool));
        } catch (SharedStoreUnreachableException still) {
            if (!still.outage()) {
                throw still;
            }
            return Optional.empty();
        }
    }

    /** Stops waiting without a store: the spool stays in the data directory for the next start. */
    public void giveUp() {
        spool.close();
    }
}
