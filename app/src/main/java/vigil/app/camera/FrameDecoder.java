package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB32;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one session's video packets to ARGB pictures at the stream's own size, for as long as
 * some tile shows the camera. It starts at a keyframe, so the first picture is whole. Used on the
 * camera's reader thread only.
 */
final class FrameDecoder implements AutoCloseable {
    private static final long CATCH_UP_BUDGET_NANOS = 500_000_000;
    private final AVCodecContext context;
    private final AVFrame frame = av_frame_alloc();
    private final PointerPointer<BytePointer> destination = new PointerPointer<>(1);
    private final IntPointer destinationStride = new IntPointer(1);
    private SwsContext scaler;
    private boolean started;

    /** A decoder for a stream, as its container describes it. */
    FrameDecoder(AVCodecParameters parameters) {
        this(parameters.codec_id(), parameters);
    }

    /** A decoder for a codec that needs no description, such as MJPEG. */
    FrameDecoder(int codecId) {
        this(codecId, null);
    }

    private FrameDecoder(int codecId, AVCodecParameters parameters) {
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new IllegalStateException("unsupported codec");
        }
        context = avcodec_alloc_context3(codec);
        if (parameters != null && avcodec_parameters_to_context(context, parameters) < 0
                || avcodec_open2(context, codec, (AVDictionary) null) < 0) {
            close();
            throw new IllegalStateException("cannot open the decoder");
        }
    }

    /**
     * Decodes a packet; each whole picture goes to {@code exchange}, scaled down to fit within
     * {@code fit} ({@link #fitted}) if it is larger. Returns how many came out.
     */
    int decode(AVPacket packet, long arrivedNanos, PictureExchange exchange, long fit) {
        if (!started && (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
            return 0;
        }
        started = true;
        if (avcodec_send_packet(context, packet) < 0) {
            return 0; // a damaged packet: the decoder recovers at the next one
        }
        int pictures = 0;
        while (avcodec_receive_frame(context, frame) == 0) {
            exchange.publish(convert(arrivedNanos, exchange, fit));
            pictures++;
        }
        return pictures;
    }

    /**
     * Decodes packets and shows none: those that came before the one at hand since its keyframe,
     * so that a decoder started within a group of pictures can decode the packet at hand. A group
     * that takes longer than {@link #CATCH_UP_BUDGET_NANOS} is given up (the reader would fall
     * behind its camera): the decoder then starts at the next keyframe.
     */
    void catchUp(List<AVPacket> earlier) {
        long deadline = System.nanoTime() + CATCH_UP_BUDGET_NANOS;
        for (AVPacket packet : earlier) {
            if (System.nanoTime() > deadline) {
                avcodec_flush_buffers(context);
                started = false;
                return;
            }
            if (!started && (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                continue;
            }
            started = true;
            if (avcodec_send_packet(context, packet) == 0) {
                while (avcodec_receive_frame(context, frame) == 0) {
                    // only the newest picture is shown
                }
            }
        }
    }

    /** A width and height packed in a long, as the screen asks for them; zero for the stream's own size. */
    static long fitted(int width, int height) {
        return (long) width << 32 | height & 0xFFFFFFFFL;
    }

    private Picture convert(long arrivedNanos, PictureExchange exchange, long fit) {
        int sourceWidth = frame.width();
        int sourceHeight = frame.height();
        int fitWidth = (int) (fit >>> 32);
        int fitHeight = (int) fit;
        int width = sourceWidth;
        int height = sourceHeight;
        if (fitWidth > 0 && fitHeight > 0) {
            // Down only: a picture scaled up costs the scaler more than it shows the operator.
            double scale = Math.min(1, Math.min((double) fitWidth / sourceWidth, (double) fitHeight / sourceHeight));
            width = Math.max(2, (int) Math.round(sourceWidth * scale) & ~1);
            height = Math.max(2, (int) Math.round(sourceHeight * scale) & ~1);
        }
        scaler = sws_getCachedContext(scaler, sourceWidth, sourceHeight, frame.format(), width, height, AV_PIX_FMT_RGB32, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        ByteBuffer argb = exchange.buffer(width * height * 4);
        try (BytePointer target = new BytePointer(argb)) {
            destination.put(0, target);
            destinationStride.put(0, width * 4);
            sws_scale(scaler, frame.data(), frame.linesize(), 0, sourceHeight, destination, destinationStride);
        }
        return new Picture(width, height, argb, arrivedNanos);
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        av_frame_free(frame);
        avcodec_free_context(context);
        destination.close();
        destinationStride.close();
    }
}
