package vigil.storage;

import static vigil.storage.schema.Tables.NODE;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;

/**
 * The nodes the store has heard of, by address. Used only on the writer's thread, which keeps their
 * ids and when it last noted them seen, so that recording an incident does not rewrite its node's
 * row each time: {@code last_seen} moves at most once per {@link #SEEN_RESOLUTION}.
 */
final class Nodes {
    static final Duration SEEN_RESOLUTION = Duration.ofSeconds(1);

    private record Known(long id, Instant lastSeen) {
    }

    private final Map<NodeAddress, Known> known = new HashMap<>();

    /** Finds or adds the node inside the writer's transaction, and notes that it was seen. */
    long id(DSLContext tx, NodeAddress node, Instant seen) {
        Known cached = known.get(node);
        if (cached != null && Duration.between(cached.lastSeen(), seen).compareTo(SEEN_RESOLUTION) < 0) {
            return cached.id();
        }
        var time = IncidentStore.time(seen.truncatedTo(ChronoUnit.MICROS));
        // Another recorder of a shared store may add the same node at the same moment: the key decides.
        tx.insertInto(NODE).set(NODE.NAME, node.toString()).set(NODE.HOST, node.host()).set(NODE.PORT, node.port())
                .set(NODE.FIRST_SEEN, time).set(NODE.LAST_SEEN, time).onDuplicateKeyIgnore().execute();
        tx.update(NODE).set(NODE.LAST_SEEN, time)
                .where(NODE.HOST.eq(node.host()), NODE.PORT.eq(node.port()), NODE.LAST_SEEN.lt(time)).execute();
        long id = tx.select(NODE.ID).from(NODE).where(NODE.HOST.eq(node.host()), NODE.PORT.eq(node.port())).fetchSingle().value1();
        known.put(node, new Known(id, seen));
        return id;
    }

    /** After a rolled-back transaction the cache may name rows that were never written. */
    void forget() {
        known.clear();
    }
}
