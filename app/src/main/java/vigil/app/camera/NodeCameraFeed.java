package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import vigil.protocol.link.NodeLink;
import vigil.protocol.video.VideoFrame;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/**
 * A node's camera A or B as a wall camera: while some tile shows it the node is asked to stream it
 * ({@code MC_CA}/{@code MC_CB}) and its UDP JPEG frames are decoded, on a thread of its own, newest
 * first; when no tile shows it any more, {@code MC_MP} stops the stream. Its health is watched only
 * while it streams: a camera nobody asked for is not offline.
 */
public final class NodeCameraFeed implements CameraFeed, AutoCloseable {
    private final NodeLink link;
    private final Camera camera;
    private final String name;
    private final ScheduledExecutorService watchdogs;
    private final PictureExchange pictures = new PictureExchange();
    private final AtomicInteger viewers = new AtomicInteger();
    private final AtomicReference<Arrived> newest = new AtomicReference<>();
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
        newest.set(new Arrived(frame, now));
        LockSupport.unpark(decoding);
    }

    private void decode() {
        try (FrameDecoder decoder = new FrameDecoder(AV_CODEC_ID_MJPEG)) {
            AVPacket packet = av_packet_alloc();
            try {
                while (!closed) {
                    Arrived arrived = newest.getAndSet(null);
                    if (arrived == null) {
                        LockSupport.park(this);
                        continue;
                    }
                    ByteBuffer jpeg = arrived.frame().image().asReadOnlyBuffer();
                    if (av_new_packet(packet, jpeg.remaining()) == 0) {
                        packet.data().capacity(jpeg.remaining()).asByteBuffer().put(jpeg);
                        packet.flags(AV_PKT_FLAG_KEY);
                        decoder.decode(packet, arrived.nanos(), pictures, fit);
                        av_packet_unref(packet);
                    }
                }
            } finally {
                av_packet_free(packet);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watch.close();
        LockSupport.unpark(decoding);
    }
}
