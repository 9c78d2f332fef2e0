package vigil.storage;

import static vigil.storage.schema.Tables.CLIP;
import static vigil.storage.schema.Tables.CLIP_PENDING;
import static vigil.storage.schema.Tables.CLIP_REMOVAL;
import static vigil.storage.schema.Tables.IMAGE;
import static vigil.storage.schema.Tables.INCIDENT;
import static vigil.storage.schema.Tables.INCIDENT_ACTION;
import static vigil.storage.schema.Tables.NODE;
import static vigil.storage.schema.Tables.PRUNED_SUBJECT;
import static vigil.storage.schema.Tables.RETENTION_PRUNE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
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
    private static final Logger LOG = Logger.getLogger(IncidentStore.class.getName());

    /**
     * Hears of incidents once they are durable, on the store's writer thread: it must hand the work
     * on, never do it there (alerts beyond the desk).
     */
    public interface Listener {
        /** A new incident, with its picture. */
        void recorded(Incident incident, Jpeg picture);

        /** An operator acted on an incident; {@code incident} is as the action left it. */
        void acted(Incident incident, IncidentAction action);
    }

    private record Acted(Incident incident, IncidentAction action) {
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final DSLContext ctx;
    private final Engine engine;
    private final StorageWriter writer;
    private final Nodes nodes;
    private final ClipStore clips;
    private volatile OtherDesks.Written ownRows = OtherDesks.Written.NONE;

    IncidentStore(DSLContext ctx, Engine engine, StorageWriter writer, Nodes nodes, ClipStore clips) {
        this.ctx = ctx;
        this.engine = engine;
        writer.recordIncidentsWith(this::recordWrite, this::recorded);
        this.writer = writer;
        this.nodes = nodes;
        this.clips = clips;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    private void tell(Consumer<Listener> news) {
        for (Listener listener : listeners) {
            try {
                news.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener to the incidents failed", e);
            }
        }
    }

    /** From now on, marks what this process writes, so that it is not told back as another desk's. */
    void markWritten(OtherDesks.Written marks) {
        ownRows = marks;
    }

    /**
     * Records a first detection as an incident with its picture, unless the same (node, object,
     * event type) is already recorded (a node that restarts announces its objects again).
     */
    public CompletableFuture<Recorded> record(NodeAddress node, FirstDetection detection, Instant receivedAt) {
        return record(node, detection, receivedAt, List.of());
    }

    /**
     * Records a first detection as above and, in the same transaction, notes each of
     * {@code clipCameras} as owing the new incident a clip ({@link ClipStore#pending}), so that a
     * crash right after the incident cannot leave its clips unaccounted for. While a shared store
     * cannot be reached the incident waits in the spool, and the future completes once it is in the
     * store.
     */
    public CompletableFuture<Recorded> record(NodeAddress node, FirstDetection detection, Instant receivedAt, List<String> clipCameras) {
        return writer.submitIncident(new Spool.Entry(node, detection, receivedAt.truncatedTo(ChronoUnit.MICROS), List.copyOf(clipCameras)));
    }

    /** How many incidents wait in the spool for a shared store that cannot be reached; any thread. */
    public int spooled() {
        return writer.spooled();
    }

    private StorageWriter.Write<Recorded> recordWrite(Spool.Entry entry) {
        NodeAddress node = entry.node();
        FirstDetection detection = entry.detection();
        Instant received = entry.receivedAt();
        return (tx, chain) -> {
            long nodeId = nodes.id(tx, node, received);
            String sha256 = storeImage(tx, detection.image());
            IncidentRecord row = tx.newRecord(INCIDENT);
            row.setNodeId(nodeId);
            row.setEventType(IncidentType.of(detection.eventType()).name());
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
            row.setPriority(IncidentType.of(detection.eventType()).priority());
            row.setEvidenceHold(false);
            long id = insert(tx, row);
            if (id == ALREADY_RECORDED) {
                // The same (node, object, event type) again, as after a node restart or from another
                // recorder of the same node: rare, so the unique key finds it rather than a look-up
                // before every insert, and the rest of the batch stands. The repeat's picture, new if
                // the node cropped it again, belongs to no incident: it goes too.
                removeUnlinkedImage(tx, sha256);
                IncidentRecord existing = tx.selectFrom(INCIDENT)
                        .where(INCIDENT.NODE_ID.eq(nodeId), INCIDENT.OBJECT_ID.eq(detection.objectId()),
                                INCIDENT.EVENT_TYPE.eq(detection.eventType().name()))
                        .fetchOne();
                return new Recorded(incident(existing, node), false);
            }
            row.setId(id);
            ownRows.incident().accept(id);
            chain.seal(tx, AuditChain.Kind.INCIDENT, row.getId(), AuditVerifier.canonical(row));
            for (String camera : entry.clipCameras()) {
                ClipStore.pending(tx, row.getId(), camera, received);
            }
            return new Recorded(incident(row, node), true);
        };
    }

    /** Each incident once it is in the store, straight or through the spool. */
    private void recorded(Spool.Entry entry, Recorded recorded) {
        if (recorded.isNew()) {
            tell(listener -> listener.recorded(recorded.incident(), entry.detection().image()));
        }
    }

    /**
     * Records an operator's report from {@code camera} at {@code at}, with the camera's picture of that
     * moment: an incident no node sent. In the same transaction the camera is noted as owing it a clip.
     */
    public CompletableFuture<Incident> report(String camera, Area zone, String operator, Jpeg picture, Instant at) {
        Instant received = at.truncatedTo(ChronoUnit.MICROS);
        CompletableFuture<Incident> written = writer.submit((tx, chain) -> {
            IncidentRecord row = tx.newRecord(INCIDENT);
            row.setEventType(IncidentType.OPERATOR.name());
            row.setObjectId(0L);
            row.setObjectClass(ObjectClass.UNKNOWN.name());
            row.setMapX(0);
            row.setMapY(0);
            row.setZone(zone.isZone() ? zone.name() : Area.UNKNOWN.name());
            row.setNodeTimestampText("");
            row.setReceivedAt(time(received));
            row.setImageSha256(storeImage(tx, picture));
            row.setState(IncidentState.NEW.name());
            row.setPriority(IncidentType.OPERATOR.priority());
            row.setEvidenceHold(false);
            row.setCamera(camera);
            row.setReportedBy(operator);
            row.setId(insert(tx, row)); // a report has no key to repeat
            ownRows.incident().accept(row.getId());
            chain.seal(tx, AuditChain.Kind.INCIDENT, row.getId(), AuditVerifier.canonical(row));
            ClipStore.pending(tx, row.getId(), camera, received);
            return incident(row, null);
        });
        written.thenAccept(incident -> tell(listener -> listener.recorded(incident, picture)));
        return written;
    }

    private static final long ALREADY_RECORDED = 0; // ids start at 1
    private static final String INSERT_INCIDENT = "INSERT INTO incident (node_id, event_type, object_id, object_class,"
            + " map_x, map_y, zone, node_timestamp_text, node_time, received_at, rescue_level, image_sha256, state, priority,"
            + " evidence_hold, camera, reported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Inserts an incident and returns its id, or {@link #ALREADY_RECORDED}. Constant SQL on the transaction's connection, not the
     * DSL: this runs for every incident, and jOOQ's work around it was a quarter of the writer's
     * time in a profile (docs/BENCHMARKS.md). The row was built as a generated record all the same.
     */
    private long insert(DSLContext tx, IncidentRecord row) {
        return tx.connectionResult(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(engine.unlessPresent(INSERT_INCIDENT), new String[] {"id"})) {
                insert.setObject(1, row.getNodeId(), Types.BIGINT);
                insert.setString(2, row.getEventType());
                insert.setLong(3, row.getObjectId());
                insert.setString(4, row.getObjectClass());
                insert.setInt(5, row.getMapX());
                insert.setInt(6, row.getMapY());
                insert.setString(7, row.getZone());
                insert.setString(8, row.getNodeTimestampText());
                insert.setObject(9, row.getNodeTime(), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setObject(10, row.getReceivedAt(), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setObject(11, row.getRescueLevel(), Types.INTEGER);
                insert.setString(12, row.getImageSha256());
                insert.setString(13, row.getState());
                insert.setInt(14, row.getPriority());
                insert.setBoolean(15, row.getEvidenceHold());
                insert.setString(16, row.getCamera());
                insert.setString(17, row.getReportedBy());
                if (engine.insertUnlessPresent(insert) == 0) {
                    return ALREADY_RECORDED;
                }
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Appends an operator's action to an incident's history and moves its state accordingly. */
    public CompletableFuture<Incident> act(long incidentId, ActionKind kind, String operator, String note) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CompletableFuture<Acted> written = writer.submit((tx, chain) -> {
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
            ownRows.action().accept(action.getId());
            chain.seal(tx, AuditChain.Kind.ACTION, action.getId(), AuditVerifier.canonical(action));
            if (!next.name().equals(incident.getState())) {
                incident.setState(next.name());
            }
            if (kind == ActionKind.EXPORT) {
                incident.setEvidenceHold(true); // what was handed over as evidence is never pruned
            }
            incident.store();
            return new Acted(incident(incident, nodeAddress(tx, incident.getNodeId())),
                    new IncidentAction(action.getId(), incidentId, kind, note, operator, now));
        });
        return written.thenApply(acted -> {
            tell(listener -> listener.acted(acted.incident(), acted.action()));
            return acted.incident();
        });
    }

    public Optional<Incident> find(long incidentId) {
        IncidentRecord row = ctx.selectFrom(INCIDENT).where(INCIDENT.ID.eq(incidentId)).fetchOne();
        return Optional.ofNullable(row).map(this::incident);
    }

    Incident incident(IncidentRecord row) {
        return incident(row, nodeAddress(ctx, row.getNodeId()));
    }

    /** An incident's history, oldest first. */
    public List<IncidentAction> actions(long incidentId) {
        return ctx.selectFrom(INCIDENT_ACTION).where(INCIDENT_ACTION.INCIDENT_ID.eq(incidentId))
                .orderBy(INCIDENT_ACTION.ID)
                .fetch(IncidentStore::action);
    }

    /** Who acknowledged each of {@code incidentIds} (the last to, where several did); those nobody has are absent. */
    public Map<Long, String> acknowledgers(Collection<Long> incidentIds) {
        Map<Long, String> acknowledgers = new HashMap<>();
        if (!incidentIds.isEmpty()) {
            ctx.select(INCIDENT_ACTION.INCIDENT_ID, INCIDENT_ACTION.OPERATOR).from(INCIDENT_ACTION)
                    .where(INCIDENT_ACTION.INCIDENT_ID.in(incidentIds), INCIDENT_ACTION.ACTION.eq(ActionKind.ACKNOWLEDGE.name()))
                    .orderBy(INCIDENT_ACTION.ID)
                    .forEach(row -> acknowledgers.put(row.value1(), row.value2()));
        }
        return acknowledgers;
    }

    static IncidentAction action(IncidentActionRecord r) {
        return new IncidentAction(r.getId(), r.getIncidentId(), ActionKind.valueOf(r.getAction()), r.getNote(), r.getOperator(),
                r.getActedAt().toInstant());
    }

    public Optional<Jpeg> image(String sha256) {
        return ctx.select(IMAGE.BYTES).from(IMAGE).where(IMAGE.SHA256.eq(sha256))
                .fetchOptional(IMAGE.BYTES).map(Jpeg::wrapOwned);
    }

    public int count() {
        return ctx.fetchCount(INCIDENT);
    }

    /**
     * Incidents matching {@code query}, newest first, {@code limit} at most, after {@code after}
     * (null: from the newest). Written so that H2 walks an index in order and stops at the limit:
     * no join (nodes are resolved from a small map), and a cursor condition with a range start.
     */
    public IncidentPage search(IncidentQuery query, IncidentPage.Cursor after, int limit) {
        Condition where = conditionOf(query, after == null);
        if (after != null) {
            // One upper bound only, so that H2 starts its index range there: the cursor, or the
            // query's end when that comes first (the cursor's tie on the id cannot matter then).
            if (query.until() != null && !query.until().isAfter(after.receivedAt())) {
                where = where.and(INCIDENT.RECEIVED_AT.lt(time(query.until())));
            } else {
                OffsetDateTime time = time(after.receivedAt());
                where = where.and(INCIDENT.RECEIVED_AT.le(time))
                        .and(INCIDENT.RECEIVED_AT.lt(time).or(INCIDENT.ID.lt(after.id())));
            }
        }
        Map<Long, NodeAddress> nodes = nodes();
        List<org.jooq.SortField<?>> order = new ArrayList<>(3);
        Field<String> pinned = pinnedColumn(query);
        if (pinned != null) {
            // H2 reads an index in order only when the ORDER BY starts with the index's columns; a
            // column pinned to one value by the filter changes nothing in the order, so name it.
            order.add(pinned.asc());
        }
        order.add(INCIDENT.RECEIVED_AT.desc());
        order.add(INCIDENT.ID.desc());
        List<Incident> rows = ctx.selectFrom(INCIDENT)
                .where(where)
                .orderBy(order)
                .limit(limit + 1)
                .fetch(row -> incident(row, nodes.get(row.getNodeId())));
        if (rows.size() <= limit) {
            return new IncidentPage(rows, null);
        }
        List<Incident> page = rows.subList(0, limit);
        Incident last = page.getLast();
        return new IncidentPage(List.copyOf(page), new IncidentPage.Cursor(last.receivedAt(), last.id()));
    }

    /**
     * The filter column pinned to one value whose index H2 should walk, or null. The state comes
     * first: open states are few, and every other filter matches about one row in eight of any
     * state, so a page is found after a few hundred rows whatever the mix.
     */
    private static Field<String> pinnedColumn(IncidentQuery query) {
        if (query.states().size() == 1) {
            return INCIDENT.STATE;
        }
        if (query.types().size() == 1) {
            return INCIDENT.EVENT_TYPE;
        }
        if (query.zones().size() == 1) {
            return INCIDENT.ZONE;
        }
        return query.classes().size() == 1 ? INCIDENT.OBJECT_CLASS : null;
    }

    private Map<Long, NodeAddress> nodes() {
        Map<Long, NodeAddress> nodes = new HashMap<>();
        ctx.select(NODE.ID, NODE.HOST, NODE.PORT).from(NODE)
                .forEach(r -> nodes.put(r.value1(), new NodeAddress(r.value2(), r.value3())));
        return nodes;
    }

    /** How many incidents match {@code query}, by zone, by class and by hour (UTC). */
    public Statistics statistics(IncidentQuery query) {
        Condition where = conditionOf(query);
        Map<Area, Long> byZone = new EnumMap<>(Area.class);
        ctx.select(INCIDENT.ZONE, DSL.count()).from(INCIDENT)
                .where(where).groupBy(INCIDENT.ZONE)
                .forEach(r -> byZone.put(Area.valueOf(r.value1()), r.value2().longValue()));
        Map<ObjectClass, Long> byClass = new EnumMap<>(ObjectClass.class);
        ctx.select(INCIDENT.OBJECT_CLASS, DSL.count()).from(INCIDENT)
                .where(where).groupBy(INCIDENT.OBJECT_CLASS)
                .forEach(r -> byClass.put(ObjectClass.valueOf(r.value1()), r.value2().longValue()));
        Field<OffsetDateTime> hour = DSL.field("DATE_TRUNC('HOUR', {0})", OffsetDateTime.class, INCIDENT.RECEIVED_AT);
        Map<Instant, Long> byHour = new LinkedHashMap<>();
        ctx.select(hour, DSL.count()).from(INCIDENT)
                .where(where).groupBy(hour).orderBy(hour)
                .forEach(r -> byHour.put(r.value1().toInstant(), r.value2().longValue()));
        return new Statistics(byZone, byClass, byHour);
    }

    /** Counts of incidents for the statistics view. */
    public record Statistics(Map<Area, Long> byZone, Map<ObjectClass, Long> byClass, Map<Instant, Long> byHour) {
    }

    /**
     * Removes resolved and false-alarm incidents received before {@code olderThan} (never open ones,
     * never ones on evidence hold), their actions, their clips and clips' files, and pictures no
     * other incident shows. The prune is sealed in the audit chain with every row it removed.
     * Returns how many incidents went.
     */
    public CompletableFuture<Integer> prune(Instant olderThan) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = olderThan.truncatedTo(ChronoUnit.MICROS);
        List<String> clipFiles = new ArrayList<>();
        return writer.submit((tx, chain) -> {
            clipFiles.clear(); // a batch retried alone runs its write again
            List<Long> incidents = tx.select(INCIDENT.ID).from(INCIDENT)
                    .where(INCIDENT.STATE.in(IncidentState.RESOLVED.name(), IncidentState.FALSE_ALARM.name()),
                            INCIDENT.EVIDENCE_HOLD.isFalse(), INCIDENT.RECEIVED_AT.lt(time(cutoff)))
                    .orderBy(INCIDENT.ID) // the sealed list of what went is in id order, as verification reads it
                    .fetch(INCIDENT.ID);
            if (incidents.isEmpty()) {
                return 0;
            }
            List<Long> actions = tx.select(INCIDENT_ACTION.ID).from(INCIDENT_ACTION)
                    .where(INCIDENT_ACTION.INCIDENT_ID.in(incidents)).orderBy(INCIDENT_ACTION.ID).fetch(INCIDENT_ACTION.ID);
            var clipRows = tx.select(CLIP.ID, CLIP.SHA256).from(CLIP).where(CLIP.INCIDENT_ID.in(incidents)).orderBy(CLIP.ID).fetch();
            List<Long> clipIds = clipRows.map(r -> r.value1());
            clipRows.forEach(r -> {
                if (r.value2() != null) {
                    clipFiles.add(r.value2());
                }
            });
            List<Long> removals = tx.select(CLIP_REMOVAL.ID).from(CLIP_REMOVAL).where(CLIP_REMOVAL.CLIP_ID.in(clipIds))
                    .orderBy(CLIP_REMOVAL.ID).fetch(CLIP_REMOVAL.ID);
            var prune = tx.newRecord(RETENTION_PRUNE);
            prune.setPrunedAt(time(now));
            prune.setOlderThan(time(cutoff));
            prune.setIncidentCount(incidents.size());
            prune.store();
            List<String> removed = new ArrayList<>();
            // in the order verification lists them: by kind name, descending, then by id
            for (var kindAndIds : List.of(Map.entry(AuditChain.Kind.INCIDENT, incidents), Map.entry(AuditChain.Kind.CLIP_REMOVAL, removals),
                    Map.entry(AuditChain.Kind.CLIP, clipIds), Map.entry(AuditChain.Kind.ACTION, actions))) {
                for (long id : kindAndIds.getValue()) {
                    tx.insertInto(PRUNED_SUBJECT).set(PRUNED_SUBJECT.KIND, kindAndIds.getKey().name())
                            .set(PRUNED_SUBJECT.SUBJECT_ID, id).set(PRUNED_SUBJECT.PRUNE_ID, prune.getId()).execute();
                    removed.add(AuditVerifier.prunedPrefix(kindAndIds.getKey()) + id);
                }
            }
            chain.seal(tx, AuditChain.Kind.PRUNE, prune.getId(),
                    AuditChain.canonical(prune.getId(), now, cutoff, String.join(",", removed)));
            tx.deleteFrom(CLIP_PENDING).where(CLIP_PENDING.INCIDENT_ID.in(incidents)).execute();
            tx.deleteFrom(CLIP_REMOVAL).where(CLIP_REMOVAL.ID.in(removals)).execute();
            tx.deleteFrom(CLIP).where(CLIP.ID.in(clipIds)).execute();
            tx.deleteFrom(INCIDENT_ACTION).where(INCIDENT_ACTION.ID.in(actions)).execute();
            tx.deleteFrom(INCIDENT).where(INCIDENT.ID.in(incidents)).execute();
            tx.deleteFrom(IMAGE).where(DSL.notExists(
                    DSL.selectOne().from(INCIDENT).where(INCIDENT.IMAGE_SHA256.eq(IMAGE.SHA256)))).execute();
            return incidents.size();
        }).thenApply(pruned -> {
            clips.deleteUnlinked(clipFiles);
            return pruned;
        });
    }

    /** {@code = value} for one value (H2 then walks that column's index in time order), {@code IN} for more. */
    private static void oneOf(List<Condition> conditions, Field<String> column, java.util.Set<? extends Enum<?>> values) {
        if (values.size() == 1) {
            conditions.add(column.eq(values.iterator().next().name()));
        } else if (!values.isEmpty()) {
            conditions.add(column.in(values.stream().map(Enum::name).toList()));
        }
    }

    private static Condition conditionOf(IncidentQuery query) {
        return conditionOf(query, true);
    }

    private static Condition conditionOf(IncidentQuery query, boolean withUntil) {
        List<Condition> conditions = new ArrayList<>();
        if (query.since() != null) {
            conditions.add(INCIDENT.RECEIVED_AT.ge(time(query.since())));
        }
        if (query.until() != null && withUntil) {
            conditions.add(INCIDENT.RECEIVED_AT.lt(time(query.until())));
        }
        oneOf(conditions, INCIDENT.EVENT_TYPE, query.types());
        oneOf(conditions, INCIDENT.OBJECT_CLASS, query.classes());
        oneOf(conditions, INCIDENT.ZONE, query.zones());
        oneOf(conditions, INCIDENT.STATE, query.states());
        if (query.node() != null) {
            conditions.add(INCIDENT.NODE_ID.in(DSL.select(NODE.ID).from(NODE)
                    .where(NODE.HOST.eq(query.node().host()), NODE.PORT.eq(query.node().port()))));
        }
        if (query.noteText() != null && !query.noteText().isBlank()) { // notes are few: find them once, not per incident
            conditions.add(INCIDENT.ID.in(DSL.select(INCIDENT_ACTION.INCIDENT_ID).from(INCIDENT_ACTION)
                    .where(INCIDENT_ACTION.NOTE.containsIgnoreCase(query.noteText().strip()))));
        }
        return DSL.and(conditions);
    }


    private static void removeUnlinkedImage(DSLContext tx, String sha256) {
        tx.deleteFrom(IMAGE).where(IMAGE.SHA256.eq(sha256),
                DSL.notExists(DSL.selectOne().from(INCIDENT).where(INCIDENT.IMAGE_SHA256.eq(sha256)))).execute();
    }

    /**
     * Stores a picture under its hash. Crops are almost never sent twice, so it is simply inserted,
     * and the key turns away a repeat. The bytes go to the database as a stream over the decoder's
     * array: the JPEG is not copied again on its way in.
     */
    private String storeImage(DSLContext tx, Jpeg image) {
        String sha256 = image.sha256Hex();
        tx.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(engine.unlessPresent("INSERT INTO image (sha256, size, bytes) VALUES (?, ?, ?)"));
                 InputStream bytes = image.openStream()) {
                insert.setString(1, sha256);
                insert.setInt(2, image.size());
                insert.setBinaryStream(3, bytes, image.size());
                engine.insertUnlessPresent(insert);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return sha256;
    }

    private static NodeAddress nodeAddress(DSLContext ctx, Long nodeId) {
        if (nodeId == null) {
            return null; // an operator's report
        }
        var node = ctx.select(NODE.HOST, NODE.PORT).from(NODE).where(NODE.ID.eq(nodeId)).fetchOne();
        return new NodeAddress(node.value1(), node.value2());
    }

    static Incident incident(IncidentRecord r, NodeAddress node) {
        return new Incident(r.getId(), node, IncidentType.valueOf(r.getEventType()), r.getObjectId(),
                ObjectClass.valueOf(r.getObjectClass()), r.getMapX(), r.getMapY(), Area.valueOf(r.getZone()),
                new NodeTimestamp(r.getNodeTimestampText(), r.getNodeTime() == null ? null : r.getNodeTime().toInstant()),
                r.getReceivedAt().toInstant(), r.getRescueLevel(), r.getImageSha256(), IncidentState.valueOf(r.getState()),
                r.getEvidenceHold(), r.getCamera(), r.getReportedBy());
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
