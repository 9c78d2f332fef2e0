package vigil.app.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A camera's health, judged by the age of its last frame rather than by waiting for a player to say
 * something: a scheduler looks every {@link #WATCH_INTERVAL} and calls a LIVE camera STALLED after
 * max(2 s, two frame intervals) without a frame, and OFFLINE after {@link #OFFLINE_AFTER}. The
 * camera's reader reports frames and the failures it sees. Changes go to the listener in order,
 * from whichever thread noticed them: it must hand work off, not do it.
 */
public final class FrameWatch implements AutoCloseable {
    static final Duration MIN_STALL = Duration.ofSeconds(2);
    static final Duration OFFLINE_AFTER = Duration.ofSeconds(20);
    static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

    /** Frames and bytes so far, and the last frame's time ({@link System#nanoTime()}, 0 before the first). */
    public record Counters(long frames, long bytes, long lastFrameNanos) {
    }

    private final Consumer<CameraHealth> listener;
    private final ScheduledFuture<?> ticks;
    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile long lastFrameNanos;
    private volatile long stallNanos = MIN_STALL.toNanos();
    private volatile CameraHealth health = new CameraHealth(CameraState.CONNECTING, Instant.now(), null, null, null);

    FrameWatch(ScheduledExecutorService scheduler, Consumer<CameraHealth> listener) {
        this.listener = listener;
        this.ticks = scheduler.scheduleAtFixedRate(this::tick, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    CameraHealth health() {
        return health;
    }

    Counters counters() {
        return new Counters(frames.sum(), bytes.sum(), lastFrameNanos);
    }

    /** The stream says how often frames come: a stall is two of its intervals, 2 s at least. */
    void frameRate(double framesPerSecond) {
        if (framesPerSecond > 0) {
            stallNanos = Math.max(MIN_STALL.toNanos(), (long) (2e9 / framesPerSecond));
        }
    }

    /** A frame came, at {@code nanos}; the first one (or the first after a stall) makes the camera LIVE. */
    void frame(long nanos, int size, StreamInfo stream) {
        lastFrameNanos = nanos;
        frames.increment();
        bytes.add(size);
        if (health.state() != CameraState.LIVE) {
            to(CameraState.LIVE, stream == null ? "frames" : stream.toString(), stream);
        }
    }

    /** The reader lost or could not open the stream. */
    void failed(String why) {
        to(CameraState.OFFLINE, why, health.stream());
    }

    /** Whether no frame came for {@code OFFLINE_AFTER} (nine tenths of it, for a read that timed out at that). */
    boolean silentTooLong(long now) {
        return lastFrameNanos != 0 && now - lastFrameNanos >= OFFLINE_AFTER.toNanos() * 9 / 10;
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private synchronized void tick() {
        CameraState state = health.state();
        long silent = System.nanoTime() - lastFrameNanos;
        if ((state == CameraState.LIVE || state == CameraState.STALLED) && silent >= OFFLINE_AFTER.toNanos()) {
            to(CameraState.OFFLINE, "no frame for " + seconds(silent), health.stream());
        } else if (state == CameraState.LIVE && silent >= stallNanos) {
            to(CameraState.STALLED, "no frame for " + seconds(silent), health.stream());
        }
    }

    /** Moves to {@code next} unless the camera is there already, and tells the listener. */
    private synchronized void to(CameraState next, String detail, StreamInfo stream) {
        if (health.state() != next) {
            health = new CameraHealth(next, Instant.now(), detail, stream, health.warning());
            listener.accept(health);
        }
    }

    /** Something is wrong with a camera that works (null: nothing is any more); the listener hears of a change. */
    synchronized void warn(String warning) {
        if (!java.util.Objects.equals(health.warning(), warning)) {
            health = new CameraHealth(health.state(), health.since(), health.detail(), health.stream(), warning);
            listener.accept(health);
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
