package vigil.storage;

import static vigil.storage.schema.Tables.ALERT_RULE;
import static vigil.storage.schema.Tables.ALERT_TARGET;
import static vigil.storage.schema.Tables.SITE_ACTION;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.schema.tables.records.AlertRuleRecord;
import vigil.storage.schema.tables.records.AlertTargetRecord;

/** Where alerts go, by name, and their rules. Writes go through the storage writer, sealed in the operator log; reads run on the caller's thread. */
public final class AlertTargetStore {
    private final DSLContext ctx;
    private final StorageWriter writer;

    AlertTargetStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /** Adds a target, {@code by} an operator; fails with an {@link IllegalArgumentException} when the name is taken. */
    public CompletableFuture<AlertTarget> add(AlertTarget target, String by) {
        return writer.submit((tx, chain) -> {
            AlertTargetRecord row = tx.newRecord(ALERT_TARGET);
            row.setName(target.name());
            row.setKind(target.kind().name());
            row.setUrl(target.url());
            row.setTopicPrefix(target.topicPrefix());
            row.setUsername(target.username());
            row.setSecret(target.secret());
            row.setEnabled(target.enabled());
            row.setCaCertificate(target.caCertificate());
            row.setChangedAt(IncidentStore.time(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            try {
                row.store();
            } catch (IntegrityConstraintViolationException taken) {
                throw new IllegalArgumentException("there is already an alert target named '" + target.name() + "'");
            }
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.ALERT_TARGET_ADDED, target.name(),
                    target.toString(), Instant.now()));
            return target;
        });
    }

    /** Adds a rule to its target, {@code by} an operator; completes with the rule and its id. */
    public CompletableFuture<AlertRule> addRule(AlertRule rule, String by) {
        return writer.submit((tx, chain) -> {
            AlertRuleRecord row = tx.newRecord(ALERT_RULE);
            fill(tx, row, rule);
            row.store();
            AlertRule stored = rule(row);
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.ALERT_RULE_ADDED, rule.target(),
                    "rule " + stored.id() + ": " + stored.describe(), Instant.now()));
            return stored;
        });
    }

    /** Changes the rule with {@code rule}'s id to {@code rule}, {@code by} an operator; completes with whether there was one. */
    public CompletableFuture<Boolean> changeRule(AlertRule rule, String by) {
        return writer.submit((tx, chain) -> {
            AlertRuleRecord row = tx.selectFrom(ALERT_RULE).where(ALERT_RULE.ID.eq(rule.id())).fetchOne();
            if (row == null) {
                return false;
            }
            String before = rule(row).describe();
            fill(tx, row, rule);
            row.store();
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.ALERT_RULE_CHANGED, rule.target(),
                    "rule " + rule.id() + ": " + rule(row).describe() + " (was: " + before + ")", Instant.now()));
            return true;
        });
    }

    private static void fill(DSLContext tx, AlertRuleRecord row, AlertRule rule) {
        if (tx.fetchCount(ALERT_TARGET, ALERT_TARGET.NAME.eq(rule.target())) == 0) {
            throw new IllegalArgumentException("no alert target named '" + rule.target() + "'");
        }
        if (rule.action() != null && tx.fetchCount(SITE_ACTION, SITE_ACTION.NAME.eq(rule.action())) == 0) {
            throw new IllegalArgumentException("no site action named '" + rule.action() + "'");
        }
        row.setTargetName(rule.target());
        row.setEventTypes(names(rule.types(), Enum::name));
        row.setClasses(names(rule.classes(), Enum::name));
        row.setZones(names(rule.zones(), Enum::name));
        row.setNodes(names(rule.nodes(), NodeAddress::toString));
        row.setCameras(String.join("\n", rule.cameras().stream().sorted().toList()));
        row.setMinPriority(rule.minPriority());
        row.setCooldownSeconds(Math.toIntExact(rule.cooldown().toSeconds()));
        row.setQuietFrom(rule.quietFrom());
        row.setQuietUntil(rule.quietUntil());
        row.setSystemAlerts(rule.systemAlerts());
        row.setActionName(rule.action());
    }

    /** Removes a rule, {@code by} an operator. Completes with whether there was one. */
    public CompletableFuture<Boolean> removeRule(long id, String by) {
        return writer.submit((tx, chain) -> {
            AlertRuleRecord row = tx.selectFrom(ALERT_RULE).where(ALERT_RULE.ID.eq(id)).fetchOne();
            if (row == null) {
                return false;
            }
            row.delete();
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.ALERT_RULE_REMOVED, row.getTargetName(),
                    "rule " + id, Instant.now()));
            return true;
        });
    }

    /** Every rule, by target, then in the order they were added. */
    public List<AlertRule> rules() {
        return ctx.selectFrom(ALERT_RULE).orderBy(ALERT_RULE.TARGET_NAME, ALERT_RULE.ID).fetch(AlertTargetStore::rule);
    }

    private static <T> String names(Collection<T> values, Function<T, String> name) {
        return values.stream().map(name).sorted().collect(Collectors.joining(","));
    }

    private static <T> Set<T> parsed(String text, String separator, Function<String, T> parse) {
        return text.isEmpty() ? Set.of() : Arrays.stream(text.split(separator)).map(parse).collect(Collectors.toSet());
    }

    private static AlertRule rule(AlertRuleRecord row) {
        return new AlertRule(row.getId(), row.getTargetName(), parsed(row.getEventTypes(), ",", IncidentType::valueOf),
                parsed(row.getClasses(), ",", ObjectClass::valueOf), parsed(row.getZones(), ",", Area::valueOf),
                parsed(row.getNodes(), ",", NodeAddress::parse), parsed(row.getCameras(), "\n", name -> name),
                row.getMinPriority(), Duration.ofSeconds(row.getCooldownSeconds()), row.getQuietFrom(), row.getQuietUntil(),
                row.getSystemAlerts(), row.getActionName());
    }

    /** Removes a target and its rules, {@code by} an operator. Completes with whether there was one. */
    public CompletableFuture<Boolean> remove(String name, String by) {
        return writer.submit((tx, chain) -> {
            boolean removed = tx.deleteFrom(ALERT_TARGET).where(ALERT_TARGET.NAME.eq(name)).execute() > 0;
            if (removed) {
                OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.ALERT_TARGET_REMOVED, name, null, Instant.now()));
            }
            return removed;
        });
    }

    /** Every target, by name. */
    public List<AlertTarget> list() {
        return ctx.selectFrom(ALERT_TARGET).orderBy(ALERT_TARGET.NAME).fetch(AlertTargetStore::target);
    }

    public Optional<AlertTarget> find(String name) {
        return ctx.selectFrom(ALERT_TARGET).where(ALERT_TARGET.NAME.eq(name)).fetchOptional(AlertTargetStore::target);
    }

    private static AlertTarget target(AlertTargetRecord row) {
        return new AlertTarget(row.getName(), AlertTarget.Kind.valueOf(row.getKind()), row.getUrl(), row.getTopicPrefix(),
                row.getUsername(), row.getSecret(), row.getEnabled(), row.getCaCertificate());
    }
}
