package vigil.app.camera;

import java.nio.ByteBuffer;

/**
 * A decoded frame: ARGB ints in the machine's byte order (FFmpeg's RGB32: the bytes B, G, R, A on
 * the little-endian machines Vigil runs on), opaque, so premultiplied or not alike, {@code width * 4}
 * bytes a row.
 * {@code arrivedNanos} is when its packet came off the network ({@link System#nanoTime()}), for the
 * packet-to-screen latency. The buffer is lent: give the picture back to its {@link PictureExchange}
 * once it is copied.
 */
public record Picture(int width, int height, ByteBuffer argb, long arrivedNanos) {
}
