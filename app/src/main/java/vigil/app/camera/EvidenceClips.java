package vigil.app.camera;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Jpeg;
import vigil.storage.Clip;
import vigil.storage.ClipStore;
import vigil.storage.Incident;
import vigil.storage.IncidentStore;
import vigil.storage.SiteCamera;

/**
 * A clip of every incident from every camera that owes it one ({@link ClipSource}): [T - pre, T + post] around the
 * instant T Vigil received it, captured by the camera's reader, written by stream copy on one clip
 * writer thread, then stored and linked. A clip that cannot be made is recorded as missing, with
 * why. After each clip the store is kept within the quota; when only open or held evidence is
 * left over it, recording goes on and the report says so. An operator's report from a camera gets
 * its clip the same way, from {@code pre} before it until the operator stops it.
 */
public final class EvidenceClips implements AutoCloseable {

    /** What became of one camera's clip of an incident; {@code usage} is clip storage after it (null for a missing clip). */
    public record Report(Clip clip, ClipStore.Usage usage) {
        public boolean overQuota() {
            return usage != null && usage.overCap();
        }
    }

    /** How long an operator's report records unless stopped sooner. */
    public static final Duration LONGEST_REPORT = Duration.ofMinutes(10);

    /** An operator's report under way: its incident, durable, and its clip, which {@link #stop()} ends. */
    public record OperatorReport(Incident incident, ClipCapture capture) {
        /** Ends the clip now; it ends by itself {@link #LONGEST_REPORT} after it began. */
        public void stop() {
            capture.finishAt(Instant.now());
        }
    }

    private final ClipStore store;
    private final IncidentStore incidents;
    private final List<ClipSource> sources = new CopyOnWriteArrayList<>();
    private volatile long quotaBytes;
    private final Consumer<Report> listener;
    private static final Logger LOG = Logger.getLogger(EvidenceClips.class.getName());

    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("clip writer").factory());

    /** {@code listener} hears of each clip once it is durable and linked, or recorded as missing, on the clip writer's thread. */
    EvidenceClips(ClipStore store, IncidentStore incidents, List<CameraReader> readers, long quotaBytes, Consumer<Report> listener) {
        this.store = store;
        this.incidents = incidents;
        sources.addAll(readers);
        this.quotaBytes = quotaBytes;
        this.listener = listener;
    }

    /** A new cap for clip storage, kept from the next clip on. */
    public void quota(long bytes) {
        quotaBytes = bytes;
    }

    /** More cameras to clip incidents with (a node's cameras A and B, which the console reads). */
    public void add(List<? extends ClipSource> more) {
        sources.addAll(more);
    }

    public void remove(List<? extends ClipSource> gone) {
        sources.removeAll(gone);
    }

    /** The cameras that owe an incident from {@code node} in {@code zone} a clip, by name. */
    public List<String> camerasOwing(NodeAddress node, Area zone) {
        return sources.stream().filter(source -> source.owesClip(node, zone)).map(ClipSource::clipName).toList();
    }

    /** Asks every camera that owes the incident a clip for it; returns at once. */
    public void record(Incident incident) {
        Instant at = incident.receivedAt();
        for (ClipSource source : sources) {
            if (source.owesClip(incident.node(), incident.zone())) {
                SiteCamera.ClipWindow window = source.clipWindow();
                storeWhenCaptured(incident.id(), source.clipName(), source.capture(at.minus(window.pre()), at.plus(window.post())));
            }
        }
    }

    /**
     * Starts an operator's report from {@code camera} (for what the detectors missed): an incident
     * with {@code picture}, the camera's at this moment, and a clip from the camera's {@code pre}
     * before now until {@link OperatorReport#stop()}. Completes once the incident is durable.
     */
    public CompletableFuture<OperatorReport> report(String camera, String operator, Jpeg picture) {
        ClipSource source = sources.stream().filter(candidate -> candidate.clipName().equals(camera)).findFirst().orElse(null);
        if (source == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("camera " + camera + " records no clips"));
        }
        Instant at = Instant.now();
        ClipCapture capture = source.capture(at.minus(source.clipWindow().pre()), at.plus(LONGEST_REPORT));
        return incidents.report(camera, source.zone(), operator, picture, at).whenComplete((incident, failure) -> {
            if (failure == null) {
                storeWhenCaptured(incident.id(), camera, capture);
            } else { // no incident to link it to
                capture.finishAt(at);
                capture.result().thenAccept(CapturedClip::close);
            }
        }).thenApply(incident -> new OperatorReport(incident, capture));
    }

    private void storeWhenCaptured(long incidentId, String camera, ClipCapture capture) {
        capture.result().whenCompleteAsync((clip, failure) -> listener.accept(store(incidentId, camera, clip, failure)), writer);
    }

    /**
     * Writes, stores and links one clip, or records it as missing; waits for the store, so that
     * once this thread is idle every clip handed to it is durable.
     */
    private Report store(long incidentId, String camera, CapturedClip clip, Throwable failure) {
        try {
            return write(incidentId, camera, clip, failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the clip of incident " + incidentId + " from " + camera + " failed", e);
            return new Report(store.missing(incidentId, camera, "the clip could not be stored: " + reason(e)).join(), null);
        }
    }

    private Report write(long incidentId, String camera, CapturedClip clip, Throwable failure) {
        if (failure != null) {
            return new Report(store.missing(incidentId, camera, reason(failure)).join(), null);
        }
        ClipStore.Written written;
        try (clip) {
            written = new ClipStore.Written(store.temporaryFile(), clip.codec(), clip.firstFrame(), clip.lastFrame());
            try {
                Mp4Muxer.write(clip, written.file());
            } catch (Exception e) {
                deleteQuietly(written.file());
                return new Report(store.missing(incidentId, camera, "the clip could not be written: " + reason(e)).join(), null);
            }
        }
        Clip linked;
        try {
            linked = store.link(incidentId, camera, written).join();
        } catch (CompletionException e) {
            // the link may have committed and only its flush to disk failed: a stored clip gets no "missing" row
            return store.of(incidentId).stream().filter(stored -> stored.camera().equals(camera) && stored.sha256() != null).findFirst()
                    .map(stored -> new Report(stored, null))
                    .orElseGet(() -> new Report(store.missing(incidentId, camera, "the clip could not be stored: " + reason(e)).join(), null));
        }
        if (!linked.hasFile()) {
            return new Report(linked, null);
        }
        try {
            return new Report(linked, store.keepWithin(quotaBytes).join());
        } catch (CompletionException e) {
            LOG.log(Level.WARNING, "clip storage could not be kept within its quota", e);
            return new Report(linked, null); // stored and linked all the same: the next clip tries the quota again
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // a temporary left behind is removed at the next start
        }
    }

    /** Writes every clip already handed over (the readers must be closed first), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
