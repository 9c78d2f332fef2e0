package vigil.storage;

import static vigil.storage.schema.Tables.ALERT_DELIVERY;
import static vigil.storage.schema.Tables.ALERT_RULE;
import static vigil.storage.schema.Tables.ALERT_TARGET;
import static vigil.storage.schema.Tables.AUDIT_ENTRY;
import static vigil.storage.schema.Tables.AUTHORITY_CHANGE;
import static vigil.storage.schema.Tables.CAMERA;
import static vigil.storage.schema.Tables.CHECKLIST_STEP;
import static vigil.storage.schema.Tables.CLIP;
import static vigil.storage.schema.Tables.CLIP_PENDING;
import static vigil.storage.schema.Tables.CLIP_REMOVAL;
import static vigil.storage.schema.Tables.IMAGE;
import static vigil.storage.schema.Tables.INCIDENT;
import static vigil.storage.schema.Tables.INCIDENT_ACTION;
import static vigil.storage.schema.Tables.NODE;
import static vigil.storage.schema.Tables.OPERATOR_ACCOUNT;
import static vigil.storage.schema.Tables.OPERATOR_LOG;
import static vigil.storage.schema.Tables.PRUNED_SUBJECT;
import static vigil.storage.schema.Tables.RETENTION_PRUNE;
import static vigil.storage.schema.Tables.SITE_ACTION;
import static vigil.storage.schema.Tables.SITE_ACTION_RUN;
import static vigil.storage.schema.Tables.SITE_EVENT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import vigil.storage.schema.DefaultSchema;

/**
 * Moves an embedded store's whole history into an empty shared one: every table, row for row with
 * its ids (the audit chain seals them), in one transaction, then verifies the copy. Clip files stay
 * where they are: the rows link them by hash, and the copy is verified against the same directory.
 */
public final class StoreCopy {
    /** Parents before children. */
    private static final List<Table<?>> TABLES = List.of(NODE, IMAGE, INCIDENT, INCIDENT_ACTION, AUTHORITY_CHANGE, SITE_EVENT,
            RETENTION_PRUNE, PRUNED_SUBJECT, AUDIT_ENTRY, CAMERA, CLIP, CLIP_REMOVAL, CLIP_PENDING, OPERATOR_ACCOUNT, OPERATOR_LOG,
            ALERT_TARGET, ALERT_RULE, ALERT_DELIVERY, SITE_ACTION, SITE_ACTION_RUN, CHECKLIST_STEP);
    private static final int CHUNK = 500;

    /** How many rows of each table were copied, and what verifying the copy found. */
    public record Report(Map<String, Long> rows, AuditReport verified) {
    }

    private StoreCopy() {
    }

    /**
     * Copies the embedded store in {@code from} into {@code to}, whose tables must all be empty; an
     * {@link IllegalStateException} says which is not.
     */
    public static Report copy(Path from, SharedStore to) {
        Set<Table<?>> known = new HashSet<>(TABLES);
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (!known.contains(table)) {
                throw new IllegalStateException("the copy does not know the table " + table.getName()); // a migration added it
            }
        }
        try (Storage source = Storage.open(from); Storage target = Storage.open(from, to)) {
            DSLContext in = source.dsl();
            DSLContext out = target.dsl();
            for (Table<?> table : TABLES) {
                int present = out.fetchCount(table);
                if (present > 0) {
                    throw new IllegalStateException(to + " is not empty (" + present + (present == 1 ? " row" : " rows") + " in "
                            + table.getName().toLowerCase() + "): copy into an empty database");
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            out.transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                for (Table<?> table : TABLES) {
                    rows.put(table.getName().toLowerCase(), copy(in, tx, table));
                }
                for (Table<?> table : TABLES) {
                    Field<?> id = table.field("ID");
                    if (id != null && table.getIdentity() != null) {
                        tx.resultQuery("SELECT setval(pg_get_serial_sequence({0}, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {1}",
                                DSL.inline(table.getName().toLowerCase()), table).fetch();
                    }
                }
            });
            return new Report(rows, target.verify());
        }
    }

    private static long copy(DSLContext in, DSLContext out, Table<?> table) {
        long copied = 0;
        Field<?>[] fields = table.fields();
        try (Cursor<? extends Record> rows = in.selectFrom(table).orderBy(table.getPrimaryKey() == null ? List.of()
                : table.getPrimaryKey().getFields().stream().map(field -> field.asc()).toList()).fetchSize(CHUNK).fetchLazy()) {
            List<Record> chunk = new ArrayList<>(CHUNK);
            while (rows.hasNext()) {
                chunk.add(rows.fetchNext());
                if (chunk.size() == CHUNK || !rows.hasNext()) {
                    out.insertInto(table).columns(fields).valuesOfRecords(chunk).execute();
                    copied += chunk.size();
                    chunk.clear();
                }
            }
        }
        return copied;
    }
}
