package vigil.storage;

import static vigil.storage.schema.Tables.CHECKLIST_STEP;
import static vigil.storage.schema.Tables.SITE_ACTION;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vigil.storage.schema.tables.records.ChecklistStepRecord;

/** The site's emergency checklist. Changes go through the storage writer, sealed in the operator log; reads run on the caller's thread. */
public final class ChecklistStore {
    private final DSLContext ctx;
    private final StorageWriter writer;

    ChecklistStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /** Adds a step after the type's last one, {@code by} an operator; completes with it, numbered. */
    public CompletableFuture<ChecklistStep> add(IncidentType type, String text, String contact, String phone, String action, String by) {
        ChecklistStep checked = new ChecklistStep(0, type, 0, text, contact, phone, action);
        return writer.submit((tx, chain) -> {
            if (action != null && tx.fetchCount(SITE_ACTION, SITE_ACTION.NAME.eq(action)) == 0) {
                throw new IllegalArgumentException("no site action named '" + action + "'");
            }
            Integer last = tx.select(DSL.max(CHECKLIST_STEP.POSITION)).from(CHECKLIST_STEP)
                    .where(CHECKLIST_STEP.EVENT_TYPE.eq(type.name())).fetchOne().value1();
            ChecklistStepRecord row = tx.newRecord(CHECKLIST_STEP);
            row.setEventType(type.name());
            row.setPosition(last == null ? 1 : last + 1);
            row.setText(checked.text());
            row.setContact(contact);
            row.setPhone(phone);
            row.setActionName(action);
            row.store();
            ChecklistStep step = step(row);
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.CHECKLIST_CHANGED, type.name(),
                    "step " + step.position() + " added: " + step.words(), Instant.now()));
            return step;
        });
    }

    /** Removes a step, {@code by} an operator; the later steps move up. Completes with whether there was one. */
    public CompletableFuture<Boolean> remove(long id, String by) {
        return writer.submit((tx, chain) -> {
            ChecklistStepRecord row = tx.selectFrom(CHECKLIST_STEP).where(CHECKLIST_STEP.ID.eq(id)).fetchOne();
            if (row == null) {
                return false;
            }
            row.delete();
            tx.update(CHECKLIST_STEP).set(CHECKLIST_STEP.POSITION, CHECKLIST_STEP.POSITION.minus(1))
                    .where(CHECKLIST_STEP.EVENT_TYPE.eq(row.getEventType()), CHECKLIST_STEP.POSITION.gt(row.getPosition())).execute();
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.CHECKLIST_CHANGED, row.getEventType(),
                    "step " + row.getPosition() + " removed: " + step(row).words(), Instant.now()));
            return true;
        });
    }

    /** The steps for an event type, in order. */
    public List<ChecklistStep> steps(IncidentType type) {
        return ctx.selectFrom(CHECKLIST_STEP).where(CHECKLIST_STEP.EVENT_TYPE.eq(type.name())).orderBy(CHECKLIST_STEP.POSITION)
                .fetch(ChecklistStore::step);
    }

    /** Every step, by event type, in order. */
    public List<ChecklistStep> all() {
        return ctx.selectFrom(CHECKLIST_STEP).orderBy(CHECKLIST_STEP.EVENT_TYPE, CHECKLIST_STEP.POSITION).fetch(ChecklistStore::step);
    }

    private static ChecklistStep step(ChecklistStepRecord row) {
        return new ChecklistStep(row.getId(), IncidentType.valueOf(row.getEventType()), row.getPosition(), row.getText(), row.getContact(),
                row.getPhone(), row.getActionName());
    }
}
