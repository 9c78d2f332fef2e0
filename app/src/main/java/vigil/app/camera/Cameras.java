package vigil.app.camera;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import vigil.storage.SiteCamera;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * The site's cameras at work: a reader for every enabled camera in the store, each change of health
 * recorded as a site event and told to {@code watcher}, and the clips of incidents they cover.
 * Shared by {@code vigil record} and the console.
 */
public final class Cameras implements AutoCloseable {
    /** Clip storage's cap unless configured: 20 GB. */
    public static final long DEFAULT_CLIP_QUOTA = 20_000_000_000L;

    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("camera watchdog").daemon().factory());
    private final List<CameraReader> readers;
    private final EvidenceClips clips;

    /** {@code clipListener} hears of each clip stored or found missing, on the clip writer's thread. */
    public Cameras(Storage storage, long clipQuotaBytes, BiConsumer<SiteCamera, CameraHealth> watcher,
                   Consumer<EvidenceClips.Report> clipListener) {
        BiConsumer<SiteCamera, CameraHealth> recorded = (camera, health) -> {
            storage.siteEvents().record(SiteEvent.ofCamera(camera.name(), health.state().name(), health.words(), health.since()));
            watcher.accept(camera, health);
        };
        readers = storage.cameras().list().stream().filter(SiteCamera::enabled)
                .map(camera -> new CameraReader(camera, watchdogs, recorded)).toList();
        clips = new EvidenceClips(storage.clips(), storage.incidents(), readers, clipQuotaBytes, clipListener);
        // clips a crash cut short are accounted for, and told, before new ones start
        storage.clips().markInterrupted().join().forEach(missing -> clipListener.accept(new EvidenceClips.Report(missing, null)));
    }

    public Cameras start() {
        readers.forEach(CameraReader::start);
        return this;
    }

    public List<CameraReader> readers() {
        return readers;
    }

    /** Where incidents go for their clips. */
    public EvidenceClips clips() {
        return clips;
    }

    /** Stops the readers, then writes the clips they handed over; the store must still be open. */
    @Override
    public void close() {
        readers.parallelStream().forEach(CameraReader::close);
        watchdogs.shutdownNow();
        clips.close();
    }
}
