package vigil.app.cameras;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import vigil.app.camera.CameraFeed;
import vigil.app.camera.CameraState;
import vigil.app.camera.FrameWatch;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.ScreenView;
import vigil.app.shell.Shortcut;

/**
 * The Cameras screen: a keyboard-driven wall of the site's cameras and the nodes' cameras A and B.
 * Arrows move the selected tile, Enter maximises and restores it, {@code .} and {@code ,} put the
 * next or previous camera in it, L changes the layout, I shows what each stream is doing, digits
 * recall a named view and Shift+digit keeps the wall under that digit. Ctrl+R reports what the
 * selected camera shows ({@link OperatorReports}).
 *
 * <p>Only the cameras on screen are watched ({@link LivePictures}), and only while this screen
 * shows: each is decoded once however many tiles show it, into one image its tiles share.
 */
public final class CameraWallView implements ScreenView {
    private final Map<String, CameraFeed> feeds = new LinkedHashMap<>();
    private final LivePictures pictures;
    private final CameraWallModel model;
    private final CameraViewsFile viewsFile;
    private final OperatorReports reports;
    private final BorderPane root = new BorderPane();
    private final GridPane grid = new GridPane();
    private final Label layout = new Label();
    private final Label message = new Label();
    private final CameraTile[] tiles = new CameraTile[CameraWallModel.MAX_SIDE * CameraWallModel.MAX_SIDE];
    private final Map<String, StreamRate> rates = new HashMap<>();
    private final Set<String> decoding = new HashSet<>();
    private boolean visible;
    private boolean withInfo;

    /**
     * A wall over the site's cameras, placed on it at first, and the nodes' cameras, put in tiles on
     * request; {@code problem} says why node cameras cannot be shown (or is null).
     */
    public CameraWallView(List<? extends CameraFeed> siteCameras, List<? extends CameraFeed> nodeCameras, LivePictures pictures,
                          CameraViewsFile viewsFile, OperatorReports reports, String problem, KeyBindings keys, Runnable back) {
        this.pictures = pictures;
        this.reports = reports;
        siteCameras.forEach(feed -> feeds.put(feed.name(), feed));
        nodeCameras.forEach(feed -> feeds.put(feed.name(), feed));
        this.viewsFile = viewsFile;
        this.model = new CameraWallModel(List.copyOf(feeds.keySet()), siteCameras.stream().map(CameraFeed::name).toList(),
                viewsFile.load());
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = new CameraTile(i);
        }
        layout.setId("wall-layout");
        layout.getStyleClass().add("wall-layout");
        message.setId("wall-message");
        message.getStyleClass().add("muted-text");
        message.setText(problem != null ? problem : siteCameras.isEmpty()
                ? "No cameras of the site's own yet (vigil cameras add NAME URL); . and , show the nodes' cameras" : "");
        Label hints = new Label("Arrows select · Enter maximises · . , change camera · L layout · I info · 1–4 views, Shift+1–4 keeps one"
                + " · Ctrl+R report");
        hints.getStyleClass().add("muted-text");
        HBox bar = new HBox(16, layout, hints, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(0, 12, 12, 12));
        grid.setId("camera-wall");
        root.setTop(bar);
        root.setCenter(grid);
        bind(keys, back);
        rebuild();
    }

    private void bind(KeyBindings keys, Runnable back) {
        keys.on(Shortcut.WALL_LEFT, () -> change(() -> model.move(-1, 0)));
        keys.on(Shortcut.WALL_RIGHT, () -> change(() -> model.move(1, 0)));
        keys.on(Shortcut.WALL_UP, () -> change(() -> model.move(0, -1)));
        keys.on(Shortcut.WALL_DOWN, () -> change(() -> model.move(0, 1)));
        keys.on(Shortcut.WALL_MAXIMISE, () -> change(model::toggleMaximised));
        keys.on(Shortcut.WALL_NEXT_CAMERA, () -> change(() -> model.cycleCamera(1)));
        keys.on(Shortcut.WALL_PREVIOUS_CAMERA, () -> change(() -> model.cycleCamera(-1)));
        keys.on(Shortcut.WALL_LAYOUT, () -> change(model::nextLayout));
        keys.on(Shortcut.WALL_INFO, () -> withInfo = !withInfo);
        keys.on(Shortcut.WALL_REPORT, this::report);
        keys.on(Shortcut.WALL_BACK, () -> {
            if (!model.back()) {
                back.run();
            }
            rebuild();
        });
        List<Shortcut> recall = List.of(Shortcut.WALL_VIEW_1, Shortcut.WALL_VIEW_2, Shortcut.WALL_VIEW_3, Shortcut.WALL_VIEW_4);
        List<Shortcut> keep = List.of(Shortcut.WALL_KEEP_VIEW_1, Shortcut.WALL_KEEP_VIEW_2, Shortcut.WALL_KEEP_VIEW_3,
                Shortcut.WALL_KEEP_VIEW_4);
        for (int i = 0; i < recall.size(); i++) {
            int digit = i + 1;
            keys.on(recall.get(i), () -> {
                message.setText(model.recallView(digit) ? "View " + digit : "No view " + digit + " yet: Shift+" + digit + " keeps this one");
                rebuild();
            });
            keys.on(keep.get(i), () -> keepView(digit));
        }
    }

    private void report() {
        String camera = model.tile(model.selected());
        if (camera == null) {
            message.setText("Choose a camera for the tile first (. or ,), then Ctrl+R reports what it shows");
        } else {
            reports.toggle(camera, pictures.image(camera), root.getScene().getWindow(), message::setText);
        }
    }

    private void keepView(int digit) {
        model.saveView(digit);
        try {
            viewsFile.save(model.views());
            message.setText("Kept as view " + digit);
        } catch (RuntimeException e) {
            message.setText("Could not keep the view: " + e.getMessage());
        }
    }

    private void change(Runnable command) {
        command.run();
        rebuild();
    }

    /** Shows these cameras, in the smallest layout that holds them, and says why ({@code title}). */
    public void showCameras(List<String> cameras, String title) {
        model.place(cameras);
        message.setText(cameras.isEmpty() ? title + ": no camera covers it" : title);
        rebuild();
    }

    /** Shows one camera alone (the console was started on it). */
    public void showAlone(String camera) {
        model.setSide(1);
        while (!camera.equals(model.tile(0)) && feeds.containsKey(camera)) {
            model.cycleCamera(1);
        }
        rebuild();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        visible = true;
        syncDecoding();
    }

    @Override
    public void hidden() {
        visible = false;
        syncDecoding();
    }

    /** Lays the tiles out again after a command; cheap, and only on a key. */
    private void rebuild() {
        List<Integer> shown = model.shownTiles();
        int side = model.maximised() ? 1 : model.side();
        grid.getChildren().clear();
        grid.getColumnConstraints().setAll(constraints(side, i -> {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / side);
            column.setHgrow(Priority.ALWAYS);
            return column;
        }));
        grid.getRowConstraints().setAll(constraints(side, i -> {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / side);
            row.setVgrow(Priority.ALWAYS);
            return row;
        }));
        for (int position = 0; position < shown.size(); position++) {
            int index = shown.get(position);
            grid.add(tiles[index].node(), position % side, position / side);
            tiles[index].setSelected(index == model.selected() && !model.maximised());
        }
        layout.setText(model.maximised() ? "Tile " + (model.selected() + 1) + " maximised" : model.side() + "×" + model.side());
        syncDecoding();
        refreshTiles(System.nanoTime());
    }

    private static <T> List<T> constraints(int count, Function<Integer, T> make) {
        return java.util.stream.IntStream.range(0, count).boxed().map(make).toList();
    }

    /** Decodes exactly the cameras on screen while the screen shows. */
    private void syncDecoding() {
        Set<String> wanted = visible ? model.shownCameras() : Set.of();
        for (String camera : Set.copyOf(decoding)) {
            if (!wanted.contains(camera)) {
                pictures.unwatch(camera);
                decoding.remove(camera);
            }
        }
        for (String camera : wanted) {
            if (decoding.add(camera)) {
                pictures.watch(camera);
            }
        }
    }

    @Override
    public void pulse(long now) {
        refreshTiles(System.nanoTime());
    }

    private void refreshTiles(long nanos) {
        long nowMillis = System.currentTimeMillis();
        for (int index : model.shownTiles()) {
            String camera = model.tile(index);
            if (camera == null) {
                tiles[index].showEmpty();
                continue;
            }
            CameraFeed feed = feeds.get(camera);
            int[] area = tiles[index].pictureArea();
            pictures.want(camera, area[0], area[1]);
            WritableImage image = pictures.image(camera);
            String details = withInfo ? rates.computeIfAbsent(camera, name -> new StreamRate()).describe(feed, image, nanos) : "";
            tiles[index].show(camera, image, feed.health(), details, withInfo, reports.recordingFor(camera, nowMillis));
        }
    }

    /** The summary for the status bar: "12 cameras: 11 live, 1 offline", the live first. */
    public static String summary(List<? extends CameraFeed> cameras) {
        Map<CameraState, Long> byState = cameras.stream().collect(Collectors.groupingBy(
                feed -> feed.health().state(), () -> new EnumMap<>(CameraState.class), Collectors.counting()));
        return cameras.size() + (cameras.size() == 1 ? " camera" : " cameras") + (byState.isEmpty() ? "" : ": "
                + SUMMARY_ORDER.stream().filter(byState::containsKey)
                        .map(state -> byState.get(state) + " " + state.name().toLowerCase()).collect(Collectors.joining(", ")));
    }

    private static final List<CameraState> SUMMARY_ORDER = List.of(CameraState.LIVE, CameraState.STALLED, CameraState.OFFLINE,
            CameraState.CONNECTING);

    /** Frame rate and bitrate over the last second or so, and the last frame's age, for the info overlay. */
    private static final class StreamRate {
        private FrameWatch.Counters last;
        private long lastNanos;
        private String text = "";

        String describe(CameraFeed feed, WritableImage image, long now) {
            FrameWatch.Counters counters = feed.counters();
            if (last == null || now - lastNanos >= 1_000_000_000L) {
                double seconds = last == null ? 0 : (now - lastNanos) / 1e9;
                String fps = seconds > 0 ? String.format("%.1f fps", (counters.frames() - last.frames()) / seconds) : "… fps";
                String kbps = seconds > 0 ? String.format("%.0f kbit/s", (counters.bytes() - last.bytes()) * 8 / 1000.0 / seconds) : "";
                last = counters;
                lastNanos = now;
                var stream = feed.health().stream();
                text = fps + "  " + kbps + "  " + (image == null ? "" : (int) image.getWidth() + "×" + (int) image.getHeight())
                        + (stream == null ? "" : "  " + stream.codec());
            }
            String age = counters.lastFrameNanos() == 0 ? "no frame yet"
                    : String.format("last frame %.1f s ago", (now - counters.lastFrameNanos()) / 1e9);
            return text + "  " + age;
        }
    }
}
