package vigil.app.camera;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a camera's pictures from its decoder to the screen, newest wins: a picture the screen has
 * not taken when the next one comes is dropped, never queued. Buffers go round: the decoder fills a
 * spare, the screen gives it back after copying it, so a decoding camera allocates a few buffers
 * once, not one a frame.
 */
public final class PictureExchange {
    private static final int SPARES = 3;

    private final AtomicReference<Picture> newest = new AtomicReference<>();
    private final ArrayBlockingQueue<ByteBuffer> spares = new ArrayBlockingQueue<>(SPARES);

    /** A buffer for a picture of {@code bytes}, from the spares if one fits. Decoder side. */
    ByteBuffer buffer(int bytes) {
        for (ByteBuffer spare; (spare = spares.poll()) != null; ) {
            if (spare.capacity() == bytes) {
                return spare.clear();
            }
        }
        return ByteBuffer.allocateDirect(bytes);
    }

    /** Offers the newest picture; the one it replaces, never taken, goes back to the spares. Decoder side. */
    void publish(Picture picture) {
        Picture dropped = newest.getAndSet(picture);
        if (dropped != null) {
            giveBack(dropped);
        }
    }

    /** The newest picture not yet taken, left there, or null. Screen side. */
    public Picture newest() {
        return newest.get();
    }

    /** The newest picture not yet taken, or null. Screen side. */
    public Picture take() {
        return newest.getAndSet(null);
    }

    /** Returns a taken picture's buffer once it is copied. */
    public void giveBack(Picture picture) {
        spares.offer(picture.argb());
    }
}
