package vigil.storage;

import static vigil.storage.schema.Tables.NODE;
import static vigil.storage.schema.Tables.SITE_EVENT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;

/** What happened on the site, newest first, for the console's log view. Not sealed: it is a log, not evidence. */
public final class SiteEventLog {
    private final DSLContext ctx;
    private final StorageWriter writer;
    private final Nodes nodes;

    SiteEventLog(DSLContext ctx, StorageWriter writer, Nodes nodes) {
        this.ctx = ctx;
        this.writer = writer;
        this.nodes = nodes;
    }

    public CompletableFuture<Void> record(SiteEvent event) {
        return writer.submit((tx, chain) -> {
            tx.insertInto(SITE_EVENT)
                    .set(SITE_EVENT.NODE_ID, event.node() == null ? null : nodes.id(tx, event.node(), event.occurredAt()))
                    .set(SITE_EVENT.KIND, event.kind().name())
                    .set(SITE_EVENT.DETAIL, event.detail())
                    .set(SITE_EVENT.OCCURRED_AT, IncidentStore.time(event.occurredAt().truncatedTo(ChronoUnit.MICROS)))
                    .execute();
            return null;
        });
    }

    /** The newest events from {@code since} on, {@code limit} at most. */
    public List<SiteEvent> since(Instant since, int limit) {
        return ctx.select(SITE_EVENT.KIND, SITE_EVENT.DETAIL, SITE_EVENT.OCCURRED_AT, NODE.HOST, NODE.PORT)
                .from(SITE_EVENT).leftJoin(NODE).on(NODE.ID.eq(SITE_EVENT.NODE_ID))
                .where(SITE_EVENT.OCCURRED_AT.ge(IncidentStore.time(since)))
                .orderBy(SITE_EVENT.OCCURRED_AT.desc(), SITE_EVENT.ID.desc())
                .limit(limit)
                .fetch(r -> new SiteEvent(r.value4() == null ? null : new NodeAddress(r.value4(), r.value5()),
                        SiteEvent.Kind.valueOf(r.value1()), r.value2(), r.value3().toInstant()));
    }
}
