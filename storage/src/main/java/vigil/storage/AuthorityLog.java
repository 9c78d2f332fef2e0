package vigil.storage;

import static vigil.storage.schema.Tables.AUTHORITY_CHANGE;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import vigil.protocol.wire.AuthorityLevel;

/** Every attempt to change a node's zone levels, sealed in the audit chain. */
public final class AuthorityLog {
    private final DSLContext ctx;
    private final StorageWriter writer;
    private final Nodes nodes;

    AuthorityLog(DSLContext ctx, StorageWriter writer, Nodes nodes) {
        this.ctx = ctx;
        this.writer = writer;
        this.nodes = nodes;
    }

    public CompletableFuture<Long> record(AuthorityChange change) {
        return writer.submit((tx, chain) -> {
            var row = tx.newRecord(AUTHORITY_CHANGE);
            row.setNodeId(nodes.id(tx, change.node(), change.askedAt()));
            row.setLevelsBefore(change.before() == null ? null : digits(change.before()));
            row.setLevelsAfter(digits(change.after()));
            row.setOperator(change.operator());
            row.setAskedAt(IncidentStore.time(change.askedAt().truncatedTo(ChronoUnit.MICROS)));
            row.setOutcome(change.outcome().name());
            row.setErrorCode(change.errorCode());
            row.store();
            chain.seal(tx, AuditChain.Kind.AUTHORITY, row.getId(), AuditVerifier.canonical(row));
            return row.getId();
        });
    }

    public int count() {
        return ctx.fetchCount(AUTHORITY_CHANGE);
    }

    /** Levels in zone order as the eight digits of the wire ({@code 22332221}). */
    static String digits(List<AuthorityLevel> levels) {
        return levels.stream().map(level -> Integer.toString(level.code())).collect(Collectors.joining());
    }
}
