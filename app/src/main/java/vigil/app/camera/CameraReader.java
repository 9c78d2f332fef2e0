package vigil.app.camera;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import vigil.storage.SiteCamera;

/**
 * Reads one camera on a thread of its own, for as long as it runs: connects, reads its compressed
 * packets, and reconnects for ever when the camera goes away, first after
 * {@link #FIRST_RETRY}, backing off to {@link #MAX_RETRY}; a camera that keeps dropping its
 * sessions soon after they start is left for {@link #FLAPPING_RETRY}. An HTTP camera that answers
 * with one picture and ends (a JPEG snapshot URL) is asked again every {@link #SNAPSHOT_INTERVAL}.
 *
 * <p><b>Health</b> is a {@link FrameWatch} over the last frame's age. The socket I/O timeout is
 * its offline time too, so a read never blocks longer than a camera can be silent and still be
 * called alive.
 *
 * <p><b>Pictures</b>: packets are decoded only while some tile shows the camera ({@link #show()}
 * counts them), once however many tiles do, on this thread, into a {@link PictureExchange} where the
 * newest picture wins.
 */
public final class CameraReader implements CameraFeed, AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration FLAPPING_RETRY = Duration.ofMinutes(5);
    /** A session shorter than this that ended after frames came is a flap. */
    static final Duration STEADY_SESSION = Duration.ofSeconds(10);
    static final int FLAPS_BEFORE_PAUSE = 5;
    static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);

    /** How a session ended: with nothing, after frames, or after the one picture of a snapshot. */
    private enum Session { NOTHING, FRAMES, SNAPSHOT }

    private final SiteCamera camera;
    private final CameraUrl url;
    private final Thread thread;
    private final FrameWatch watch;
    private final PictureExchange pictures = new PictureExchange();
    private final AtomicInteger viewers = new AtomicInteger();
    private final LongAdder picturesDecoded = new LongAdder();
    private volatile boolean closed;
    private volatile long fit;

    public CameraReader(SiteCamera camera, ScheduledExecutorService watchdogs, BiConsumer<SiteCamera, CameraHealth> listener) {
        this.camera = camera;
        this.url = CameraUrl.parse(camera.url());
        this.watch = new FrameWatch(watchdogs, health -> listener.accept(camera, health));
        this.thread = Thread.ofPlatform().name("camera " + camera.name()).daemon().unstarted(this::run);
    }

    public CameraReader start() {
        thread.start();
        return this;
    }

    public SiteCamera camera() {
        return camera;
    }

    @Override
    public String name() {
        return camera.name();
    }

    @Override
    public CameraHealth health() {
        return watch.health();
    }

    @Override
    public void show() {
        viewers.incrementAndGet();
    }

    @Override
    public void hide() {
        viewers.decrementAndGet();
    }

    @Override
    public void fitWithin(int width, int height) {
        fit = FrameDecoder.fitted(width, height);
    }

    @Override
    public PictureExchange pictures() {
        return pictures;
    }

    @Override
    public FrameWatch.Counters counters() {
        return watch.counters();
    }

    /** Pictures decoded since the reader started: never more than one per packet, however many tiles show it. */
    public long picturesDecoded() {
        return picturesDecoded.sum();
    }

    /** Stops reading; returns once the reader's thread has ended (at most an I/O timeout later). */
    @Override
    public void close() {
        closed = true;
        watch.close();
        thread.interrupt();
        try {
            thread.join(FrameWatch.OFFLINE_AFTER.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        int flaps = 0;
        while (!closed) {
            long started = System.nanoTime();
            Session ended = session();
            if (ended == Session.SNAPSHOT) {
                failures = 0;
                flaps = 0;
                try {
                    Thread.sleep(SNAPSHOT_INTERVAL);
                } catch (InterruptedException e) {
                    return; // closed
                }
                continue;
            }
            boolean delivered = ended == Session.FRAMES;
            boolean steady = System.nanoTime() - started >= STEADY_SESSION.toNanos();
            if (delivered && steady) {
                failures = 0;
                flaps = 0;
            } else {
                failures++;
                flaps += delivered ? 1 : 0;
            }
            try {
                Thread.sleep(retryDelay(failures, flaps));
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    static Duration retryDelay(int failures, int flaps) {
        if (flaps >= FLAPS_BEFORE_PAUSE) {
            return FLAPPING_RETRY;
        }
        long millis = FIRST_RETRY.toMillis() << Math.clamp(failures - 1, 0, 10);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
    }

    /**
     * One connection, read until it ends; says whether frames came. A camera stays OFFLINE while it
     * is retried: the next change it reports is its return.
     */
    private Session session() {
        FFmpegFrameGrabber grabber = FFmpegInput.grabber(url, camera.username(), camera.password(), FrameWatch.OFFLINE_AFTER);
        long frames = 0;
        FrameDecoder decoder = null;
        try {
            grabber.start();
            int video = grabber.getVideoStream();
            if (video < 0) {
                watch.failed("no video in the stream");
                return Session.NOTHING;
            }
            StreamInfo stream = new StreamInfo(grabber.getVideoCodecName(), grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate());
            watch.frameRate(stream.frameRate());
            for (AVPacket packet; !closed && (packet = grabber.grabPacket()) != null; ) {
                if (packet.stream_index() != video) {
                    continue;
                }
                long arrived = System.nanoTime();
                frames++;
                watch.frame(arrived, packet.size(), stream);
                if (viewers.get() > 0) {
                    if (decoder == null) {
                        decoder = new FrameDecoder(grabber.getFormatContext().streams(video).codecpar());
                    }
                    picturesDecoded.add(decoder.decode(packet, arrived, pictures, fit));
                } else if (decoder != null) {
                    decoder.close();
                    decoder = null;
                }
            }
            if (frames == 1 && !url.isRtsp()) {
                return Session.SNAPSHOT; // one picture, then the end: asked again, not failed
            }
            if (!closed) {
                watch.failed(watch.silentTooLong(System.nanoTime())
                        ? "no frame for " + FrameWatch.seconds(System.nanoTime() - watch.counters().lastFrameNanos()) : "the stream ended");
            }
        } catch (FrameGrabber.Exception failure) {
            if (!closed) {
                watch.failed(FFmpegErrors.describe(failure));
            }
        } catch (IllegalStateException failure) { // the decoder's, in words
            watch.failed(failure.getMessage());
        } finally {
            if (decoder != null) {
                decoder.close();
            }
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // the session is over either way
            }
        }
        return frames > 0 ? Session.FRAMES : Session.NOTHING;
    }
}
