package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Writes a captured clip into an MP4 file by stream copy: the camera's packets as they came, never
 * decoded or encoded, timed from the clip's first packet, the index in front ({@code +faststart})
 * so that a player starts at once. A packet that came without a time, or from a stream whose times
 * do not hold ({@link CapturedClip#timedByArrival()}), is timed by its arrival; times that do not increase are nudged forward, as the muxer requires.
 */
final class Mp4Muxer {

    private Mp4Muxer() {
    }

    static void write(CapturedClip clip, Path file) throws IOException {
        AVFormatContext output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, "mp4", file.toString()), "cannot make an MP4 muxer");
        AVDictionary options = new AVDictionary(null);
        boolean opened = false;
        try {
            AVStream stream = avformat_new_stream(output, null);
            check(avcodec_parameters_copy(stream.codecpar(), clip.parameters()), "cannot copy the stream's parameters");
            stream.codecpar().codec_tag(0); // the camera's container tag means nothing in MP4
            AVRational input = new AVRational().num(clip.timeBaseNum()).den(clip.timeBaseDen());
            stream.time_base(input);
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "cannot open " + file);
            output.pb(io);
            opened = true;
            av_dict_set(options, "movflags", "+faststart", 0);
            check(avformat_write_header(output, options), "cannot write the MP4 header");
            AVRational muxed = stream.time_base();
            AVRational nanos = new AVRational().num(1).den(1_000_000_000);
            long firstDts = Long.MIN_VALUE;
            long lastDts = Long.MIN_VALUE;
            var firstArrival = clip.packets().getFirst().arrived();
            long frameDuration = av_rescale_q(frameInterval(clip).toNanos(), nanos, muxed);
            for (PacketRing.Entry entry : clip.packets()) {
                AVPacket packet = entry.packet();
                long dts;
                long pts;
                if (clip.timedByArrival() || packet.dts() == AV_NOPTS_VALUE && packet.pts() == AV_NOPTS_VALUE) {
                    dts = pts = av_rescale_q(Duration.between(firstArrival, entry.arrived()).toNanos(), nanos, muxed);
                } else {
                    long rawDts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                    long rawPts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : rawDts;
                    if (firstDts == Long.MIN_VALUE) {
                        firstDts = rawDts;
                    }
                    dts = av_rescale_q(rawDts - firstDts, input, muxed);
                    pts = av_rescale_q(rawPts - firstDts, input, muxed);
                }
                if (dts <= lastDts) {
                    dts = lastDts + 1;
                }
                pts = Math.max(pts, dts);
                lastDts = dts;
                packet.stream_index(0);
                packet.dts(dts);
                packet.pts(pts);
                packet.duration(packet.duration() > 0 && !clip.timedByArrival() ? av_rescale_q(packet.duration(), input, muxed) : frameDuration);
                packet.pos(-1);
                check(av_interleaved_write_frame(output, packet), "cannot write a frame");
            }
            check(av_write_trailer(output), "cannot finish the MP4");
            check(output.pb().error(), "cannot write the MP4");
            opened = false;
            check(avio_closep(output.pb()), "cannot write the MP4"); // flushes the last bytes: a full disk shows here too
        } finally {
            av_dict_free(options);
            if (opened) {
                avio_closep(output.pb());
            }
            avformat_free_context(output);
        }
    }

    /** The clip's average time between frames, for the last frame's duration. */
    private static Duration frameInterval(CapturedClip clip) {
        int frames = clip.frames();
        return frames < 2 ? Duration.ofMillis(40) : Duration.between(clip.firstFrame(), clip.lastFrame()).dividedBy(frames - 1);
    }

    private static void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + ": " + FFmpegErrors.describe(result));
        }
    }
}
