package vigil.storage;

import static vigil.storage.schema.Tables.NODE;
import static vigil.storage.schema.Tables.SITE_EVENT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;

/** What happened on the site, newest first, for the console's log view. Not sealed: it is a log, not evidence. */
public final class SiteEventLog {
    private final DSLContext ctx;
    private final StorageWriter writer;
    private final Nodes nodes;
    private final List<Consumer<SiteEvent>> listeners = new CopyOnWriteArrayList<>();

    SiteEventLog(DSLContext ctx, StorageWriter writer, Nodes nodes) {
        this.ctx = ctx;
        this.writer = writer;
        this.nodes = nodes;
    }

    /** Hears of each event once it is durable, on the store's writer thread: it must hand the work on. */
    public void listen(Consumer<SiteEvent> listener) {
        listeners.add(listener);
    }

    public CompletableFuture<Void> record(SiteEvent event) {
        CompletableFuture<Void> written = writer.submit((tx, chain) -> {
            tx.insertInto(SITE_EVENT)
                    .set(SITE_EVENT.NODE_ID, event.node() == null ? null : nodes.id(tx, event.node(), event.occurredAt()))
                    .set(SITE_EVENT.CAMERA, event.camera())
                    .set(SITE_EVENT.KIND, event.kind().name())
                    .set(SITE_EVENT.STATE, event.state())
                    .set(SITE_EVENT.DETAIL, event.detail())
                    .set(SITE_EVENT.OCCURRED_AT, IncidentStore.time(event.occurredAt().truncatedTo(ChronoUnit.MICROS)))
                    .execute();
            return null;
        });
        written.thenRun(() -> listeners.forEach(listener -> listener.accept(event)));
        return written;
    }

    /**
     * The newest events, {@code limit} at most, newest first: from {@code since} (null: the first)
     * until {@code until} (null: now), of the {@code kinds} given (none: every kind), from the node
     * or camera named {@code source} (null: any).
     */
    public List<SiteEvent> find(Instant since, Instant until, Set<SiteEvent.Kind> kinds, String source, int limit) {
        List<Condition> conditions = new ArrayList<>();
        if (since != null) {
            conditions.add(SITE_EVENT.OCCURRED_AT.ge(IncidentStore.time(since)));
        }
        if (until != null) {
            conditions.add(SITE_EVENT.OCCURRED_AT.lt(IncidentStore.time(until)));
        }
        if (!kinds.isEmpty()) {
            conditions.add(SITE_EVENT.KIND.in(kinds.stream().map(Enum::name).toList()));
        }
        if (source != null) {
            conditions.add(fromSource(source));
        }
        return ctx.select(SITE_EVENT.KIND, SITE_EVENT.DETAIL, SITE_EVENT.OCCURRED_AT, NODE.HOST, NODE.PORT, SITE_EVENT.CAMERA,
                        SITE_EVENT.STATE)
                .from(SITE_EVENT).leftJoin(NODE).on(NODE.ID.eq(SITE_EVENT.NODE_ID))
                .where(conditions)
                .orderBy(SITE_EVENT.OCCURRED_AT.desc(), SITE_EVENT.ID.desc())
                .limit(limit)
                .fetch(r -> new SiteEvent(r.value4() == null ? null : new NodeAddress(r.value4(), r.value5()), r.value6(),
                        SiteEvent.Kind.valueOf(r.value1()), r.value7(), r.value2(), r.value3().toInstant()));
    }

    /** A camera by its name, or a node by its address. */
    private static Condition fromSource(String source) {
        Condition camera = SITE_EVENT.CAMERA.eq(source);
        try {
            NodeAddress node = NodeAddress.parse(source);
            return camera.or(NODE.HOST.eq(node.host()).and(NODE.PORT.eq(node.port())));
        } catch (IllegalArgumentException notAnAddress) {
            return camera;
        }
    }
}
