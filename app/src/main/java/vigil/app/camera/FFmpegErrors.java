package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PROTOCOL_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's failures in an operator's words. javacv's messages carry the URL, credentials included,
 * so only the error number is read from them, never the text.
 */
final class FFmpegErrors {
    private static final Pattern ERROR_NUMBER = Pattern.compile("error (-?\\d+)");
    /** Linux's errno values, which FFmpeg returns negated. */
    private static final int ECONNREFUSED = 111;
    private static final int ETIMEDOUT = 110;
    private static final int EHOSTUNREACH = 113;
    private static final int ENETUNREACH = 101;
    private static final int ECONNRESET = 104;
    private static final int ENOSPC = 28;

    private FFmpegErrors() {
    }

    static String describe(Exception failure) {
        Matcher number = ERROR_NUMBER.matcher(String.valueOf(failure.getMessage()));
        return number.find() ? describe(Integer.parseInt(number.group(1))) : "could not open the stream";
    }

    static String describe(int error) {
        if (error == -ECONNREFUSED) {
            return "connection refused";
        } else if (error == -ETIMEDOUT) {
            return "timed out";
        } else if (error == -EHOSTUNREACH || error == -ENETUNREACH) {
            return "host unreachable";
        } else if (error == -ECONNRESET) {
            return "connection reset";
        } else if (error == -ENOSPC) {
            return "the disk is full";
        } else if (error == AVERROR_HTTP_UNAUTHORIZED()) {
            return "wrong user or password (401 Unauthorized)";
        } else if (error == AVERROR_HTTP_FORBIDDEN()) {
            return "access forbidden (403)";
        } else if (error == AVERROR_HTTP_NOT_FOUND()) {
            return "no stream at that path (404 Not Found)";
        } else if (error == AVERROR_INVALIDDATA()) {
            return "not a video stream (invalid data)";
        } else if (error == AVERROR_STREAM_NOT_FOUND()) {
            return "no video in the stream";
        } else if (error == AVERROR_DECODER_NOT_FOUND()) {
            return "unsupported codec";
        } else if (error == AVERROR_PROTOCOL_NOT_FOUND()) {
            return "unsupported protocol";
        } else if (error == AVERROR_EOF()) {
            return "the stream ended";
        }
        try (BytePointer text = new BytePointer(256)) {
            avutil.av_strerror(error, text, text.capacity());
            return text.getString() + " (FFmpeg error " + error + ")";
        }
    }
}
