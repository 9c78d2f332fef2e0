package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How Vigil opens a camera with FFmpeg: RTSP over TCP, a socket I/O timeout on every protocol
 * (without one a read on a dead session blocks for hours), a short stream analysis. FFmpeg's own
 * log is silenced: it prints input URLs, and a camera's URL may carry its password.
 */
final class FFmpegInput {
    static {
        av_log_set_level(AV_LOG_QUIET);
    }

    private FFmpegInput() {
    }

    /** A grabber for the camera, not yet started. */
    static FFmpegFrameGrabber grabber(CameraUrl url, String username, String password, Duration ioTimeout) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url.withCredentials(username, password));
        String timeout = Long.toString(ioTimeout.toNanos() / 1000);
        if (url.isRtsp()) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", timeout);
        } else {
            grabber.setOption("rw_timeout", timeout);
        }
        grabber.setOption("analyzeduration", "1000000");
        return grabber;
    }
}
