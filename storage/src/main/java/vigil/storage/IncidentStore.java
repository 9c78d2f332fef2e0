package vigil.storage;

import static vigil.storage.schema.Tables.IMAGE;
import static vigil.storage.schema.Tables.INCIDENT;
import static vigil.storage.schema.Tables.INCIDENT_ACTION;
import static vigil.storage.schema.Tables.NODE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.schema.tables.records.IncidentActionRecord;
import vigil.storage.schema.tables.records.IncidentRecord;

/**
 * Incidents, their pictures and their histories. Writes go through the storage writer and are
 * durable when their future completes; reads run on the caller's thread.
 */
public final class IncidentStore {
    private final DSLContext ctx;
    private final StorageWriter writer;

    IncidentStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /**
     * Records a first detection as an incident with its picture, unless the same (node, object,
     * event type) is already recorded (a node that restarts announces its objects again).
     */
    public CompletableFuture<Recorded> record(NodeAddress node, FirstDetection detection, Instant receivedAt) {
        Instant received = receivedAt.truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> {
            long nodeId = nodeId(tx, node, received);
            IncidentRecord existing = tx.selectFrom(INCIDENT)
                    .where(INCIDENT.NODE_ID.eq(nodeId), INCIDENT.OBJECT_ID.eq(detection.objectId()),
                            INCIDENT.EVENT_TYPE.eq(detection.eventType().name()))
                    .fetchOne();
            if (existing != null) {
                return new Recorded(incident(existing, node), false);
            }
            String sha256 = storeImage(tx, detection.image());
            IncidentRecord row = tx.newRecord(INCIDENT);
            row.setNodeId(nodeId);
            row.setEventType(detection.eventType().name());
            row.setObjectId(detection.objectId());
            row.setObjectClass(detection.objectClass().name());
            row.setMapX(detection.x());
            row.setMapY(detection.y());
            row.setZone(detection.area().isZone() ? detection.area().name() : Area.UNKNOWN.name());
            row.setNodeTimestampText(detection.timestamp().text());
            row.setNodeTime(time(detection.timestamp().instant()));
            row.setReceivedAt(time(received));
            row.setRescueLevel(detection.rescueLevel());
            row.setImageSha256(sha256);
            row.setState(IncidentState.NEW.name());
            row.setPriority(Incident.priorityOf(detection.eventType()));
            row.setEvidenceHold(false);
            row.store();
            chain.seal(tx, AuditChain.Kind.INCIDENT, row.getId(), AuditVerifier.canonical(row));
            return new Recorded(incident(row, node), true);
        });
    }

    /** Appends an operator's action to an incident's history and moves its state accordingly. */
    public CompletableFuture<Incident> act(long incidentId, ActionKind kind, String operator, String note) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> {
            IncidentRecord incident = tx.selectFrom(INCIDENT).where(INCIDENT.ID.eq(incidentId)).fetchOne();
            if (incident == null) {
                throw new IllegalArgumentException("no incident " + incidentId);
            }
            IncidentState next = kind.apply(IncidentState.valueOf(incident.getState()));
            IncidentActionRecord action = tx.newRecord(INCIDENT_ACTION);
            action.setIncidentId(incidentId);
            action.setAction(kind.name());
            action.setNote(note);
            action.setOperator(operator);
            action.setActedAt(time(now));
            action.store();
            chain.seal(tx, AuditChain.Kind.ACTION, action.getId(), AuditVerifier.canonical(action));
            if (!next.name().equals(incident.getState())) {
                incident.setState(next.name());
                incident.store();
            }
            return incident(incident, nodeAddress(tx, incident.getNodeId()));
        });
    }

    public Optional<Incident> find(long incidentId) {
        IncidentRecord row = ctx.selectFrom(INCIDENT).where(INCIDENT.ID.eq(incidentId)).fetchOne();
        return Optional.ofNullable(row).map(r -> incident(r, nodeAddress(ctx, r.getNodeId())));
    }

    /** An incident's history, oldest first. */
    public List<IncidentAction> actions(long incidentId) {
        return ctx.selectFrom(INCIDENT_ACTION).where(INCIDENT_ACTION.INCIDENT_ID.eq(incidentId))
                .orderBy(INCIDENT_ACTION.ID)
                .fetch(r -> new IncidentAction(r.getId(), r.getIncidentId(), ActionKind.valueOf(r.getAction()),
                        r.getNote(), r.getOperator(), r.getActedAt().toInstant()));
    }

    public Optional<Jpeg> image(String sha256) {
        return ctx.select(IMAGE.BYTES).from(IMAGE).where(IMAGE.SHA256.eq(sha256))
                .fetchOptional(IMAGE.BYTES).map(Jpeg::wrapOwned);
    }

    public int count() {
        return ctx.fetchCount(INCIDENT);
    }

    /** Finds or adds the node, and notes that it was seen now. */
    private static long nodeId(DSLContext tx, NodeAddress node, Instant seen) {
        var row = tx.selectFrom(NODE).where(NODE.HOST.eq(node.host()), NODE.PORT.eq(node.port())).fetchOne();
        if (row == null) {
            row = tx.newRecord(NODE);
            row.setName(node.toString());
            row.setHost(node.host());
            row.setPort(node.port());
            row.setFirstSeen(time(seen));
        }
        row.setLastSeen(time(seen));
        row.store();
        return row.getId();
    }

    /**
     * Stores a picture under its hash unless it is there already. The bytes go to H2 as a stream
     * over the decoder's array: the JPEG is not copied again on its way in.
     */
    private static String storeImage(DSLContext tx, Jpeg image) {
        String sha256 = image.sha256Hex();
        if (tx.fetchExists(IMAGE, IMAGE.SHA256.eq(sha256))) {
            return sha256;
        }
        tx.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO image (sha256, size, bytes) VALUES (?, ?, ?)");
                 InputStream bytes = image.openStream()) {
                insert.setString(1, sha256);
                insert.setInt(2, image.size());
                insert.setBinaryStream(3, bytes, image.size());
                insert.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return sha256;
    }

    private static NodeAddress nodeAddress(DSLContext ctx, long nodeId) {
        var node = ctx.select(NODE.HOST, NODE.PORT).from(NODE).where(NODE.ID.eq(nodeId)).fetchOne();
        return new NodeAddress(node.value1(), node.value2());
    }

    static Incident incident(IncidentRecord r, NodeAddress node) {
        return new Incident(r.getId(), node, EventType.valueOf(r.getEventType()), r.getObjectId(),
                ObjectClass.valueOf(r.getObjectClass()), r.getMapX(), r.getMapY(), Area.valueOf(r.getZone()),
                new NodeTimestamp(r.getNodeTimestampText(), r.getNodeTime() == null ? null : r.getNodeTime().toInstant()),
                r.getReceivedAt().toInstant(), r.getRescueLevel(), r.getImageSha256(), IncidentState.valueOf(r.getState()),
                r.getEvidenceHold());
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
