package vigil.storage;

import static vigil.storage.schema.Tables.OPERATOR_ACCOUNT;
import static vigil.storage.schema.Tables.OPERATOR_LOG;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import vigil.storage.schema.tables.records.OperatorAccountRecord;
import vigil.storage.schema.tables.records.OperatorLogRecord;

/**
 * Operator accounts and the operator log. Every account change writes the account and a sealed log
 * entry holding its new state in one transaction, so that an account edited behind Vigil's back
 * fails verification. Writes go through the storage writer; reads run on the caller's thread.
 */
public final class OperatorStore {
    private final DSLContext ctx;
    private final StorageWriter writer;

    OperatorStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /** Adds an account; fails with an {@link IllegalArgumentException} when the name is taken. */
    public CompletableFuture<OperatorAccount> add(OperatorAccount account) {
        return writer.submit((tx, chain) -> {
            OperatorAccountRecord row = tx.newRecord(OPERATOR_ACCOUNT);
            fill(row, account);
            row.setCreatedBy(account.createdBy());
            row.setCreatedAt(IncidentStore.time(micros(account.createdAt())));
            try {
                row.store();
            } catch (IntegrityConstraintViolationException taken) {
                throw new IllegalArgumentException("there is already an operator named '" + account.name() + "'");
            }
            append(tx, chain, new OperatorEvent(account.createdBy(), OperatorEvent.Kind.ACCOUNT_ADDED, account.name(),
                    account.sealedState(), account.createdAt()));
            return account;
        });
    }

    public CompletableFuture<OperatorAccount> setRole(String name, Role role, String by) {
        return change(name, OperatorEvent.Kind.ROLE_CHANGED, by, (account, at) -> account.withRole(role, by, at));
    }

    public CompletableFuture<OperatorAccount> setDisabled(String name, boolean disabled, String by) {
        return change(name, disabled ? OperatorEvent.Kind.ACCOUNT_DISABLED : OperatorEvent.Kind.ACCOUNT_ENABLED, by,
                (account, at) -> account.withDisabled(disabled, by, at));
    }

    /** {@code passwordHash}: the new password's Argon2id PHC string. */
    public CompletableFuture<OperatorAccount> setPassword(String name, String passwordHash, String by) {
        return change(name, OperatorEvent.Kind.PASSWORD_CHANGED, by, (account, at) -> account.withPasswordHash(passwordHash, by, at));
    }

    private interface Change {
        OperatorAccount apply(OperatorAccount account, Instant at);
    }

    private CompletableFuture<OperatorAccount> change(String name, OperatorEvent.Kind kind, String by, Change change) {
        return writer.submit((tx, chain) -> {
            OperatorAccountRecord row = tx.selectFrom(OPERATOR_ACCOUNT).where(OPERATOR_ACCOUNT.NAME.eq(name)).fetchOne();
            if (row == null) {
                throw new IllegalArgumentException("no operator named '" + name + "'");
            }
            Instant at = micros(Instant.now());
            OperatorAccount changed = change.apply(account(row), at);
            fill(row, changed);
            row.store();
            append(tx, chain, new OperatorEvent(by, kind, name, changed.sealedState(), at));
            return changed;
        });
    }

    /** Appends an event to the operator log, sealed. */
    public CompletableFuture<Long> log(OperatorEvent event) {
        return writer.submit((tx, chain) -> append(tx, chain, event));
    }

    /** Appends an event inside another store's write, so that the change and its record commit together. */
    static long append(DSLContext tx, AuditChain chain, OperatorEvent event) {
        OperatorLogRecord row = tx.newRecord(OPERATOR_LOG);
        row.setOperator(event.operator());
        row.setKind(event.kind().name());
        row.setSubject(event.subject());
        row.setDetail(event.detail());
        row.setLoggedAt(IncidentStore.time(micros(event.at())));
        row.store();
        chain.seal(tx, AuditChain.Kind.OPERATOR_LOG, row.getId(), AuditVerifier.canonical(row));
        return row.getId();
    }

    public Optional<OperatorAccount> find(String name) {
        return ctx.selectFrom(OPERATOR_ACCOUNT).where(OPERATOR_ACCOUNT.NAME.eq(name)).fetchOptional(OperatorStore::account);
    }

    /** Every account, by name. */
    public List<OperatorAccount> list() {
        return ctx.selectFrom(OPERATOR_ACCOUNT).orderBy(OPERATOR_ACCOUNT.NAME).fetch(OperatorStore::account);
    }

    /** Whether any account can sign in: none on a new store, where the console asks for the first admin. */
    public boolean anyAdmin() {
        return ctx.fetchExists(OPERATOR_ACCOUNT, OPERATOR_ACCOUNT.ROLE.eq(Role.ADMIN.name()), OPERATOR_ACCOUNT.DISABLED.isFalse());
    }

    /** The newest entries of the operator log, newest first. */
    public List<OperatorEvent> history(int limit) {
        return ctx.selectFrom(OPERATOR_LOG).orderBy(OPERATOR_LOG.LOGGED_AT.desc(), OPERATOR_LOG.ID.desc()).limit(limit)
                .fetch(OperatorStore::event);
    }

    /** The handover note nobody has signed in after yet, if the last operator left one. */
    public Optional<OperatorEvent> pendingHandover() {
        return ctx.selectFrom(OPERATOR_LOG)
                .where(OPERATOR_LOG.KIND.in(OperatorEvent.Kind.HANDED_OVER.name(), OperatorEvent.Kind.SIGNED_IN.name()))
                .orderBy(OPERATOR_LOG.ID.desc()).limit(1).fetchOptional(OperatorStore::event)
                .filter(event -> event.kind() == OperatorEvent.Kind.HANDED_OVER);
    }

    /** Each account must be as its newest sealed change left it. */
    void verify(List<String> problems) {
        Map<String, String> sealed = ctx.selectFrom(OPERATOR_LOG)
                .where(OPERATOR_LOG.KIND.in(Arrays.stream(OperatorEvent.Kind.values())
                        .filter(OperatorEvent.Kind::changesAccount).map(Enum::name).toList()))
                .orderBy(OPERATOR_LOG.ID)
                .fetch().stream().collect(Collectors.toMap(OperatorLogRecord::getSubject, OperatorLogRecord::getDetail, (older, newer) -> newer));
        for (OperatorAccount account : list()) {
            String expected = sealed.get(account.name());
            if (expected == null) {
                problems.add("operator '" + account.name() + "' was never added by Vigil: its account is not in the audit chain");
            } else if (!expected.equals(account.sealedState())) {
                problems.add("operator '" + account.name() + "' has been changed since its last recorded change (role, password, name or disabled)");
            }
        }
    }

    private static void fill(OperatorAccountRecord row, OperatorAccount account) {
        row.setName(account.name());
        row.setDisplayName(account.displayName());
        row.setRole(account.role().name());
        row.setPasswordHash(account.passwordHash());
        row.setDisabled(account.disabled());
        row.setChangedBy(account.changedBy());
        row.setChangedAt(IncidentStore.time(micros(account.changedAt())));
    }

    private static OperatorAccount account(OperatorAccountRecord row) {
        return new OperatorAccount(row.getName(), row.getDisplayName(), Role.valueOf(row.getRole()), row.getPasswordHash(),
                row.getDisabled(), row.getCreatedBy(), row.getCreatedAt().toInstant(), row.getChangedBy(), row.getChangedAt().toInstant());
    }

    private static OperatorEvent event(OperatorLogRecord row) {
        return new OperatorEvent(row.getOperator(), OperatorEvent.Kind.valueOf(row.getKind()), row.getSubject(), row.getDetail(),
                row.getLoggedAt().toInstant());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
