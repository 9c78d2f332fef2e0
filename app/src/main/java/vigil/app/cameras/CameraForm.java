package vigil.app.cameras;

import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import vigil.app.camera.CameraUrl;
import vigil.app.console.SettingsControls;
import vigil.protocol.wire.Area;
import vigil.storage.SiteCamera;

/**
 * Adds or edits one camera: name, URL, user and password, the zones it covers, where it stands on
 * the map, whether it is read. Nothing invalid can be saved: a malformed URL or name says why and
 * keeps Save disabled. On an edit an empty password keeps the one kept.
 */
final class CameraForm extends Dialog<SiteCamera> {
    private final TextField name = new TextField();
    private final TextField url = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckComboBox<Area> zones = new CheckComboBox<>();
    private final TextField placement = new TextField();
    private final TextField clipWindow = new TextField();
    private final CheckBox enabled = new CheckBox("Read this camera");
    private final Label problem = new Label();
    private final SiteCamera editing;

    CameraForm(SiteCamera editing) {
        this.editing = editing;
        setTitle(editing == null ? "Add a camera" : "Edit " + editing.name());
        setHeaderText(editing == null ? "A camera of the site's own: RTSP, or HTTP MJPEG" : "Edit the camera");
        name.setId("camera-name");
        url.setId("camera-url");
        url.setPromptText("rtsp://10.1.0.20:554/stream1");
        user.setPromptText("none");
        password.setPromptText(editing != null && editing.password() != null ? "(kept; type to change)" : "none");
        zones.getItems().setAll(Area.ZONES);
        zones.setConverter(new StringConverter<>() {
            @Override
            public String toString(Area zone) {
                return zone == null ? "" : zone.zoneNumber() + " " + zone.name();
            }

            @Override
            public Area fromString(String text) {
                return null;
            }
        });
        placement.setPromptText("x,y,heading (e.g. 420,60,135), or empty");
        clipWindow.setId("camera-clips");
        clipWindow.setPromptText("seconds before,after (e.g. 10,20)");
        clipWindow.setText(clipText(SiteCamera.ClipWindow.DEFAULT));
        problem.getStyleClass().add("danger");
        problem.setId("camera-problem");
        problem.setWrapText(true);
        enabled.setSelected(true);
        if (editing != null) {
            name.setText(editing.name());
            name.setEditable(false); // the name is the camera's key: remove it and add it to rename
            url.setText(editing.url());
            user.setText(editing.username() == null ? "" : editing.username());
            editing.zones().forEach(zone -> zones.getCheckModel().check(zone));
            SiteCamera.Placement at = editing.placement();
            placement.setText(at == null ? "" : at.x() + "," + at.y() + "," + at.heading());
            clipWindow.setText(clipText(editing.clips()));
            enabled.setSelected(editing.enabled());
        }
        GridPane grid = SettingsControls.form();
        int row = 0;
        for (Object[] field : new Object[][] {{"Name", name}, {"URL", url}, {"User", user}, {"Password", password},
            {"Zones it covers", zones}, {"On the map", placement},
            {"Clips (s before, after)", clipWindow}, {"", enabled}, {"", problem}}) {
            grid.addRow(row++, new Label((String) field[0]), (Node) field[1]);
        }
        url.setPrefColumnCount(34);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node save = getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            String why = SettingsControls.refusal(this::camera);
            problem.setText(why == null ? "" : why);
            save.setDisable(why != null);
        };
        for (TextField field : List.of(name, url, user, placement, clipWindow)) {
            field.textProperty().addListener((o, old, text) -> validate.run());
        }
        validate.run();
        setResultConverter(button -> button == ButtonType.OK ? camera() : null);
        Platform.runLater(editing == null ? name::requestFocus : url::requestFocus);
    }

    private SiteCamera camera() {
        if (url.getText().isBlank()) {
            throw new IllegalArgumentException("a camera needs a URL");
        }
        CameraUrl parsed = CameraUrl.parse(url.getText());
        String userName = !user.getText().isBlank() ? user.getText().strip() : parsed.username();
        String secret = !password.getText().isEmpty() ? password.getText()
                : parsed.password() != null ? parsed.password() : editing == null ? null : editing.password();
        return new SiteCamera(name.getText().strip(), parsed.toString(), userName, userName == null ? null : secret,
                List.copyOf(zones.getCheckModel().getCheckedItems()), placement(), clipWindow(), enabled.isSelected());
    }

    private static String clipText(SiteCamera.ClipWindow window) {
        return window.pre().toSeconds() + "," + window.post().toSeconds();
    }

    private SiteCamera.ClipWindow clipWindow() {
        String[] parts = clipWindow.getText().strip().split("\\s*,\\s*");
        try {
            if (parts.length == 2) {
                return new SiteCamera.ClipWindow(Duration.ofSeconds(Integer.parseInt(parts[0])), Duration.ofSeconds(Integer.parseInt(parts[1])));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("clips: seconds before and after an incident, as 10,20");
    }

    private SiteCamera.Placement placement() {
        String text = placement.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        String[] parts = text.split("\\s*,\\s*");
        try {
            if (parts.length == 3) {
                return new SiteCamera.Placement(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Math.floorMod(Integer.parseInt(parts[2]), 360));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("on the map: x,y,heading in whole numbers, as in 420,60,135");
    }
}
