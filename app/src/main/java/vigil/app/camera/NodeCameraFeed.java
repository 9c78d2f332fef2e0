package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.video.VideoFrame;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;
import vigil.storage.SiteCamera;

/**
 * A node's camera A or B as a wall camera: while some tile shows it the node is asked to stream it
 * ({@code MC_CA}/{@code MC_CB}) and its UDP JPEG frames are decoded, on a thread of its own, newest
 * first; when no tile shows it any more, {@code MC_MP} stops the stream. Its health is watched only
 * while it streams: a camera nobody asked for is not offline.
 *
 * <p>While it streams, the same thread rings every JPEG as it came (the default clip window), so
 * that an incident of its node gets a clip of it: the pictures as they are, MJPEG in MP4.
 */
public final class NodeCameraFeed implements CameraFeed, ClipSource, AutoCloseable {
    private static final SiteCamera.ClipWindow CLIP_WINDOW = SiteCamera.ClipWindow.DEFAULT;
    /** How often the thread looks whether the stream was stopped, to hand over the clips it was filling. */
    private static final long IDLE_CHECK_NANOS = 500_000_000L;

    private final NodeLink link;
    private final Camera camera;
    private final String name;
    private final ScheduledExecutorService watchdogs;
    private final PictureExchange pictures = new PictureExchange();
    private final AtomicInteger viewers = new AtomicInteger();
    private final AtomicReference<Arrived> newest = new AtomicReference<>();
    private final Queue<Arrived> toRing = new ConcurrentLinkedQueue<>();
    private final ClipCaptures clips = new ClipCaptures(CLIP_WINDOW.pre());
    private final Thread decoding;
    private volatile FrameWatch watch;
    private volatile boolean closed;
    private volatile long fit;

    /** A frame and when it came off the socket, for the packet-to-screen delay. */
    private record Arrived(VideoFrame frame, long nanos) {
    }

    public NodeCameraFeed(NodeLink link, Camera camera, ScheduledExecutorService watchdogs) {
        this.link = link;
        this.camera = camera;
        this.name = link.address() + " camera " + camera;
        this.watchdogs = watchdogs;
        this.watch = new FrameWatch(watchdogs, health -> { });
        this.decoding = Thread.ofPlatform().name(name).daemon().start(this::decode);
    }

    @Override
    public String name() {
        return name;
    }

    public Camera camera() {
        return camera;
    }

    @Override
    public String clipName() {
        return name;
    }

    /** Its node's incidents, while it streams: a camera nobody asked for has nothing to clip. */
    @Override
    public boolean owesClip(NodeAddress node, Area zone) {
        return viewers.get() > 0 && link.address().equals(node);
    }

    @Override
    public Area zone() {
        return Area.UNKNOWN; // a node's camera turns to whatever its node follows
    }

    @Override
    public SiteCamera.ClipWindow clipWindow() {
        return CLIP_WINDOW;
    }

    @Override
    public ClipCapture capture(Instant from, Instant until) {
        ClipCapture result = clips.ask(from, until);
        if (closed || viewers.get() == 0) {
            clips.refuse("the node's camera " + camera + " stopped streaming"); // after this was asked, perhaps
        }
        LockSupport.unpark(decoding);
        return result;
    }

    @Override
    public CameraHealth health() {
        return watch.health();
    }

    @Override
    public void show() {
        if (viewers.getAndIncrement() == 0) {
            watch.close();
            watch = new FrameWatch(watchdogs, health -> { });
            FrameWatch asked = watch;
            link.send(new StartCamera(camera)).whenComplete((ok, refused) -> {
                if (refused != null) {
                    asked.failed("the node refused: " + refused.getMessage());
                }
            });
        }
    }

    @Override
    public void hide() {
        if (viewers.decrementAndGet() == 0) {
            link.send(new StopCamera());
        }
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

    /** A frame of this camera from the console's UDP port; on the receiver's event loop, so it only hands it on. */
    public void received(VideoFrame frame) {
        if (viewers.get() == 0) {
            return;
        }
        long now = System.nanoTime();
        watch.frame(now, frame.image().size(), null);
        Arrived arrived = new Arrived(frame, now);
        newest.set(arrived);
        toRing.add(arrived);
        LockSupport.unpark(decoding);
    }

    private void decode() {
        try (FrameDecoder decoder = new FrameDecoder(AV_CODEC_ID_MJPEG)) {
            AVPacket packet = av_packet_alloc();
            try {
                while (!closed) {
                    boolean rang = false;
                    for (Arrived arrived; (arrived = toRing.poll()) != null; rang = true) {
                        ring(arrived, packet);
                    }
                    if (viewers.get() == 0) {
                        clips.streamEnded(); // the stream was stopped: clips being filled go with what they have
                        clips.refuse("the node's camera " + camera + " stopped streaming");
                    }
                    Arrived arrived = newest.getAndSet(null);
                    if (arrived == null) {
                        if (!rang) {
                            LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
                        }
                        continue;
                    }
                    if (fill(packet, arrived)) {
                        decoder.decode(packet, arrived.nanos(), pictures, fit);
                        av_packet_unref(packet);
                    }
                }
            } finally {
                clips.streamEnded();
                clips.refuse("the console is closing");
                av_packet_free(packet);
            }
        }
    }

    /** Rings one JPEG as it came, and gives it to the clips being filled. */
    private void ring(Arrived arrived, AVPacket packet) {
        if (!fill(packet, arrived)) {
            return;
        }
        PacketRing.Entry entry = clips.ring().add(packet, arrived.frame().receivedAt());
        av_packet_unref(packet);
        if (entry != null) {
            clips.offer(entry, packets -> { // the picture's size is read only when a clip starts
                int[] size = jpegSize(arrived.frame().image().asReadOnlyBuffer());
                return CapturedClip.ofJpegs(size[0], size[1], packets);
            });
        }
    }

    /** Puts the frame's JPEG into {@code packet} (a keyframe, as every JPEG is); false when there is no memory for it. */
    private static boolean fill(AVPacket packet, Arrived arrived) {
        ByteBuffer jpeg = arrived.frame().image().asReadOnlyBuffer();
        if (av_new_packet(packet, jpeg.remaining()) != 0) {
            return false;
        }
        packet.data().capacity(jpeg.remaining()).asByteBuffer().put(jpeg);
        packet.flags(AV_PKT_FLAG_KEY);
        return true;
    }

    /** A JPEG's width and height, from its start-of-frame segment; zeros when it has none. */
    static int[] jpegSize(ByteBuffer jpeg) {
        int at = jpeg.position() + 2; // after SOI
        while (at + 9 < jpeg.limit()) {
            if ((jpeg.get(at) & 0xff) != 0xff) {
                return new int[] {0, 0};
            }
            int marker = jpeg.get(at + 1) & 0xff;
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return new int[] {jpeg.getShort(at + 7) & 0xffff, jpeg.getShort(at + 5) & 0xffff};
            }
            at += 2 + (jpeg.getShort(at + 2) & 0xffff);
        }
        return new int[] {0, 0};
    }

    @Override
    public void close() {
        closed = true;
        watch.close();
        LockSupport.unpark(decoding);
    }
}
