package vigil.storage;

import static vigil.storage.schema.Tables.ALERT_DELIVERY;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import vigil.storage.schema.tables.records.AlertDeliveryRecord;

/** The webhook delivery log. Writes go through the storage writer; reads run on the caller's thread. */
public final class AlertDeliveries {
    private static final int LONGEST_ERROR = 1000;

    private final DSLContext ctx;
    private final StorageWriter writer;

    AlertDeliveries(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /** Notes a message to deliver; completes with it, PENDING, once durable. */
    public CompletableFuture<AlertDelivery> pending(String target, String topic, String payload, String deliveryId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> {
            AlertDeliveryRecord row = tx.newRecord(ALERT_DELIVERY);
            row.setTargetName(target);
            row.setTopic(topic);
            row.setPayload(payload);
            row.setDeliveryId(deliveryId);
            row.setStatus(AlertDelivery.Status.PENDING.name());
            row.setAttempts(0);
            row.setCreatedAt(IncidentStore.time(now));
            row.store();
            return delivery(row);
        });
    }

    /** Notes an attempt: DELIVERED, still PENDING (with why not), or FAILED (given up). */
    public CompletableFuture<Void> attempted(long id, AlertDelivery.Status status, String error) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String shortened = error == null || error.length() <= LONGEST_ERROR ? error : error.substring(0, LONGEST_ERROR);
        return writer.submit((tx, chain) -> {
            tx.update(ALERT_DELIVERY).set(ALERT_DELIVERY.STATUS, status.name())
                    .set(ALERT_DELIVERY.ATTEMPTS, ALERT_DELIVERY.ATTEMPTS.plus(1))
                    .set(ALERT_DELIVERY.LAST_ERROR, shortened)
                    .set(ALERT_DELIVERY.LAST_TRIED_AT, IncidentStore.time(now))
                    .where(ALERT_DELIVERY.ID.eq(id)).execute();
            return null;
        });
    }

    /** Makes a FAILED delivery PENDING again; completes with it, or empty when there is no such failed delivery. */
    public CompletableFuture<Optional<AlertDelivery>> retry(long id) {
        return writer.submit((tx, chain) -> {
            AlertDeliveryRecord row = tx.selectFrom(ALERT_DELIVERY)
                    .where(ALERT_DELIVERY.ID.eq(id), ALERT_DELIVERY.STATUS.eq(AlertDelivery.Status.FAILED.name())).fetchOne();
            if (row == null) {
                return Optional.empty();
            }
            row.setStatus(AlertDelivery.Status.PENDING.name());
            row.store();
            return Optional.of(delivery(row));
        });
    }

    /** Removes delivered messages noted before {@code olderThan}. */
    public CompletableFuture<Integer> forgetDelivered(Instant olderThan) {
        return writer.submit((tx, chain) -> tx.deleteFrom(ALERT_DELIVERY)
                .where(ALERT_DELIVERY.STATUS.eq(AlertDelivery.Status.DELIVERED.name()),
                        ALERT_DELIVERY.CREATED_AT.lt(IncidentStore.time(olderThan))).execute());
    }

    /** The deliveries still PENDING, oldest first: what a start sends again. */
    public List<AlertDelivery> pending() {
        return ctx.selectFrom(ALERT_DELIVERY).where(ALERT_DELIVERY.STATUS.eq(AlertDelivery.Status.PENDING.name()))
                .orderBy(ALERT_DELIVERY.ID).fetch(AlertDeliveries::delivery);
    }

    /** The newest deliveries, {@code limit} at most, newest first. */
    public List<AlertDelivery> newest(int limit) {
        return ctx.selectFrom(ALERT_DELIVERY).orderBy(ALERT_DELIVERY.CREATED_AT.desc(), ALERT_DELIVERY.ID.desc()).limit(limit)
                .fetch(AlertDeliveries::delivery);
    }

    private static AlertDelivery delivery(AlertDeliveryRecord row) {
        return new AlertDelivery(row.getId(), row.getTargetName(), row.getTopic(), row.getPayload(), row.getDeliveryId(),
                AlertDelivery.Status.valueOf(row.getStatus()), row.getAttempts(), row.getLastError(), row.getCreatedAt().toInstant(),
                row.getLastTriedAt() == null ? null : row.getLastTriedAt().toInstant());
    }
}
