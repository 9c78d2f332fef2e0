package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A camera's packets for one clip, as they arrived, with what a muxer needs to know of their
 * stream. Filled on the camera's reader thread until its end has passed ({@link ClipCaptures}), then
 * handed whole to whoever writes it; it owns its packets and parameters until {@link #close()}.
 */
public final class CapturedClip implements AutoCloseable {
    private final AVCodecParameters parameters;
    private final int timeBaseNum;
    private final int timeBaseDen;
    private final String codec;
    private final boolean timedByArrival;
    private final List<PacketRing.Entry> packets;

    /**
     * {@code timedByArrival}: the stream's own times do not hold across the clip (an HTTP camera's:
     * a snapshot camera's restart at each picture, MJPEG's assume 25 fps), so frames are timed by
     * when they arrived.
     */
    CapturedClip(AVStream stream, String codec, boolean timedByArrival, List<PacketRing.Entry> packets) {
        this(copy(stream.codecpar()), stream.time_base().num(), stream.time_base().den(), codec, timedByArrival, packets);
    }

    private CapturedClip(AVCodecParameters parameters, int timeBaseNum, int timeBaseDen, String codec, boolean timedByArrival,
                         List<PacketRing.Entry> packets) {
        this.parameters = parameters;
        this.timeBaseNum = timeBaseNum;
        this.timeBaseDen = timeBaseDen;
        this.codec = codec;
        this.timedByArrival = timedByArrival;
        this.packets = new ArrayList<>(packets);
    }

    /** A clip of JPEG pictures as they came (a node's camera): MJPEG, timed by arrival. */
    static CapturedClip ofJpegs(int width, int height, List<PacketRing.Entry> packets) {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        parameters.codec_type(AVMEDIA_TYPE_VIDEO);
        parameters.codec_id(AV_CODEC_ID_MJPEG);
        parameters.width(width);
        parameters.height(height);
        return new CapturedClip(parameters, 1, 90_000, "mjpeg", true, packets);
    }

    private static AVCodecParameters copy(AVCodecParameters source) {
        AVCodecParameters copy = avcodec_parameters_alloc();
        avcodec_parameters_copy(copy, source);
        return copy;
    }

    /** Takes a packet (a reference of the clip's own). */
    void add(PacketRing.Entry packet) {
        packets.add(packet.copy());
    }

    public String codec() {
        return codec;
    }

    public int frames() {
        return packets.size();
    }

    public Instant firstFrame() {
        return packets.getFirst().arrived();
    }

    public Instant lastFrame() {
        return packets.getLast().arrived();
    }

    boolean timedByArrival() {
        return timedByArrival;
    }

    AVCodecParameters parameters() {
        return parameters;
    }

    int timeBaseNum() {
        return timeBaseNum;
    }

    int timeBaseDen() {
        return timeBaseDen;
    }

    List<PacketRing.Entry> packets() {
        return packets;
    }

    @Override
    public void close() {
        packets.forEach(PacketRing.Entry::free);
        packets.clear();
        avcodec_parameters_free(parameters);
    }
}
