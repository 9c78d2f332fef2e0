package vigil.storage;

import static vigil.storage.schema.Tables.CLIP;
import static vigil.storage.schema.Tables.CLIP_PENDING;
import static vigil.storage.schema.Tables.CLIP_REMOVAL;
import static vigil.storage.schema.Tables.INCIDENT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vigil.storage.schema.tables.records.ClipRecord;
import vigil.storage.schema.tables.records.ClipRemovalRecord;

/**
 * Incidents' video clips: files under {@code clips/} in the data directory, named by their SHA-256,
 * each linked to its incident by a row sealed in the audit chain.
 *
 * <p>A clip is written to a {@link #temporaryFile temporary file}, then {@link #link linked}: the
 * file is flushed to disk, hashed and renamed to its hash, and only then is the row committed. A
 * crash before the rename leaves a temporary, removed at the next open; a crash between rename and
 * commit leaves a file no row names, which verification ignores. Never a row naming half a file.
 */
public final class ClipStore {
    public static final String EXTENSION = ".mp4";
    static final String TEMPORARY_SUFFIX = ".part";

    private final DSLContext ctx;
    private final StorageWriter writer;
    private final Path directory;

    ClipStore(DSLContext ctx, StorageWriter writer, Path directory) {
        this.ctx = ctx;
        this.writer = writer;
        this.directory = directory;
    }

    /** What a camera wrote for an incident, before it is linked. */
    public record Written(Path file, String codec, Instant firstFrame, Instant lastFrame) {
    }

    /** Clip storage in use and its cap; {@code overCap} when only open or held evidence is left to remove. */
    public record Usage(long usedBytes, long capBytes, Map<String, Long> bytesByCamera, int removed) {
        public boolean overCap() {
            return usedBytes > capBytes;
        }
    }

    public Path directory() {
        return directory;
    }

    /** A new temporary file for a clip being written; removed at the next open if it is never linked. */
    public Path temporaryFile() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory.resolve("." + UUID.randomUUID() + EXTENSION + TEMPORARY_SUFFIX);
    }

    /**
     * Flushes a written clip to disk, names it by its hash and links it to its incident. Runs the
     * file work on the caller's thread (a clip writer, never the storage writer); the future
     * completes once the link is durable.
     */
    public CompletableFuture<Clip> link(long incidentId, String camera, Written written) {
        String sha256;
        long bytes;
        try {
            sha256 = hashAndSync(written.file());
            bytes = Files.size(written.file());
            Path named = directory.resolve(sha256 + EXTENSION);
            if (Files.exists(named)) {
                Files.delete(written.file()); // the same bytes are already there under their hash
            } else {
                Files.move(written.file(), named, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory();
        } catch (IOException e) {
            deleteQuietly(written.file());
            return missing(incidentId, camera, "the clip could not be stored: " + describe(e));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> {
            settled(tx, incidentId, camera);
            ClipRecord row = tx.newRecord(CLIP);
            row.setIncidentId(incidentId);
            row.setCamera(camera);
            row.setSha256(sha256);
            row.setBytes(bytes);
            row.setCodec(written.codec());
            row.setFirstFrameAt(IncidentStore.time(written.firstFrame().truncatedTo(ChronoUnit.MICROS)));
            row.setLastFrameAt(IncidentStore.time(written.lastFrame().truncatedTo(ChronoUnit.MICROS)));
            row.setRecordedAt(IncidentStore.time(now));
            row.store();
            chain.seal(tx, AuditChain.Kind.CLIP, row.getId(), AuditVerifier.canonical(row));
            return clip(row, false);
        });
    }

    /**
     * Notes, inside the incident's own transaction, that a camera owes it a clip. Until the clip or
     * the reason it is missing is stored, the note stays; {@link #markInterrupted} turns the notes
     * a crash left into missing clips.
     */
    static void pending(DSLContext tx, long incidentId, String camera, Instant askedAt) {
        tx.insertInto(CLIP_PENDING).set(CLIP_PENDING.INCIDENT_ID, incidentId).set(CLIP_PENDING.CAMERA, camera)
                .set(CLIP_PENDING.ASKED_AT, IncidentStore.time(askedAt)).onDuplicateKeyIgnore().execute();
    }

    /** Records that a camera's clip of an incident could not be made, and why. */
    public CompletableFuture<Clip> missing(long incidentId, String camera, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> clip(insertMissing(tx, chain, incidentId, camera, reason, now), false));
    }

    /**
     * Records as missing every clip that was asked for and never stored: Vigil stopped (a crash, a
     * kill, a power cut) before it could be. Run before any camera is read. Returns those clips.
     */
    public CompletableFuture<List<Clip>> markInterrupted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writer.submit((tx, chain) -> {
            List<Clip> missing = new ArrayList<>();
            for (var clip : tx.selectFrom(CLIP_PENDING).orderBy(CLIP_PENDING.INCIDENT_ID, CLIP_PENDING.CAMERA).fetch()) {
                missing.add(clip(insertMissing(tx, chain, clip.getIncidentId(), clip.getCamera(),
                        "Vigil stopped before the clip was stored (it was asked for at " + clip.getAskedAt().toInstant() + ")", now), false));
            }
            return missing;
        });
    }

    private static ClipRecord insertMissing(DSLContext tx, AuditChain chain, long incidentId, String camera, String reason, Instant now) {
        settled(tx, incidentId, camera);
        ClipRecord row = tx.newRecord(CLIP);
        row.setIncidentId(incidentId);
        row.setCamera(camera);
        row.setMissing(reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        row.setRecordedAt(IncidentStore.time(now));
        row.store();
        chain.seal(tx, AuditChain.Kind.CLIP, row.getId(), AuditVerifier.canonical(row));
        return row;
    }

    /** The clip asked of this camera is stored now (or its absence is): no longer pending. */
    private static void settled(DSLContext tx, long incidentId, String camera) {
        tx.deleteFrom(CLIP_PENDING).where(CLIP_PENDING.INCIDENT_ID.eq(incidentId), CLIP_PENDING.CAMERA.eq(camera)).execute();
    }

    /** An incident's clips, in the order they were recorded. */
    public List<Clip> of(long incidentId) {
        return ctx.select(CLIP.asterisk(), CLIP_REMOVAL.ID).from(CLIP).leftJoin(CLIP_REMOVAL).on(CLIP_REMOVAL.CLIP_ID.eq(CLIP.ID))
                .where(CLIP.INCIDENT_ID.eq(incidentId)).orderBy(CLIP.ID)
                .fetch(r -> clip(r.into(CLIP), r.get(CLIP_REMOVAL.ID) != null));
    }

    /** Where a clip's file is. */
    public Path file(Clip clip) {
        return directory.resolve(clip.fileName());
    }

    /** Clip storage in use, by camera. */
    public Usage usage(long capBytes) {
        return usage(ctx, capBytes, 0);
    }

    /**
     * Removes the files of the oldest clips of resolved and false-alarm incidents not on evidence
     * hold until clip storage is within {@code capBytes}; each removal is sealed. Clips of open or
     * held incidents are never removed: when only they are left, the usage stays over the cap.
     */
    public CompletableFuture<Usage> keepWithin(long capBytes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> removedFiles = new ArrayList<>();
        return writer.submit((tx, chain) -> {
            removedFiles.clear(); // a batch retried alone runs its write again
            Usage usage = usage(tx, capBytes, 0);
            long over = usage.usedBytes() - capBytes;
            if (over <= 0) {
                return usage;
            }
            var removable = tx.select(CLIP.ID, CLIP.SHA256, CLIP.BYTES).from(CLIP).join(INCIDENT).on(INCIDENT.ID.eq(CLIP.INCIDENT_ID))
                    .where(CLIP.SHA256.isNotNull(), INCIDENT.EVIDENCE_HOLD.isFalse(),
                            INCIDENT.STATE.in(IncidentState.RESOLVED.name(), IncidentState.FALSE_ALARM.name()),
                            DSL.notExists(DSL.selectOne().from(CLIP_REMOVAL).where(CLIP_REMOVAL.CLIP_ID.eq(CLIP.ID))))
                    .orderBy(CLIP.RECORDED_AT, CLIP.ID)
                    .fetch();
            int removed = 0;
            for (var clip : removable) {
                if (over <= 0) {
                    break;
                }
                ClipRemovalRecord removal = tx.newRecord(CLIP_REMOVAL);
                removal.setClipId(clip.value1());
                removal.setRemovedAt(IncidentStore.time(now));
                removal.setReason("clip storage over its quota of " + capBytes + " bytes");
                removal.store();
                chain.seal(tx, AuditChain.Kind.CLIP_REMOVAL, removal.getId(), AuditVerifier.canonical(removal));
                removedFiles.add(clip.value2());
                over -= clip.value3();
                removed++;
            }
            return usage(tx, capBytes, removed);
        }).thenApply(usage -> {
            deleteUnlinked(removedFiles);
            return usage;
        });
    }

    private static Usage usage(DSLContext ctx, long capBytes, int removed) {
        Map<String, Long> byCamera = new LinkedHashMap<>();
        long used = 0;
        for (var row : ctx.select(CLIP.CAMERA, DSL.sum(CLIP.BYTES)).from(CLIP)
                .where(CLIP.SHA256.isNotNull(), DSL.notExists(DSL.selectOne().from(CLIP_REMOVAL).where(CLIP_REMOVAL.CLIP_ID.eq(CLIP.ID))))
                .groupBy(CLIP.CAMERA).orderBy(CLIP.CAMERA).fetch()) {
            long bytes = row.value2() == null ? 0 : row.value2().longValue();
            byCamera.put(row.value1(), bytes);
            used += bytes;
        }
        return new Usage(used, capBytes, byCamera, removed);
    }

    /** Deletes the files of these hashes that no clip with a file names any more. */
    void deleteUnlinked(Collection<String> hashes) {
        for (String sha256 : hashes) {
            boolean stillLinked = ctx.fetchExists(DSL.selectOne().from(CLIP).where(CLIP.SHA256.eq(sha256),
                    DSL.notExists(DSL.selectOne().from(CLIP_REMOVAL).where(CLIP_REMOVAL.CLIP_ID.eq(CLIP.ID)))));
            if (!stillLinked) {
                deleteQuietly(directory.resolve(sha256 + EXTENSION));
            }
        }
    }

    /** Removes the temporaries of clips a crash interrupted from {@code directory}; run at open, before any clip is written. */
    static void removeTemporaries(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path temporary : temporaries) {
                deleteQuietly(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** Checks every clip that should have a file: there, and hashing to its name. Returns how many were checked. */
    long verify(List<String> problems) {
        long checked = 0;
        for (Clip clip : ctx.select(CLIP.asterisk()).from(CLIP)
                .where(CLIP.SHA256.isNotNull(), DSL.notExists(DSL.selectOne().from(CLIP_REMOVAL).where(CLIP_REMOVAL.CLIP_ID.eq(CLIP.ID))))
                .orderBy(CLIP.ID).fetch(r -> clip(r.into(CLIP), false))) {
            checked++;
            String name = "clip " + clip.id() + " (incident " + clip.incidentId() + ", camera " + clip.camera() + ", " + clip.fileName() + ")";
            Path file = file(clip);
            try {
                String actual = hash(file);
                if (!actual.equals(clip.sha256())) {
                    problems.add(name + " has been altered: it hashes to " + actual);
                }
            } catch (NoSuchFileException e) {
                problems.add(name + " is missing");
            } catch (IOException e) {
                problems.add(name + " cannot be read: " + describe(e));
            }
        }
        return checked;
    }

    static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String hashAndSync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return hash(file);
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a file left behind costs disk space, never evidence
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("No space left on device")) {
            return "the disk is full";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Clip clip(ClipRecord r, boolean removed) {
        return new Clip(r.getId(), r.getIncidentId(), r.getCamera(), r.getSha256(), r.getBytes(), r.getCodec(),
                r.getFirstFrameAt() == null ? null : r.getFirstFrameAt().toInstant(),
                r.getLastFrameAt() == null ? null : r.getLastFrameAt().toInstant(), r.getMissing(),
                r.getRecordedAt().toInstant(), removed);
    }
}
