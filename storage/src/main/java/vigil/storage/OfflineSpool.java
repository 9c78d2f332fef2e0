package vigil.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.FirstDetection;

/**
 * Node incidents kept while a shared store cannot even be opened (a recorder that starts during an
 * outage): the data directory's spool, each incident forced to disk as it arrives. The store that
 * opens later takes the spool over ({@link Storage#open(Path, SharedStore, OfflineSpool)}) and
 * forwards it in order, ahead of what is recorded after.
 */
public final class OfflineSpool {
    final Spool spool;

    private OfflineSpool(Spool spool) {
        this.spool = spool;
    }

    public static OfflineSpool open(Path directory) {
        return new OfflineSpool(Spool.open(Storage.spoolFile(directory.toAbsolutePath())));
    }

    /** Keeps a first detection, durably, until the store takes it. */
    public void record(NodeAddress node, FirstDetection detection, Instant receivedAt) {
        spool.append(List.of(new Spool.Entry(node, detection, receivedAt.truncatedTo(ChronoUnit.MICROS), List.of())));
    }

    /** How many incidents wait. */
    public int size() {
        return spool.size();
    }

    /** Lets go of the file, when no store will take it over (the recorder stops before the store is back). */
    public void close() {
        spool.close();
    }
}
