package vigil.storage;

import static vigil.storage.schema.Tables.AUDIT_ENTRY;
import static vigil.storage.schema.Tables.AUTHORITY_CHANGE;
import static vigil.storage.schema.Tables.CLIP;
import static vigil.storage.schema.Tables.CLIP_REMOVAL;
import static vigil.storage.schema.Tables.IMAGE;
import static vigil.storage.schema.Tables.INCIDENT;
import static vigil.storage.schema.Tables.INCIDENT_ACTION;
import static vigil.storage.schema.Tables.OPERATOR_LOG;
import static vigil.storage.schema.Tables.PRUNED_SUBJECT;
import static vigil.storage.schema.Tables.RETENTION_PRUNE;
import static vigil.storage.schema.Tables.SITE_ACTION_RUN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import vigil.protocol.wire.Jpeg;
import vigil.storage.schema.tables.records.AuthorityChangeRecord;
import vigil.storage.schema.tables.records.ClipRecord;
import vigil.storage.schema.tables.records.ClipRemovalRecord;
import vigil.storage.schema.tables.records.IncidentActionRecord;
import vigil.storage.schema.tables.records.IncidentRecord;
import vigil.storage.schema.tables.records.OperatorLogRecord;
import vigil.storage.schema.tables.records.SiteActionRunRecord;

/**
 * Checks a store for tampering: every image against its hash; every audit entry against the row
 * it seals and against the entry before it; every sealed table for rows the chain does not know;
 * every incident's state against the actions that led to it.
 */
final class AuditVerifier {

    private AuditVerifier() {
    }

    /** The fields of an incident that the chain seals (its state follows from its actions). */
    static String canonical(IncidentRecord r) {
        String sealed = AuditChain.canonical(r.getId(), r.getNodeId(), r.getEventType(), r.getObjectId(), r.getObjectClass(),
                r.getMapX(), r.getMapY(), r.getZone(), r.getNodeTimestampText(), instant(r.getNodeTime()),
                instant(r.getReceivedAt()), r.getRescueLevel(), r.getImageSha256());
        // an operator's report also seals its camera and its operator; a node's incident seals what it always did
        return r.getReportedBy() == null && r.getCamera() == null ? sealed : sealed + AuditChain.canonical(r.getCamera(), r.getReportedBy());
    }

    static String canonical(IncidentActionRecord r) {
        return AuditChain.canonical(r.getId(), r.getIncidentId(), r.getAction(), r.getNote(), r.getOperator(),
                instant(r.getActedAt()));
    }

    static String canonical(AuthorityChangeRecord r) {
        return AuditChain.canonical(r.getId(), r.getNodeId(), r.getLevelsBefore(), r.getLevelsAfter(), r.getOperator(),
                instant(r.getAskedAt()), r.getOutcome(), r.getErrorCode());
    }

    static String canonical(ClipRecord r) {
        return AuditChain.canonical(r.getId(), r.getIncidentId(), r.getCamera(), r.getSha256(), r.getBytes(), r.getCodec(),
                instant(r.getFirstFrameAt()), instant(r.getLastFrameAt()), r.getMissing(), instant(r.getRecordedAt()));
    }

    static String canonical(ClipRemovalRecord r) {
        return AuditChain.canonical(r.getId(), r.getClipId(), instant(r.getRemovedAt()), r.getReason());
    }

    static String canonical(OperatorLogRecord r) {
        return AuditChain.canonical(r.getId(), r.getOperator(), r.getKind(), r.getSubject(), r.getDetail(), instant(r.getLoggedAt()));
    }

    static String canonical(SiteActionRunRecord r) {
        return AuditChain.canonical(r.getId(), r.getActionName(), r.getOperator(), r.getIncidentId(), instant(r.getRanAt()), r.getOk(),
                r.getOutcome());
    }

    private static Object instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static AuditReport verify(DSLContext ctx, ClipStore clips, OperatorStore operators) {
        List<String> problems = new ArrayList<>();
        long images = verifyImages(ctx, problems);
        long clipFiles = clips.verify(problems);
        long entries = verifyChain(ctx, problems);
        operators.verify(problems);
        long incidents = verifyStates(ctx, problems);
        for (var kind : AuditChain.Kind.values()) {
            var table = switch (kind) {
                case INCIDENT -> INCIDENT;
                case ACTION -> INCIDENT_ACTION;
                case AUTHORITY -> AUTHORITY_CHANGE;
                case PRUNE -> RETENTION_PRUNE;
                case CLIP -> CLIP;
                case CLIP_REMOVAL -> CLIP_REMOVAL;
                case OPERATOR_LOG -> OPERATOR_LOG;
                case SITE_ACTION_RUN -> SITE_ACTION_RUN;
            };
            var id = table.field("ID", Long.class);
            ctx.select(id).from(table)
                    .where(id.notIn(ctx.select(AUDIT_ENTRY.SUBJECT_ID).from(AUDIT_ENTRY).where(AUDIT_ENTRY.KIND.eq(kind.name()))))
                    .forEach(row -> problems.add(kind.name().toLowerCase() + " " + row.value1() + " is not in the audit chain"));
        }
        return new AuditReport(entries, images, incidents, clipFiles, problems);
    }

    private static long verifyImages(DSLContext ctx, List<String> problems) {
        long count = 0;
        try (var images = ctx.select(IMAGE.SHA256, IMAGE.BYTES).from(IMAGE).fetchLazy()) {
            for (var image : images) {
                count++;
                String expected = image.get(IMAGE.SHA256);
                String actual = HexFormat.of().formatHex(Jpeg.sha256(image.get(IMAGE.BYTES)));
                if (!actual.equals(expected)) {
                    problems.add("image " + expected + " does not match its hash (it hashes to " + actual + ")");
                }
            }
        }
        return count;
    }

    private static long verifyChain(DSLContext ctx, List<String> problems) {
        long expectedSeq = 1;
        String previousHash = AuditChain.GENESIS;
        try (var entries = ctx.selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.SEQ).fetchLazy()) {
            for (var entry : entries) {
                long seq = entry.getSeq();
                if (seq != expectedSeq) {
                    problems.add("audit entries " + expectedSeq + (seq - 1 > expectedSeq ? "-" + (seq - 1) : "") + " are missing");
                }
                if (!entry.getPrevHash().equals(previousHash)) {
                    problems.add("audit entry " + seq + " does not follow the entry before it");
                }
                AuditChain.Kind kind = AuditChain.Kind.valueOf(entry.getKind());
                String content = sealedContent(ctx, kind, entry.getSubjectId());
                String subject = entry.getKind().toLowerCase() + " " + entry.getSubjectId();
                if (content == null) {
                    if (kind == AuditChain.Kind.PRUNE || !wasPruned(ctx, kind, entry.getSubjectId())) {
                        problems.add(subject + " (audit entry " + seq + ") has been deleted");
                    }
                } else if (!AuditChain.hash(entry.getPrevHash(), content).equals(entry.getEntryHash())) {
                    problems.add(subject + " (audit entry " + seq + ") has been changed since it was recorded");
                }
                previousHash = entry.getEntryHash();
                expectedSeq = seq + 1;
            }
        }
        return expectedSeq - 1;
    }

    /** Whether a sealed prune removed the row (the prune's own entry seals the list of what it removed). */
    private static boolean wasPruned(DSLContext ctx, AuditChain.Kind kind, long id) {
        return ctx.fetchExists(PRUNED_SUBJECT, PRUNED_SUBJECT.KIND.eq(kind.name()), PRUNED_SUBJECT.SUBJECT_ID.eq(id));
    }

    private static String sealedContent(DSLContext ctx, AuditChain.Kind kind, long id) {
        return switch (kind) {
            case PRUNE -> ctx.selectFrom(RETENTION_PRUNE).where(RETENTION_PRUNE.ID.eq(id)).fetchOptional()
                    .map(prune -> AuditChain.canonical(prune.getId(), prune.getPrunedAt().toInstant(),
                            prune.getOlderThan().toInstant(), prunedList(ctx, prune.getId())))
                    .orElse(null);
            case INCIDENT -> ctx.selectFrom(INCIDENT).where(INCIDENT.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case ACTION -> ctx.selectFrom(INCIDENT_ACTION).where(INCIDENT_ACTION.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case AUTHORITY -> ctx.selectFrom(AUTHORITY_CHANGE).where(AUTHORITY_CHANGE.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case CLIP -> ctx.selectFrom(CLIP).where(CLIP.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case CLIP_REMOVAL -> ctx.selectFrom(CLIP_REMOVAL).where(CLIP_REMOVAL.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case OPERATOR_LOG -> ctx.selectFrom(OPERATOR_LOG).where(OPERATOR_LOG.ID.eq(id)).fetchOptional().map(AuditVerifier::canonical).orElse(null);
            case SITE_ACTION_RUN -> ctx.selectFrom(SITE_ACTION_RUN).where(SITE_ACTION_RUN.ID.eq(id)).fetchOptional()
                    .map(AuditVerifier::canonical).orElse(null);
        };
    }

    private static String prunedList(DSLContext ctx, long pruneId) {
        List<String> removed = new ArrayList<>();
        ctx.select(PRUNED_SUBJECT.KIND, PRUNED_SUBJECT.SUBJECT_ID).from(PRUNED_SUBJECT)
                .where(PRUNED_SUBJECT.PRUNE_ID.eq(pruneId))
                .orderBy(PRUNED_SUBJECT.KIND.desc(), PRUNED_SUBJECT.SUBJECT_ID)
                .forEach(r -> removed.add(prunedPrefix(AuditChain.Kind.valueOf(r.value1())) + r.value2()));
        return String.join(",", removed);
    }

    /**
     * How a prune's sealed list names a removed row of each kind. The list is ordered by kind name,
     * descending (INCIDENT, CLIP_REMOVAL, CLIP, ACTION), then by id.
     */
    static String prunedPrefix(AuditChain.Kind kind) {
        return switch (kind) {
            case INCIDENT -> "I";
            case ACTION -> "A";
            case CLIP -> "C";
            case CLIP_REMOVAL -> "R";
            case AUTHORITY, PRUNE, OPERATOR_LOG, SITE_ACTION_RUN -> throw new IllegalArgumentException(kind + " rows are never pruned");
        };
    }

    /** Replays each incident's actions; its stored state must be where they lead. */
    private static long verifyStates(DSLContext ctx, List<String> problems) {
        Map<Long, IncidentState> replayed = new HashMap<>();
        try (var actions = ctx.selectFrom(INCIDENT_ACTION).orderBy(INCIDENT_ACTION.INCIDENT_ID, INCIDENT_ACTION.ID).fetchLazy()) {
            for (var action : actions) {
                IncidentState before = replayed.getOrDefault(action.getIncidentId(), IncidentState.NEW);
                try {
                    replayed.put(action.getIncidentId(), ActionKind.valueOf(action.getAction()).apply(before));
                } catch (IllegalStateException | IllegalArgumentException e) {
                    problems.add("incident " + action.getIncidentId() + " has an impossible action " + action.getId() + ": " + e.getMessage());
                }
            }
        }
        long count = 0;
        try (var incidents = ctx.select(INCIDENT.ID, INCIDENT.STATE).from(INCIDENT).fetchLazy()) {
            for (var incident : incidents) {
                count++;
                IncidentState expected = replayed.getOrDefault(incident.value1(), IncidentState.NEW);
                if (!expected.name().equals(incident.value2())) {
                    problems.add("incident " + incident.value1() + " is " + incident.value2() + " but its actions lead to " + expected);
                }
            }
        }
        return count;
    }
}
