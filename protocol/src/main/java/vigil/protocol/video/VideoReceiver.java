package vigil.protocol.video;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.Jpeg;

/**
 * Receives a node's camera frames (PROTOCOL.md §6): binds a UDP port, reads each datagram as
 * {@code <cam>:<img_id>:<JPEG>}, hands good frames on, and drops and counts the malformed ones by
 * reason. It measures each camera's frame rate over the last second.
 */
public final class VideoReceiver implements AutoCloseable {
    /** The largest UDP payload; Netty's default receive buffer for datagrams is far smaller. */
    private static final int MAX_DATAGRAM = 65_535;
    /** A nanosecond timestamp has 19 digits, as many as a long holds. */
    private static final int MAX_ID_DIGITS = 19;

    /** Why a datagram was dropped. */
    public enum Drop { NO_CAMERA, BAD_IMAGE_ID, NOT_A_JPEG }

    /** Counters at one moment: frames per camera, frames per second per camera, drops by reason. */
    public record Stats(Map<Camera, Long> frames, Map<Camera, Double> framesPerSecond, Map<Drop, Long> drops) {
    }

    private final Channel channel;
    private final Consumer<VideoFrame> frames;
    private final AtomicLongArray frameCounts = new AtomicLongArray(Camera.values().length);
    private final AtomicLongArray dropCounts = new AtomicLongArray(Drop.values().length);
    private final FrameRate[] rates = {new FrameRate(), new FrameRate()};

    private VideoReceiver(EventLoopGroup group, InetSocketAddress local, Consumer<VideoFrame> frames) throws InterruptedException {
        this.frames = frames;
        this.channel = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .handler(new Handler())
                .bind(local).sync().channel();
    }

    /** Binds {@code local} (port 0 picks a free one); {@code frames} is called on an event loop. */
    public static VideoReceiver bind(EventLoopGroup group, InetSocketAddress local, Consumer<VideoFrame> frames)
            throws InterruptedException {
        return new VideoReceiver(group, local, frames);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public Stats stats() {
        Map<Camera, Long> counts = new EnumMap<>(Camera.class);
        Map<Camera, Double> perSecond = new EnumMap<>(Camera.class);
        for (Camera camera : Camera.values()) {
            counts.put(camera, frameCounts.get(camera.ordinal()));
            perSecond.put(camera, rates[camera.ordinal()].perSecond(System.nanoTime()));
        }
        Map<Drop, Long> drops = new EnumMap<>(Drop.class);
        for (Drop drop : Drop.values()) {
            drops.put(drop, dropCounts.get(drop.ordinal()));
        }
        return new Stats(Map.copyOf(counts), Map.copyOf(perSecond), Map.copyOf(drops));
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }

    private void received(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int end = datagram.writerIndex();
        Camera camera = end - start >= 2 && datagram.getByte(start + 1) == ':' ? Camera.fromLetter(datagram.getByte(start)) : null;
        if (camera == null) {
            drop(Drop.NO_CAMERA);
            return;
        }
        int idStart = start + 2;
        int idEnd = datagram.indexOf(idStart, Math.min(end, idStart + MAX_ID_DIGITS + 1), (byte) ':');
        long imageId = idEnd < 0 ? -1 : digits(datagram, idStart, idEnd);
        if (imageId < 0) {
            drop(Drop.BAD_IMAGE_ID);
            return;
        }
        int jpegStart = idEnd + 1;
        int size = end - jpegStart;
        if (size < 4 || datagram.getUnsignedByte(jpegStart) != 0xFF || datagram.getUnsignedByte(jpegStart + 1) != 0xD8
                || datagram.getUnsignedByte(end - 2) != 0xFF || datagram.getUnsignedByte(end - 1) != 0xD9) {
            drop(Drop.NOT_A_JPEG);
            return;
        }
        byte[] jpeg = new byte[size];
        datagram.getBytes(jpegStart, jpeg);
        frameCounts.incrementAndGet(camera.ordinal());
        rates[camera.ordinal()].record(System.nanoTime());
        frames.accept(new VideoFrame(camera, imageId, Jpeg.wrapOwned(jpeg), Instant.now()));
    }

    private static long digits(ByteBuf buf, int start, int end) {
        if (end == start) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void drop(Drop reason) {
        dropCounts.incrementAndGet(reason.ordinal());
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received(packet.content());
        }
    }

    /** Frames seen in the last second, from a ring of arrival times. */
    private static final class FrameRate {
        private final long[] arrivals = new long[256];
        private int next;
        private int count;

        synchronized void record(long nanos) {
            arrivals[next] = nanos;
            next = (next + 1) % arrivals.length;
            count = Math.min(count + 1, arrivals.length);
        }

        synchronized double perSecond(long now) {
            int recent = 0;
            for (int i = 0; i < count; i++) {
                if (now - arrivals[i] <= 1_000_000_000L) {
                    recent++;
                }
            }
            return recent;
        }
    }
}
