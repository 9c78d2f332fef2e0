package vigil.app.cameras;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import vigil.app.camera.CameraFeed;
import vigil.app.camera.Picture;

/**
 * The console's live camera pictures, one image per camera that anything on screen watches (a wall
 * tile, a pop-up), shared by all who watch it. A camera is decoded while it has watchers and not
 * otherwise; once per frame the newest picture of each watched camera is copied into its image (the
 * decoder dropped the older ones). FX thread only.
 */
public final class LivePictures {
    private static final PixelFormat<ByteBuffer> BGRA = PixelFormat.getByteBgraPreInstance();

    private final Map<String, CameraFeed> feeds = new LinkedHashMap<>();
    private final Map<String, Integer> watchers = new HashMap<>();
    private final Map<String, WritableImage> images = new HashMap<>();

    public LivePictures(List<? extends CameraFeed> cameras) {
        cameras.forEach(feed -> feeds.put(feed.name(), feed));
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

    /** The camera's newest picture, or null before the first. */
    public WritableImage image(String camera) {
        return images.get(camera);
    }

    /** Once per frame. */
    public void pulse() {
        for (String camera : watchers.keySet()) {
            CameraFeed feed = feeds.get(camera);
            Picture picture = feed.pictures().take();
            if (picture != null) {
                draw(camera, picture);
                feed.pictures().giveBack(picture);
            }
        }
    }

    private void draw(String camera, Picture picture) {
        WritableImage image = images.get(camera);
        if (image == null || image.getWidth() != picture.width() || image.getHeight() != picture.height()) {
            image = new WritableImage(picture.width(), picture.height());
            images.put(camera, image);
        }
        image.getPixelWriter().setPixels(0, 0, picture.width(), picture.height(), BGRA, picture.bgra().rewind(), picture.width() * 4);
    }
}
