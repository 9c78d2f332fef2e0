package vigil.storage;

import static vigil.storage.schema.Tables.AUDIT_ENTRY;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import vigil.protocol.wire.Jpeg;

/**
 * The audit chain's head, owned by the storage writer's thread. Every sealed row (a recorded
 * incident, an incident action, an authority change, a clip, a clip's removal and an operator log entry) gets the next entry: its hash covers the
 * previous entry's hash and the row's canonical content. The head moves only when the writer's
 * transaction commits. On a shared store each writer's transaction first takes the head
 * ({@link #takeHead}), so that the writers of several consoles and recorders make one chain.
 */
final class AuditChain {
    static final String GENESIS = "0".repeat(64);
    /** The key of the PostgreSQL advisory lock that guards the head: "VIGIL" in ASCII. */
    static final long HEAD_LOCK = 0x564947494CL;

    /** What an entry seals. */
    enum Kind { INCIDENT, ACTION, AUTHORITY, PRUNE, CLIP, CLIP_REMOVAL, OPERATOR_LOG, SITE_ACTION_RUN }

    private long committedSeq;
    private String committedHash;
    private long pendingSeq;
    private String pendingHash;

    private AuditChain(long seq, String hash) {
        committedSeq = pendingSeq = seq;
        committedHash = pendingHash = hash;
    }

    static AuditChain load(DSLContext ctx) {
        Record2<Long, String> head = head(ctx);
        return head == null ? new AuditChain(0, GENESIS) : new AuditChain(head.value1(), head.value2());
    }

    private static Record2<Long, String> head(DSLContext ctx) {
        return ctx.select(AUDIT_ENTRY.SEQ, AUDIT_ENTRY.ENTRY_HASH).from(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.SEQ.desc()).limit(1).fetchOne();
    }

    /**
     * Holds the head of a shared chain until {@code tx} ends, and catches up with the entries other
     * writers appended meanwhile. PostgreSQL's transaction-scoped advisory lock: a writer that dies
     * lets go of it with its connection.
     */
    void takeHead(DSLContext tx) {
        tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.inline(HEAD_LOCK))).fetch();
        catchUp(tx);
    }

    /** Takes the head as the store has it: after other writers' entries, or after commits a full disk lost. */
    void catchUp(DSLContext tx) {
        Record2<Long, String> head = head(tx);
        pendingSeq = head == null ? 0 : head.value1();
        pendingHash = head == null ? GENESIS : head.value2();
    }

    /** Appends the entry for one row, inside the writer's transaction. */
    void seal(DSLContext tx, Kind kind, long subjectId, String canonicalContent) {
        long seq = pendingSeq + 1;
        String hash = hash(pendingHash, canonicalContent);
        tx.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.SEQ, seq)
                .set(AUDIT_ENTRY.KIND, kind.name())
                .set(AUDIT_ENTRY.SUBJECT_ID, subjectId)
                .set(AUDIT_ENTRY.PREV_HASH, pendingHash)
                .set(AUDIT_ENTRY.ENTRY_HASH, hash)
                .execute();
        pendingSeq = seq;
        pendingHash = hash;
    }

    void committed() {
        committedSeq = pendingSeq;
        committedHash = pendingHash;
    }

    void rolledBack() {
        pendingSeq = committedSeq;
        pendingHash = committedHash;
    }

    static String hash(String previousHash, String canonicalContent) {
        byte[] input = (previousHash + "\n" + canonicalContent).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Jpeg.sha256(input));
    }

    /**
     * A row's fields as one unambiguous string: each field is its length, a colon, and its text,
     * so that no choice of text (a note with separators in it) can make two rows read alike.
     */
    static String canonical(Object... fields) {
        StringBuilder text = new StringBuilder(128);
        for (Object field : fields) {
            if (field == null) {
                text.append("-;");
            } else {
                String value = field.toString();
                text.append(value.length()).append(':').append(value).append(';');
            }
        }
        return text.toString();
    }
}
