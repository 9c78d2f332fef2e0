package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
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
 * newest picture wins. A camera that comes on screen is decoded from the keyframe before the packet
 * at hand, out of the ring, so its first picture is the newest at once, not seconds later at the
 * next keyframe (cameras send one every 2 to 4 s).
 *
 * <p><b>Clips</b>: every packet also goes into a {@link PacketRing} that reaches back the camera's
 * clip {@code pre} and a {@link ClipCaptures#RING_MARGIN}, and to its {@link ClipCaptures}. Nothing is decoded
 * for them.
 */
public final class CameraReader implements CameraFeed, ClipSource, AutoCloseable {
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration FLAPPING_RETRY = Duration.ofMinutes(5);
    /** A session shorter than this that ended after frames came is a flap. */
    static final Duration STEADY_SESSION = Duration.ofSeconds(10);
    static final int FLAPS_BEFORE_PAUSE = 5;
    static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    /** How often a reader waiting to reconnect looks at the clips asked of it. */
    private static final Duration REQUEST_CHECK = Duration.ofMillis(500);

    /** How a session ended: with nothing, after frames, or after the one picture of a snapshot. */
    private enum Session { NOTHING, FRAMES, SNAPSHOT }

    private final SiteCamera camera;
    private final CameraUrl url;
    private final Thread thread;
    private final FrameWatch watch;
    private final PictureExchange pictures = new PictureExchange();
    private final AtomicInteger viewers = new AtomicInteger();
    private final LongAdder picturesDecoded = new LongAdder();
    private final ClipCaptures clips;
    private final PacketRing ring;
    private volatile boolean closed;
    private volatile long fit;
    private volatile long ringBytes;

    public CameraReader(SiteCamera camera, ScheduledExecutorService watchdogs, BiConsumer<SiteCamera, CameraHealth> listener) {
        this.camera = camera;
        this.url = CameraUrl.parse(camera.url());
        this.watch = new FrameWatch(watchdogs, health -> listener.accept(camera, health));
        this.clips = new ClipCaptures(camera.clips().pre());
        this.ring = clips.ring();
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

    @Override
    public String clipName() {
        return camera.name();
    }

    @Override
    public boolean owesClip(NodeAddress node, Area zone) {
        return camera.zones().contains(zone);
    }

    @Override
    public Area zone() {
        return camera.zones().size() == 1 ? camera.zones().getFirst() : Area.UNKNOWN;
    }

    @Override
    public SiteCamera.ClipWindow clipWindow() {
        return camera.clips();
    }

    @Override
    public ClipCapture capture(Instant from, Instant until) {
        ClipCapture result = clips.ask(from, until);
        if (closed || !thread.isAlive() && thread.getState() != Thread.State.NEW) {
            clips.refuse("the camera's reader has stopped"); // it may have stopped after this was queued
        }
        return result;
    }

    /** Bytes of compressed video the clip ring holds now. */
    public long ringBytes() {
        return ringBytes;
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
        try {
            readForEver();
        } finally {
            endCaptures();
            clips.refuse("the camera's reader has stopped");
        }
    }

    private void readForEver() {
        int failures = 0;
        int flaps = 0;
        while (!closed) {
            long started = System.nanoTime();
            Session ended = session();
            if (ended == Session.SNAPSHOT) { // its clips go on over its sessions: each is one picture
                failures = 0;
                flaps = 0;
                try {
                    Thread.sleep(SNAPSHOT_INTERVAL);
                } catch (InterruptedException e) {
                    return; // closed
                }
                continue;
            }
            endCaptures();
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
                waitToReconnect(retryDelay(failures, flaps));
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    /** Sleeps before the next connection, failing meanwhile the clips whose time passed with no frames. */
    private void waitToReconnect(Duration delay) throws InterruptedException {
        long end = System.nanoTime() + delay.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.min(left, REQUEST_CHECK.toNanos()) / 1_000_000 + 1);
            clips.expire(Instant.now(), when -> "the camera sent no frames " + when + " (" + watch.health() + ")");
        }
    }

    /** The session ended: each clip being filled is handed over with what it has. */
    private void endCaptures() {
        clips.streamEnded();
        ringBytes = 0;
    }

    /** Says when the camera's keyframes come further apart than its clips reach back. */
    private void checkKeyframes() {
        Duration interval = ring.keyframeInterval();
        Duration pre = camera.clips().pre();
        watch.warn(interval != null && interval.compareTo(pre) > 0
                ? "keyframes every " + FrameWatch.seconds(interval.toNanos()) + ", more than the " + pre.toSeconds()
                        + " s its clips reach back: clips will start late"
                : null);
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
            var videoStream = grabber.getFormatContext().streams(video);
            for (AVPacket packet; !closed && (packet = grabber.grabPacket()) != null; ) {
                try {
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    long arrived = System.nanoTime();
                    frames++;
                    watch.frame(arrived, packet.size(), stream);
                    PacketRing.Entry entry = ring.add(packet, Instant.now());
                    if (entry != null) {
                        ringBytes = ring.bytes();
                        if (entry.key()) {
                            checkKeyframes();
                        }
                        clips.offer(entry, packets -> new CapturedClip(videoStream, stream.codec(), !url.isRtsp(), packets));
                    }
                    if (viewers.get() > 0) {
                        if (decoder == null) {
                            decoder = new FrameDecoder(grabber.getFormatContext().streams(video).codecpar());
                            if (entry != null) {
                                decoder.catchUp(ring.leadingUpTo(entry));
                            }
                        }
                        picturesDecoded.add(decoder.decode(packet, arrived, pictures, fit));
                    } else if (decoder != null) {
                        decoder.close();
                        decoder = null;
                    }
                } finally {
                    av_packet_unref(packet); // javacv leaves each packet it reads to its caller: kept, it is a leak of every frame
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
        } catch (RuntimeException failure) { // never let one bad session end the reader and strand its clips
            watch.failed("the reader failed: " + failure);
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
