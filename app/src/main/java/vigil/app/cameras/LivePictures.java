package vigil.app.cameras;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import vigil.app.camera.CameraFeed;
import vigil.app.camera.Picture;

/**
 * The console's live camera pictures, one image per camera that anything on screen watches (a wall
 * tile, a pop-up), shared by all who watch it. A camera is decoded while it has watchers and not
 * otherwise; the newest pictures of the watched cameras are put on screen together (the decoder
 * dropped the older ones), once every camera has one or the oldest has waited {@link #HOLD_NANOS}.
 * FX thread only.
 *
 * <p>Nothing is copied: each of a camera's picture buffers gets an image over it once
 * ({@link PixelBuffer}), and the newest picture's image replaces the one shown. The buffer shown
 * goes back to the decoder only when the next picture takes its place.
 */
public final class LivePictures {
    /**
     * The decoders' pictures as they are, ARGB ints: the software renderer copies those into its
     * texture a row at a time, where it converted byte BGRA pixel by pixel (most of its time with
     * four cameras on the wall).
     */
    private static final PixelFormat<IntBuffer> ARGB = PixelFormat.getIntArgbPreInstance();
    /** How long a new picture may wait for the other cameras' (well inside the 100 ms from packet to screen). */
    static final long HOLD_NANOS = 50_000_000;

    private final Map<String, CameraFeed> feeds = new LinkedHashMap<>();
    private final Map<String, Integer> watchers = new HashMap<>();
    /** The picture each camera shows now, with the image over its buffer. */
    private final Map<String, Shown> shown = new HashMap<>();
    /** Each camera's images, one per buffer of its pictures' size (a handful go round). */
    private final Map<String, Map<ByteBuffer, Shown>> imagesOfBuffers = new HashMap<>();

    private record Shown(Picture picture, PixelBuffer<IntBuffer> pixels, WritableImage image) {
    }
    /** The largest size asked for each camera this frame, and what its decoder was last told. */
    private final Map<String, Long> wanted = new HashMap<>();
    private final Map<String, Long> fitted = new HashMap<>();
    private LongConsumer drawn = latency -> { };

    public LivePictures(List<? extends CameraFeed> cameras) {
        cameras.forEach(feed -> feeds.put(feed.name(), feed));
    }

    /** Hears, for each picture copied to the screen, how long ago its packet arrived, in nanoseconds (the camera benchmark). */
    public void onDrawn(LongConsumer listener) {
        drawn = listener;
    }

    public Optional<CameraFeed> feed(String camera) {
        return Optional.ofNullable(feeds.get(camera));
    }

    /** Something on screen shows the camera from now on. */
    public void watch(String camera) {
        if (watchers.merge(camera, 1, Integer::sum) == 1) {
            feeds.get(camera).show();
        }
    }

    /** Something stopped showing it; with no one left, it is no longer decoded. */
    public void unwatch(String camera) {
        if (watchers.merge(camera, -1, Integer::sum) == 0) {
            watchers.remove(camera);
            feeds.get(camera).hide();
        }
    }

    /**
     * Something shows the camera within this many pixels this frame: its pictures are decoded at
     * the largest size asked for, so that they are drawn without scaling.
     */
    public void want(String camera, int width, int height) {
        wanted.merge(camera, (long) width << 32 | height, (a, b) -> area(a) >= area(b) ? a : b);
    }

    private static long area(long size) {
        return (size >>> 32) * (size & 0xFFFFFFFFL);
    }

    /** The camera's newest picture, or null before the first. */
    public WritableImage image(String camera) {
        Shown now = shown.get(camera);
        return now == null ? null : now.image();
    }

    /** Once per frame, before the screens ask for sizes again. */
    public void pulse() {
        wanted.forEach((camera, size) -> {
            if (!size.equals(fitted.put(camera, size))) {
                feeds.get(camera).fitWithin((int) (size >>> 32), (int) (long) size);
            }
        });
        wanted.clear();
        if (!due()) {
            return;
        }
        for (String camera : watchers.keySet()) {
            CameraFeed feed = feeds.get(camera);
            Picture picture = feed.pictures().take();
            if (picture != null) {
                Shown previous = shown.put(camera, imageOf(camera, picture));
                drawn.accept(System.nanoTime() - picture.arrivedNanos());
                if (previous != null) {
                    feed.pictures().giveBack(previous.picture());
                }
            }
        }
    }

    /**
     * Whether the new pictures go on screen this frame: when every watched camera has one, or the
     * oldest has waited {@link #HOLD_NANOS}. Cameras whose frames come at different moments are so
     * drawn together, in a frame of their own fewer times a second, rather than each in a frame of
     * its own (the software renderer redraws and presents the window for each).
     */
    private boolean due() {
        long oldest = Long.MAX_VALUE;
        boolean every = true;
        for (String camera : watchers.keySet()) {
            Picture waiting = feeds.get(camera).pictures().newest();
            if (waiting == null) {
                every = false;
            } else {
                oldest = Math.min(oldest, waiting.arrivedNanos());
            }
        }
        return oldest != Long.MAX_VALUE && (every || System.nanoTime() - oldest >= HOLD_NANOS);
    }

    /** The image over the picture's buffer: made the first time the buffer comes round, told its pixels changed after. */
    private Shown imageOf(String camera, Picture picture) {
        Map<ByteBuffer, Shown> images = imagesOfBuffers.computeIfAbsent(camera, name -> new IdentityHashMap<>());
        Shown known = images.get(picture.argb());
        if (known != null && known.image().getWidth() == picture.width() && known.image().getHeight() == picture.height()) {
            known.pixels().updateBuffer(pixels -> null); // all of it is new
            return new Shown(picture, known.pixels(), known.image());
        }
        if (known == null && !images.isEmpty() && images.values().iterator().next().image().getWidth() != picture.width()) {
            images.clear(); // a new size: the old buffers are gone from the decoder's spares
        }
        IntBuffer argb = picture.argb().duplicate().rewind().order(ByteOrder.nativeOrder()).asIntBuffer();
        PixelBuffer<IntBuffer> pixels = new PixelBuffer<>(picture.width(), picture.height(), argb, ARGB);
        Shown made = new Shown(picture, pixels, new WritableImage(pixels));
        images.put(picture.argb(), made);
        return made;
    }
}
