package vigil.app.camera;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import vigil.storage.SiteCamera;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * The site's cameras at work: a reader for every enabled camera in the store, each change of health
 * recorded as a site event and told to {@code watcher}. Shared by {@code vigil record} and the
 * console.
 */
public final class Cameras implements AutoCloseable {
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("camera watchdog").daemon().factory());
    private final List<CameraReader> readers;

    public Cameras(Storage storage, BiConsumer<SiteCamera, CameraHealth> watcher) {
        BiConsumer<SiteCamera, CameraHealth> recorded = (camera, health) -> {
            storage.siteEvents().record(SiteEvent.ofCamera(camera.name(), health.state().name(), health.detail(), health.since()));
            watcher.accept(camera, health);
        };
        readers = storage.cameras().list().stream().filter(SiteCamera::enabled)
                .map(camera -> new CameraReader(camera, watchdogs, recorded)).toList();
    }

    public Cameras start() {
        readers.forEach(CameraReader::start);
        return this;
    }

    public List<CameraReader> readers() {
        return readers;
    }

    @Override
    public void close() {
        readers.parallelStream().forEach(CameraReader::close);
        watchdogs.shutdownNow();
    }
}
