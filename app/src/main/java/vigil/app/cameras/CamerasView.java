package vigil.app.cameras;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import vigil.app.console.Console;
import vigil.app.console.Tasks;
import vigil.app.incidents.IncidentBoard;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.NodeChooser;
import vigil.app.shell.ScreenView;
import vigil.app.shell.Shortcut;
import vigil.protocol.video.VideoFrame;
import vigil.protocol.video.VideoReceiver;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/**
 * The Cameras screen: asks the first node to stream camera A or B ({@code MC_CA}/{@code MC_CB})
 * to the console's UDP port and shows the newest frame, decoded off the FX thread, with its rate
 * and whether the stream is live or stalled; {@code MC_MP} stops it.
 */
public final class CamerasView implements ScreenView {
    static final long STALLED_AFTER_MILLIS = 2_000;

    private final Console console;
    private Console.Node node;
    private final Tasks tasks;
    private final int videoPort;
    private final AtomicReference<VideoFrame> newest = new AtomicReference<>();
    private final BorderPane root = new BorderPane();
    private final ImageView view = new ImageView();
    private final Label state = new Label("No stream");
    private final Label rate = new Label();
    private final Label outcome = new Label();
    private VideoReceiver receiver;
    private VideoFrame shown;
    private boolean decoding;
    private Camera streaming;
    private long lastFrameAt;

    public CamerasView(Console console, Tasks tasks, int videoPort, KeyBindings keys) {
        this.console = console;
        this.node = console.nodes().getFirst();
        this.tasks = tasks;
        this.videoPort = videoPort;
        Button a = new Button("Camera A  (A)");
        a.setOnAction(e -> start(Camera.A));
        Button b = new Button("Camera B  (B)");
        b.setOnAction(e -> start(Camera.B));
        Button stop = new Button("Stop  (S)");
        stop.setOnAction(e -> stop());
        for (Button button : new Button[] {a, b, stop}) {
            button.setFocusTraversable(false);
        }
        state.setId("video-state");
        state.getStyleClass().add("video-state");
        HBox bar = new HBox(10, a, b, stop, state, rate, outcome);
        if (console.nodes().size() > 1) {
            ComboBox<Console.Node> nodes = NodeChooser.of(console.nodes(), Console.Node::address);
            nodes.valueProperty().addListener((o, old, chosen) -> {
                if (streaming != null) {
                    stop();
                }
                node = chosen;
            });
            bar.getChildren().addFirst(nodes);
        }
        bar.getChildren().add(new Label("UDP port " + videoPort));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12));
        view.setPreserveRatio(true);
        Label idle = new Label("Press A or B to stream a camera of the node, S to stop.");
        idle.getStyleClass().add("muted-text");
        idle.visibleProperty().bind(view.imageProperty().isNull());
        StackPane screen = new StackPane(idle, view);
        screen.getStyleClass().add("thumbnail");
        view.fitWidthProperty().bind(screen.widthProperty().subtract(16));
        view.fitHeightProperty().bind(screen.heightProperty().subtract(16));
        screen.setMinSize(0, 0);
        root.setTop(bar);
        root.setCenter(screen);
        BorderPane.setMargin(screen, new Insets(0, 12, 12, 12));
        keys.on(Shortcut.CAMERA_A, () -> start(Camera.A));
        keys.on(Shortcut.CAMERA_B, () -> start(Camera.B));
        keys.on(Shortcut.CAMERA_STOP, this::stop);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void pulse(long now) {
        VideoFrame frame = newest.get();
        if (frame != null && frame != shown && !decoding) {
            shown = frame;
            decoding = true;
            lastFrameAt = now;
            tasks.run(() -> IncidentBoard.decode(frame.image()), image -> {
                decoding = false;
                if (image != null) {
                    view.setImage(image);
                }
            }, error -> decoding = false);
        }
        if (streaming != null && receiver != null) {
            Double fps = receiver.stats().framesPerSecond().get(streaming);
            rate.setText(fps == null ? "" : String.format("%.1f frames/s", fps));
            boolean live = lastFrameAt > 0 && now - lastFrameAt < STALLED_AFTER_MILLIS;
            state.setText("Camera " + streaming + (live ? " · LIVE" : " · STALLED"));
            state.getStyleClass().setAll("label", "video-state", live ? "live" : "stalled");
        }
    }

    /** Starts streaming a camera (the console was asked to show one from the start). */
    public void start(Camera camera) {
        try {
            if (receiver == null) {
                receiver = VideoReceiver.bind(console.eventLoops(), new InetSocketAddress(videoPort), newest::set);
            }
        } catch (Exception e) {
            outcome.setText("Cannot listen on UDP port " + videoPort + ": " + e.getMessage());
            return;
        }
        outcome.setText("Asking for camera " + camera + "…");
        lastFrameAt = 0;
        streaming = camera;
        tasks.whenDone(node.link().send(new StartCamera(camera)), ok -> outcome.setText(""),
                error -> outcome.setText("Camera " + camera + " refused: " + error.getMessage()));
    }

    private void stop() {
        tasks.whenDone(node.link().send(new StopCamera()), ok -> {
            streaming = null;
            state.setText("Stopped");
            state.getStyleClass().setAll("label", "video-state");
            rate.setText("");
        }, error -> outcome.setText("Stop refused: " + error.getMessage()));
    }

    /** Stops listening for frames (the window is closing). */
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
