package vigil.app.cameras;

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
import vigil.app.camera.CameraHealth;
import vigil.app.camera.CameraState;

/**
 * One tile of the wall: the picture at its aspect ratio, the camera's name, a state chip, and on a
 * key an overlay with what the stream is doing. A camera that is not LIVE says so across the tile.
 */
final class CameraTile {
    private final StackPane root = new StackPane();
    private final ImageView picture = new ImageView();
    private final Label name = new Label();
    private final Label state = new Label();
    private final Label banner = new Label();
    private final Label info = new Label();

    CameraTile(int index) {
        root.setId("tile-" + index);
        root.getStyleClass().add("camera-tile");
        root.setMinSize(0, 0);
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        picture.fitWidthProperty().bind(root.widthProperty().subtract(4));
        picture.fitHeightProperty().bind(root.heightProperty().subtract(4));
        name.getStyleClass().add("tile-name");
        state.getStyleClass().add("tile-state");
        banner.getStyleClass().add("tile-banner");
        banner.setWrapText(true);
        info.getStyleClass().add("tile-info");
        info.setVisible(false);
        name.visibleProperty().bind(name.textProperty().isNotEmpty());
        state.visibleProperty().bind(state.textProperty().isNotEmpty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, name, spacer, state);
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

    void setSelected(boolean selected) {
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), selected);
    }

    /** An empty tile says how to fill it. */
    void showEmpty() {
        picture.setImage(null);
        name.setText("");
        state.setText("");
        state.getStyleClass().setAll("label", "tile-state");
        banner.setText("Empty · press . or , to choose a camera");
        banner.setVisible(true);
        banner.getStyleClass().setAll("label", "tile-banner", "empty");
        info.setText("");
    }

    void show(String camera, Image image, CameraHealth health, String details, boolean withInfo) {
        if (picture.getImage() != image) {
            picture.setImage(image);
        }
        name.setText(camera);
        CameraState current = health.state();
        state.setText(current.name());
        state.getStyleClass().setAll("label", "tile-state", current.name().toLowerCase());
        boolean live = current == CameraState.LIVE;
        banner.setText(live ? "" : current + (health.detail() == null ? "" : "\n" + health.detail()));
        banner.getStyleClass().setAll("label", "tile-banner", current.name().toLowerCase());
        banner.setVisible(!live);
        info.setVisible(withInfo);
        info.setText(details);
    }
}
