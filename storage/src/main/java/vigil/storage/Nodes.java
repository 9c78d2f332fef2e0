package vigil.storage;

import static vigil.storage.schema.Tables.NODE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;

/** The nodes the store has heard of, by address. */
final class Nodes {

    private Nodes() {
    }

    /** Finds or adds the node inside the writer's transaction, and notes that it was seen. */
    static long id(DSLContext tx, NodeAddress node, Instant seen) {
        var time = IncidentStore.time(seen.truncatedTo(ChronoUnit.MICROS));
        var row = tx.selectFrom(NODE).where(NODE.HOST.eq(node.host()), NODE.PORT.eq(node.port())).fetchOne();
        if (row == null) {
            row = tx.newRecord(NODE);
            row.setName(node.toString());
            row.setHost(node.host());
            row.setPort(node.port());
            row.setFirstSeen(time);
        }
        if (row.getLastSeen() == null || row.getLastSeen().isBefore(time)) {
            row.setLastSeen(time);
        }
        row.store();
        return row.getId();
    }
}
