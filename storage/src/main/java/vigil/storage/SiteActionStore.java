package vigil.storage;

import static vigil.storage.schema.Tables.SITE_ACTION;
import static vigil.storage.schema.Tables.SITE_ACTION_RUN;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import vigil.storage.schema.tables.records.SiteActionRecord;
import vigil.storage.schema.tables.records.SiteActionRunRecord;

/**
 * Actions on the site, by name, and each time one ran (sealed in the audit chain). Writes go through
 * the storage writer; reads run on the caller's thread.
 */
public final class SiteActionStore {
    private static final int LONGEST_OUTCOME = 1000;

    private final DSLContext ctx;
    private final StorageWriter writer;

    SiteActionStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /** Adds an action, {@code by} an operator (sealed in the operator log); fails when the name is taken. */
    public CompletableFuture<SiteAction> add(SiteAction action, String by) {
        return writer.submit((tx, chain) -> {
            SiteActionRecord row = tx.newRecord(SITE_ACTION);
            row.setName(action.name());
            row.setKind(action.kind().name());
            row.setHttpMethod(action.kind() == SiteAction.Kind.HTTP ? action.method() : null);
            row.setUrl(action.url());
            row.setBody(action.body());
            row.setUsername(action.username());
            row.setPassword(action.password());
            row.setTargetName(action.target());
            row.setTopic(action.topic());
            try {
                row.store();
            } catch (IntegrityConstraintViolationException taken) {
                throw new IllegalArgumentException("there is already an action named '" + action.name() + "'");
            }
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.SITE_ACTION_ADDED, action.name(), action.toString(),
                    Instant.now()));
            return action;
        });
    }

    /** Removes an action, {@code by} an operator; its runs stay. Completes with whether there was one. */
    public CompletableFuture<Boolean> remove(String name, String by) {
        return writer.submit((tx, chain) -> {
            boolean removed = tx.deleteFrom(SITE_ACTION).where(SITE_ACTION.NAME.eq(name)).execute() > 0;
            if (removed) {
                OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.SITE_ACTION_REMOVED, name, null, Instant.now()));
            }
            return removed;
        });
    }

    public List<SiteAction> list() {
        return ctx.selectFrom(SITE_ACTION).orderBy(SITE_ACTION.NAME).fetch(SiteActionStore::action);
    }

    public Optional<SiteAction> find(String name) {
        return ctx.selectFrom(SITE_ACTION).where(SITE_ACTION.NAME.eq(name)).fetchOptional(SiteActionStore::action);
    }

    /** Records that an action ran, sealed; completes with the run once durable. */
    public CompletableFuture<SiteActionRun> ran(String action, String operator, Long incidentId, boolean ok, String outcome) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String words = outcome.length() <= LONGEST_OUTCOME ? outcome : outcome.substring(0, LONGEST_OUTCOME);
        return writer.submit((tx, chain) -> {
            SiteActionRunRecord row = tx.newRecord(SITE_ACTION_RUN);
            row.setActionName(action);
            row.setOperator(operator);
            row.setIncidentId(incidentId);
            row.setRanAt(IncidentStore.time(now));
            row.setOk(ok);
            row.setOutcome(words);
            row.store();
            chain.seal(tx, AuditChain.Kind.SITE_ACTION_RUN, row.getId(), AuditVerifier.canonical(row));
            return run(row);
        });
    }

    /** The newest runs, {@code limit} at most, newest first. */
    public List<SiteActionRun> runs(int limit) {
        return ctx.selectFrom(SITE_ACTION_RUN).orderBy(SITE_ACTION_RUN.RAN_AT.desc(), SITE_ACTION_RUN.ID.desc()).limit(limit)
                .fetch(SiteActionStore::run);
    }

    private static SiteAction action(SiteActionRecord row) {
        return new SiteAction(row.getName(), SiteAction.Kind.valueOf(row.getKind()), row.getHttpMethod(), row.getUrl(), row.getBody(),
                row.getUsername(), row.getPassword(), row.getTargetName(), row.getTopic());
    }

    private static SiteActionRun run(SiteActionRunRecord row) {
        return new SiteActionRun(row.getId(), row.getActionName(), row.getOperator(), row.getIncidentId(), row.getRanAt().toInstant(),
                row.getOk(), row.getOutcome());
    }
}
