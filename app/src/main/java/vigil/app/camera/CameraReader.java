package vigil.app.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import vigil.storage.SiteCamera;

/**
 * Reads one camera on a thread of its own, for as long as it runs: connects, reads its compressed
 * packets (nothing is decoded here), and reconnects for ever when the camera goes away, first after
 * {@link #FIRST_RETRY}, backing off to {@link #MAX_RETRY}; a camera that keeps dropping its
 * sessions soon after they start is left for {@link #FLAPPING_RETRY}.
 *
 * <p><b>Health is a watchdog over the last frame's age</b>, not a wait for FFmpeg to say something:
 * a shared scheduler looks every {@link #WATCH_INTERVAL} and calls a camera STALLED after
 * max(2 s, two frame intervals) without a frame, OFFLINE after {@link #OFFLINE_AFTER}. The socket
 * I/O timeout is {@link #OFFLINE_AFTER} too, so a read never blocks longer than a camera can be
 * silent and still be called alive.
 *
 * <p><b>Pictures</b>: packets are decoded only while some tile shows the camera ({@link #show()}
 * counts them), once however many tiles do, on this thread, into a {@link PictureExchange} where the
 * newest picture wins.
 *
 * <p>Each change of health goes to the listener, in order, on whichever thread noticed it (the
 * reader's or the watchdog's): it must hand work off, not do it.
 */
public final class CameraReader implements AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration FLAPPING_RETRY = Duration.ofMinutes(5);
    static final Duration MIN_STALL = Duration.ofSeconds(2);
    static final Duration OFFLINE_AFTER = Duration.ofSeconds(20);
    static final Duration WATCH_INTERVAL = Duration.ofMillis(200);
    /** A session shorter than this that ended after frames came is a flap. */
    static final Duration STEADY_SESSION = Duration.ofSeconds(10);
    static final int FLAPS_BEFORE_PAUSE = 5;

    private final SiteCamera camera;
    private final CameraUrl url;
    private final BiConsumer<SiteCamera, CameraHealth> listener;
    private final Thread thread;
    private final ScheduledFuture<?> watchdog;
    private final Object transitions = new Object();
    private final PictureExchange pictures = new PictureExchange();
    private final AtomicInteger viewers = new AtomicInteger();
    private final LongAdder packetsRead = new LongAdder();
    private final LongAdder picturesDecoded = new LongAdder();

    private volatile boolean closed;
    private volatile long lastPacketNanos;
    private volatile long stallNanos = MIN_STALL.toNanos();
    private volatile CameraHealth health;

    public CameraReader(SiteCamera camera, ScheduledExecutorService watchdogs, BiConsumer<SiteCamera, CameraHealth> listener) {
        this.camera = camera;
        this.url = CameraUrl.parse(camera.url());
        this.listener = listener;
        this.health = new CameraHealth(CameraState.CONNECTING, Instant.now(), null, null);
        this.thread = Thread.ofPlatform().name("camera " + camera.name()).daemon().unstarted(this::run);
        this.watchdog = watchdogs.scheduleAtFixedRate(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public CameraReader start() {
        thread.start();
        return this;
    }

    public SiteCamera camera() {
        return camera;
    }

    public CameraHealth health() {
        return health;
    }

    /** One more tile shows this camera: its packets are decoded from the next keyframe on. */
    public void show() {
        viewers.incrementAndGet();
    }

    /** One tile fewer shows it; with none left, decoding stops. */
    public void hide() {
        viewers.decrementAndGet();
    }

    public PictureExchange pictures() {
        return pictures;
    }

    /** Video packets read since the reader started. */
    public long packetsRead() {
        return packetsRead.sum();
    }

    /** Pictures decoded since the reader started: never more than one per packet, however many tiles show it. */
    public long picturesDecoded() {
        return picturesDecoded.sum();
    }

    /** Stops reading; returns once the reader's thread has ended (at most an I/O timeout later). */
    @Override
    public void close() {
        closed = true;
        watchdog.cancel(false);
        thread.interrupt();
        try {
            thread.join(OFFLINE_AFTER.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        int flaps = 0;
        while (!closed) {
            long started = System.nanoTime();
            boolean delivered = session();
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
     * One connection, read until it ends; returns whether any frame came. A camera stays OFFLINE
     * while it is retried: the next change it reports is its return.
     */
    private boolean session() {
        FFmpegFrameGrabber grabber = FFmpegInput.grabber(url, camera.username(), camera.password(), OFFLINE_AFTER);
        boolean delivered = false;
        FrameDecoder decoder = null;
        try {
            grabber.start();
            if (grabber.getVideoStream() < 0) {
                transition(CameraState.OFFLINE, "no video in the stream", null);
                return false;
            }
            StreamInfo stream = new StreamInfo(grabber.getVideoCodecName(), grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate());
            if (stream.frameRate() > 0) {
                stallNanos = Math.max(MIN_STALL.toNanos(), (long) (2e9 / stream.frameRate()));
            }
            int video = grabber.getVideoStream();
            for (AVPacket packet; !closed && (packet = grabber.grabPacket()) != null; ) {
                if (packet.stream_index() != video) {
                    continue;
                }
                long arrived = System.nanoTime();
                lastPacketNanos = arrived;
                packetsRead.increment();
                if (viewers.get() > 0) {
                    if (decoder == null) {
                        decoder = new FrameDecoder(grabber.getFormatContext().streams(video).codecpar());
                    }
                    picturesDecoded.add(decoder.decode(packet, arrived, pictures));
                } else if (decoder != null) {
                    decoder.close();
                    decoder = null;
                }
                if (!delivered) {
                    delivered = true;
                    transition(CameraState.LIVE, stream.toString(), stream);
                } else if (health.state() != CameraState.LIVE) {
                    transition(CameraState.LIVE, "frames again", stream);
                }
            }
            if (!closed) {
                long silentNanos = System.nanoTime() - lastPacketNanos;
                transition(CameraState.OFFLINE, delivered && silentNanos >= OFFLINE_AFTER.toNanos() * 9 / 10
                        ? "no frame for " + seconds(silentNanos) : "the stream ended", stream);
            }
        } catch (FrameGrabber.Exception failure) {
            if (!closed) {
                transition(CameraState.OFFLINE, FFmpegErrors.describe(failure), health.stream());
            }
        } catch (IllegalStateException failure) { // the decoder's, in words
            transition(CameraState.OFFLINE, failure.getMessage(), health.stream());
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
        return delivered;
    }

    private void watch() {
        synchronized (transitions) {
            CameraState state = health.state();
            long silent = System.nanoTime() - lastPacketNanos;
            if ((state == CameraState.LIVE || state == CameraState.STALLED) && silent >= OFFLINE_AFTER.toNanos()) {
                transition(CameraState.OFFLINE, "no frame for " + seconds(silent), health.stream());
            } else if (state == CameraState.LIVE && silent >= stallNanos) {
                transition(CameraState.STALLED, "no frame for " + seconds(silent), health.stream());
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    /** Moves to {@code next} unless the camera is there already, and tells the listener, in order. */
    private void transition(CameraState next, String detail, StreamInfo stream) {
        synchronized (transitions) {
            if (health.state() != next) {
                health = new CameraHealth(next, Instant.now(), detail, stream);
                listener.accept(camera, health);
            }
        }
    }
}
