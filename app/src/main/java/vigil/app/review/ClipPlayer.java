package vigil.app.review;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import uk.co.caprica.vlcj.factory.MediaPlayerFactory;
import uk.co.caprica.vlcj.factory.discovery.NativeDiscovery;
import uk.co.caprica.vlcj.media.VideoTrackInfo;
import uk.co.caprica.vlcj.player.base.MediaPlayer;
import uk.co.caprica.vlcj.player.embedded.EmbeddedMediaPlayer;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.BufferFormat;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.BufferFormatCallback;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.RenderCallback;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.format.RV32BufferFormat;

/**
 * Plays an incident's clips in the review, with libvlc (vlcj) drawing into a {@link PixelBuffer}
 * that an {@link ImageView} shows. libvlc's frame callback only marks the picture new; the
 * console's frame pulse shows the newest, so no decoded frame queues work on the FX thread. A
 * timeline marks the detection moment. The keys are the review's (Space, arrows, Home/End,
 * [ and ], Tab); without libvlc it says so and plays nothing.
 */
final class ClipPlayer {
    private static final Logger LOG = Logger.getLogger(ClipPlayer.class.getName());
    private static final float[] RATES = {0.125f, 0.25f, 0.5f, 1, 2, 4, 8};
    private static final int NORMAL_RATE = 3;
    private static final long SKIP_MILLIS = 1000;
    private static final long DEFAULT_FRAME_MILLIS = 40;

    private final ImageView view = new ImageView();
    private final Canvas timeline = new Canvas(480, 18);
    private final Label status = new Label();
    private final Label missing = new Label();
    private final VBox root;
    private final AtomicBoolean fresh = new AtomicBoolean();
    private volatile PixelBuffer<ByteBuffer> pixels;
    private volatile int sourceWidth;
    private volatile int sourceHeight;
    private MediaPlayerFactory factory;
    private EmbeddedMediaPlayer player;
    private String unavailable;
    private List<ReviewViewModel.ClipFile> playable = List.of();
    private int index;
    private Instant detection;
    private int rate = NORMAL_RATE;

    ClipPlayer() {
        view.setPreserveRatio(true);
        view.setId("clip-view");
        StackPane screen = new StackPane(view);
        screen.setPrefSize(480, 240);
        screen.setMinSize(0, 90); // the detail pane shares its height: the picture shrinks rather than spills
        screen.setStyle("-fx-background-color: black; -fx-background-radius: 4;");
        view.fitWidthProperty().bind(screen.widthProperty());
        view.fitHeightProperty().bind(screen.heightProperty());
        Rectangle bounds = new Rectangle();
        bounds.widthProperty().bind(screen.widthProperty());
        bounds.heightProperty().bind(screen.heightProperty());
        screen.setClip(bounds);
        status.setId("clip-status");
        status.getStyleClass().add("muted-text");
        missing.setId("clip-missing");
        missing.getStyleClass().add("warning");
        missing.setWrapText(true);
        HBox bar = new HBox(8, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(4, screen, timeline, bar, missing);
        root.setId("clip-player");
        VBox.setVgrow(screen, Priority.ALWAYS);
        timeline.widthProperty().bind(root.widthProperty());
        show(List.of(), null);
    }

    VBox node() {
        return root;
    }

    /** Shows an incident's clips, the first one paused at its start; none hides the player. */
    void show(List<ReviewViewModel.ClipFile> clips, Instant detection) {
        this.playable = clips.stream().filter(clip -> clip.file() != null).toList();
        this.detection = detection;
        this.index = 0;
        this.rate = NORMAL_RATE;
        List<String> absent = clips.stream().filter(clip -> clip.file() == null)
                .map(clip -> clip.clip().camera() + ": " + (clip.clip().removed() ? "clip removed to keep clip storage within its quota"
                        : "no clip (" + clip.clip().missing() + ")"))
                .toList();
        missing.setText(String.join("\n", absent));
        missing.setVisible(!absent.isEmpty());
        missing.setManaged(!absent.isEmpty());
        boolean any = !playable.isEmpty();
        root.getChildren().get(0).setVisible(any);
        root.getChildren().get(0).setManaged(any);
        timeline.setVisible(any);
        timeline.setManaged(any);
        status.setVisible(any);
        status.setManaged(any);
        root.setVisible(!clips.isEmpty());
        root.setManaged(!clips.isEmpty());
        if (any) {
            load();
        } else if (player != null) {
            player.controls().stop();
        }
    }

    /** Space: play or pause. */
    boolean togglePlay() {
        if (!ready()) {
            return false;
        }
        if (player.status().isPlaying()) {
            player.controls().setPause(true);
        } else {
            player.controls().play();
        }
        return true;
    }

    /** ←/→: a second back or forward. */
    boolean skip(int seconds) {
        if (ready()) {
            player.controls().setTime(Math.clamp(player.status().time() + seconds * SKIP_MILLIS, 0, Math.max(0, player.status().length())));
        }
        return ready();
    }

    /** Shift+←/→: one frame back or forward, paused. */
    boolean step(int frames) {
        if (ready()) {
            player.controls().setPause(true);
            // by time, both ways: libvlc steps only forward, and its time lags a frame step
            player.controls().setTime(Math.clamp(player.status().time() + frames * frameMillis(), 0, Math.max(0, player.status().length())));
        }
        return ready();
    }

    /** Home/End: the clip's start or its last second. */
    boolean jump(boolean toEnd) {
        if (ready()) {
            player.controls().setTime(toEnd ? Math.max(0, player.status().length() - SKIP_MILLIS) : 0);
        }
        return ready();
    }

    /** [ and ]: slower or faster, from 1/8 to 8 times. */
    boolean changeRate(int steps) {
        if (ready()) {
            rate = Math.clamp(rate + steps, 0, RATES.length - 1);
            player.controls().setRate(RATES[rate]);
        }
        return ready();
    }

    /** Tab: the next camera's clip. */
    boolean nextClip() {
        if (playable.size() < 2) {
            return false;
        }
        index = (index + 1) % playable.size();
        load();
        return true;
    }

    /** Once per console frame: the newest picture, the time and the timeline. */
    void pulse() {
        if (playable.isEmpty()) {
            return;
        }
        PixelBuffer<ByteBuffer> buffer = pixels;
        if (buffer != null && fresh.getAndSet(false)) {
            buffer.updateBuffer(b -> null);
        }
        if (!ready()) {
            status.setText(unavailable);
            return;
        }
        long time = Math.max(0, player.status().time());
        long length = Math.max(0, player.status().length());
        ReviewViewModel.ClipFile clip = playable.get(index);
        status.setText(String.format(Locale.ROOT, "%s%s · %s / %s · %s%s", clip.clip().camera(),
                playable.size() > 1 ? " (" + (index + 1) + " of " + playable.size() + ", Tab: next)" : "",
                clock(time), clock(length), player.status().isPlaying() ? "playing" : "paused",
                rate == NORMAL_RATE ? "" : " · " + rateText(RATES[rate])));
        drawTimeline(time, length, clip);
    }

    /** Loads the clip shown before {@link #close()} again, paused at its start. */
    void reopen() {
        if (!playable.isEmpty()) {
            load();
        }
    }

    /** Stops playing and lets libvlc go. */
    void close() {
        if (player != null) {
            player.controls().stop();
            player.release();
            factory.release();
            player = null;
            factory = null;
        }
    }

    private void load() {
        if (!ensurePlayer()) {
            status.setVisible(true);
            status.setManaged(true);
            status.setText(unavailable);
            return;
        }
        player.controls().setRate(RATES[rate]);
        player.media().startPaused(playable.get(index).file().toString());
    }

    private boolean ready() {
        return player != null && !playable.isEmpty();
    }

    private boolean ensurePlayer() {
        if (player != null) {
            return true;
        }
        if (unavailable != null) {
            return false;
        }
        try {
            if (!new NativeDiscovery().discover()) {
                unavailable = "clips cannot be played here: libvlc is not installed (Debian: libvlc5 vlc-plugin-base)";
                return false;
            }
            factory = new MediaPlayerFactory("--no-audio", "--quiet", "--intf=dummy", "--no-video-title-show");
            player = factory.mediaPlayers().newEmbeddedMediaPlayer();
            player.videoSurface().set(factory.videoSurfaces().newVideoSurface(new Surface(), new Frames(), true));
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "libvlc could not start", e);
            unavailable = "clips cannot be played here: libvlc could not start (" + e.getMessage() + ")";
            return false;
        }
    }

    private long frameMillis() {
        try {
            List<VideoTrackInfo> tracks = player.media().info().videoTracks();
            if (!tracks.isEmpty() && tracks.getFirst().frameRate() > 0) {
                return Math.max(1, 1000L * tracks.getFirst().frameRateBase() / tracks.getFirst().frameRate());
            }
        } catch (RuntimeException e) {
            // no media info yet: a typical frame
        }
        return DEFAULT_FRAME_MILLIS;
    }

    private void drawTimeline(long time, long length, ReviewViewModel.ClipFile clip) {
        GraphicsContext g = timeline.getGraphicsContext2D();
        double width = timeline.getWidth();
        double height = timeline.getHeight();
        g.clearRect(0, 0, width, height);
        g.setFill(Color.web("#30363d"));
        g.fillRoundRect(0, height / 2 - 3, width, 6, 6, 6);
        if (length > 0) {
            g.setFill(Color.web("#58a6ff"));
            g.fillRoundRect(0, height / 2 - 3, width * Math.min(1, time / (double) length), 6, 6, 6);
        }
        Instant first = clip.clip().firstFrame();
        Instant last = clip.clip().lastFrame();
        if (detection != null && first != null && last != null && last.isAfter(first)) {
            double at = Duration.between(first, detection).toMillis() / (double) Duration.between(first, last).toMillis();
            double x = Math.clamp(at, 0, 1) * width;
            g.setFill(Color.web("#f85149"));
            g.fillRect(x - 1.5, 0, 3, height);
        }
    }

    private static String clock(long millis) {
        return String.format(Locale.ROOT, "%d:%04.1f", millis / 60_000, (millis % 60_000) / 1000.0);
    }

    private static String rateText(float rate) {
        return rate >= 1 ? Math.round(rate) + "×" : "1/" + Math.round(1 / rate) + "×";
    }

    /** libvlc says the picture's size: a buffer of that size, shown by the view. */
    private final class Surface implements BufferFormatCallback {
        @Override
        public BufferFormat getBufferFormat(int width, int height) {
            sourceWidth = width;
            sourceHeight = height;
            return new RV32BufferFormat(width, height);
        }

        @Override
        public void newFormatSize(int bufferWidth, int bufferHeight, int displayWidth, int displayHeight) {
        }

        @Override
        public void allocatedBuffers(ByteBuffer[] buffers) {
            PixelBuffer<ByteBuffer> buffer = new PixelBuffer<>(sourceWidth, sourceHeight, buffers[0], PixelFormat.getByteBgraPreInstance());
            pixels = buffer;
            Platform.runLater(() -> view.setImage(new WritableImage(buffer)));
        }
    }

    /** A frame is in the buffer: the next pulse shows it. */
    private final class Frames implements RenderCallback {
        @Override
        public void lock(MediaPlayer mediaPlayer) {
        }

        @Override
        public void display(MediaPlayer mediaPlayer, ByteBuffer[] nativeBuffers, BufferFormat format, int width, int height) {
            fresh.set(true);
        }

        @Override
        public void unlock(MediaPlayer mediaPlayer) {
        }
    }
}
