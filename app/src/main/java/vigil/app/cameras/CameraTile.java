package vigil.app.cameras;

import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import vigil.app.camera.CameraHealth;
import vigil.app.camera.CameraState;

/**
 * One tile of the wall: the picture, the camera's name, a state chip, a REC chip with the time while
 * it records an operator's report, and on a key an overlay with what the stream is doing. A camera that is not LIVE says so across the tile.
 *
 * <p>The picture is drawn at its own size: the decoder already scaled it to fit the tile
 * ({@link #pictureArea}), because JavaFX's software renderer scales images slowly. The tile changes
 * its nodes only when what it shows changes: it is refreshed every frame.
 */
final class CameraTile {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

    private final StackPane root = new StackPane();
    private final ImageView picture = new ImageView();
    private final Label name = new Label();
    private final Label state = new Label();
    private final Label recording = new Label();
    private final Label banner = new Label();
    private final Label info = new Label();
    private Object shown;
    private CameraState shownState;

    CameraTile(int index) {
        root.setId("tile-" + index);
        root.getStyleClass().add("camera-tile");
        root.setMinSize(0, 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(root.widthProperty());
        clip.heightProperty().bind(root.heightProperty());
        root.setClip(clip);
        name.getStyleClass().add("tile-name");
        state.getStyleClass().add("tile-state");
        recording.getStyleClass().add("tile-recording");
        recording.setId("recording-" + index);
        banner.getStyleClass().add("tile-banner");
        banner.setWrapText(true);
        info.getStyleClass().add("tile-info");
        info.setVisible(false);
        name.visibleProperty().bind(name.textProperty().isNotEmpty());
        state.visibleProperty().bind(state.textProperty().isNotEmpty());
        recording.visibleProperty().bind(recording.textProperty().isNotEmpty());
        recording.managedProperty().bind(recording.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, name, spacer, recording, state);
        top.setAlignment(Pos.TOP_LEFT);
        Region fill = new Region();
        VBox.setVgrow(fill, Priority.ALWAYS);
        VBox layers = new VBox(top, fill, info);
        layers.setPadding(new Insets(6));
        layers.setPickOnBounds(false);
        root.getChildren().addAll(picture, banner, layers);
    }

    StackPane node() {
        return root;
    }

    /** The size a picture should have to fill the tile, in pixels (inside its border). */
    int[] pictureArea() {
        return new int[] {(int) Math.max(0, root.getWidth() - 4), (int) Math.max(0, root.getHeight() - 4)};
    }

    void setSelected(boolean selected) {
        root.pseudoClassStateChanged(SELECTED, selected);
    }

    /** An empty tile says how to fill it. */
    void showEmpty() {
        if (shown == EMPTY) {
            return;
        }
        shown = EMPTY;
        picture.setImage(null);
        name.setText("");
        state.setText("");
        recording.setText("");
        info.setText("");
        info.setVisible(false);
        banner.setText("Empty · press . or , to choose a camera");
        banner.setVisible(true);
        show(null);
        root.pseudoClassStateChanged(EMPTY, true);
    }

    /** {@code recordingMillis}: how long it has recorded a report, or -1. */
    void show(String camera, Image image, CameraHealth health, String details, boolean withInfo, long recordingMillis) {
        if (picture.getImage() != image) {
            picture.setImage(image);
        }
        long recordingSeconds = recordingMillis < 0 ? -1 : recordingMillis / 1000;
        Object now = java.util.List.of(camera, health, details, withInfo, recordingSeconds);
        if (Objects.equals(now, shown)) {
            return;
        }
        shown = now;
        root.pseudoClassStateChanged(EMPTY, false);
        name.setText(camera);
        CameraState current = health.state();
        state.setText(current.name());
        recording.setText(recordingSeconds < 0 ? "" : String.format("● REC %d:%02d", recordingSeconds / 60, recordingSeconds % 60));
        boolean live = current == CameraState.LIVE;
        banner.setText(live ? "" : current + (health.words() == null ? "" : "\n" + health.words()));
        banner.setVisible(!live);
        info.setVisible(withInfo);
        info.setText(details);
        show(current);
    }

    /** The state as a pseudo-class of the tile (its chip and banner take their colours from it). */
    private void show(CameraState next) {
        if (shownState == next) {
            return;
        }
        if (shownState != null) {
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass(shownState.name().toLowerCase()), false);
        }
        if (next != null) {
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass(next.name().toLowerCase()), true);
        }
        shownState = next;
    }
}
