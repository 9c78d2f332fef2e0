package vigil.app.camera;

/**
 * A camera as the wall sees it, whoever reads it: one of the site's own ({@link CameraReader}) or a
 * node's camera A or B ({@link NodeCameraFeed}). Pictures are decoded only while some tile shows it.
 */
public interface CameraFeed {
    String name();

    CameraHealth health();

    /** One more tile shows it. */
    void show();

    /** One tile fewer shows it; with none left, decoding (and a node's stream) stops. */
    void hide();

    PictureExchange pictures();

    /**
     * Scales its pictures down to fit within this many pixels (their aspect kept), so that the screen
     * draws them as they are; zeros mean the stream's own size.
     */
    void fitWithin(int width, int height);

    /** What has come so far: frames, bytes, and how long ago the last frame came. */
    FrameWatch.Counters counters();
}
