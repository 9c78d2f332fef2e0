package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Connects to a camera once and reads a few frames: what {@code vigil cameras test} reports. */
public final class CameraProbe {

    /** What a camera sends; {@code keyframeInterval} is in frames, 0 when fewer than two keyframes came. */
    public record Result(StreamInfo stream, int keyframeInterval, int framesRead) {
    }

    private CameraProbe() {
    }

    /**
     * Reads until two keyframes have come or {@code patience} is over; throws an
     * {@link IllegalStateException} that says in words why the camera cannot be read.
     */
    public static Result probe(CameraUrl url, String username, String password, Duration patience) {
        FFmpegFrameGrabber grabber = FFmpegInput.grabber(url, username, password, patience);
        try {
            grabber.start();
            if (grabber.getVideoStream() < 0) {
                throw new IllegalStateException("no video in the stream");
            }
            StreamInfo stream = new StreamInfo(grabber.getVideoCodecName(), grabber.getImageWidth(), grabber.getImageHeight(),
                    grabber.getFrameRate());
            int frames = 0;
            int firstKey = -1;
            int interval = 0;
            long deadline = System.nanoTime() + patience.toNanos();
            for (AVPacket packet; interval == 0 && System.nanoTime() < deadline && (packet = grabber.grabPacket()) != null; ) {
                try {
                    if (packet.stream_index() != grabber.getVideoStream()) {
                        continue;
                    }
                    if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                        if (firstKey >= 0) {
                            interval = frames - firstKey;
                        }
                        firstKey = frames;
                    }
                    frames++;
                } finally {
                    av_packet_unref(packet); // javacv leaves each packet it reads to its caller
                }
            }
            if (frames == 0) {
                throw new IllegalStateException("connected, but no frame came within " + patience.toSeconds() + " s");
            }
            return new Result(stream, interval, frames);
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException(FFmpegErrors.describe(e));
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // probed either way
            }
        }
    }
}
