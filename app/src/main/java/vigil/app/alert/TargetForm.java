package vigil.app.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import vigil.app.console.SettingsControls;
import vigil.storage.AlertTarget;

/**
 * Adds an alert target: an MQTT broker (URL, topic prefix, user and password) or a webhook (URL and
 * the secret its posts are signed with), over TLS trusting the system's authorities or the site's
 * own (a PEM file). Nothing invalid can be saved: what is wrong is said and Save stays disabled.
 */
final class TargetForm extends Dialog<AlertTarget> {
    private final ComboBox<AlertTarget.Kind> kind = new ComboBox<>();
    private final TextField url = new TextField();
    private final TextField name = new TextField();
    private final TextField prefix = new TextField();
    private final TextField user = new TextField();
    private final PasswordField secret = new PasswordField();
    private final TextField authority = new TextField();
    private final Label secretLabel = new Label();
    private final Label problem = new Label();

    TargetForm() {
        setTitle("Add an alert target");
        setHeaderText("Where alerts go: an MQTT broker or a webhook");
        kind.getItems().setAll(AlertTarget.Kind.values());
        kind.setValue(AlertTarget.Kind.MQTT);
        kind.setId("target-kind");
        url.setId("target-url");
        url.setPrefColumnCount(34);
        name.setId("target-name");
        secret.setId("target-secret");
        authority.setId("target-authority");
        authority.setPromptText("a PEM file, where the site has its own authority (ssl:// or https:// only)");
        problem.getStyleClass().add("danger");
        problem.setId("target-problem");
        problem.setWrapText(true);
        GridPane grid = SettingsControls.form();
        int row = 0;
        grid.addRow(row++, new Label("Kind"), kind);
        grid.addRow(row++, new Label("URL"), url);
        grid.addRow(row++, new Label("Name"), name);
        grid.addRow(row++, new Label("Topic prefix"), prefix);
        grid.addRow(row++, new Label("User"), user);
        grid.addRow(row++, secretLabel, secret);
        grid.addRow(row++, new Label("Authority's certificate"), authority);
        grid.addRow(row, new Label(""), problem);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node save = getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            boolean mqtt = kind.getValue() == AlertTarget.Kind.MQTT;
            prefix.setDisable(!mqtt);
            user.setDisable(!mqtt);
            secretLabel.setText(mqtt ? "Password" : "Signing secret");
            url.setPromptText(mqtt ? "tcp://10.1.0.5:1883, or ssl://…:8883" : "https://hooks.example.org/vigil");
            prefix.setPromptText(mqtt ? AlertTarget.DEFAULT_PREFIX : "");
            name.setPromptText(url.getText().isBlank() ? "" : AlertTarget.defaultName(kind.getValue(), url.getText().strip()));
            String why = why();
            problem.setText(why == null ? "" : why);
            save.setDisable(why != null);
        };
        kind.valueProperty().addListener((o, old, chosen) -> validate.run());
        for (TextField field : List.of(url, name, prefix, user, secret, authority)) {
            field.textProperty().addListener((o, old, text) -> validate.run());
        }
        validate.run();
        setResultConverter(button -> button == ButtonType.OK ? target() : null);
        Platform.runLater(url::requestFocus);
    }

    /** Why what is entered cannot be saved, or null. */
    private String why() {
        if (url.getText().isBlank()) {
            return "a target needs a URL";
        }
        return SettingsControls.refusal(this::target);
    }

    private AlertTarget target() {
        boolean mqtt = kind.getValue() == AlertTarget.Kind.MQTT;
        String address = url.getText().strip();
        return new AlertTarget(name.getText().isBlank() ? AlertTarget.defaultName(kind.getValue(), address) : name.getText().strip(),
                kind.getValue(), address, mqtt ? blankAsNull(prefix.getText()) : null, mqtt ? blankAsNull(user.getText()) : null,
                secret.getText().isEmpty() ? null : secret.getText(), true, certificate());
    }

    private String certificate() {
        if (authority.getText().isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(authority.getText().strip()), StandardCharsets.US_ASCII);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("cannot read the authority's certificate " + authority.getText().strip() + ": " + e.getMessage());
        }
    }

    private static String blankAsNull(String text) {
        return text.isBlank() ? null : text.strip();
    }
}
