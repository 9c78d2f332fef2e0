package vigil.app.alert;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import vigil.app.console.SettingsControls;
import vigil.storage.SiteAction;

/**
 * Adds a site action: an HTTP request (method, URL, body, user and password), as IP relays for
 * gates and sirens take, or an MQTT publish (topic, body) through one of the alert targets'
 * brokers. Nothing invalid can be saved: what is wrong is said and Save stays disabled.
 */
final class ActionForm extends Dialog<SiteAction> {
    private final ComboBox<SiteAction.Kind> kind = new ComboBox<>();
    private final TextField name = new TextField();
    private final ComboBox<String> method = new ComboBox<>();
    private final TextField url = new TextField();
    private final ComboBox<String> broker = new ComboBox<>();
    private final TextField topic = new TextField();
    private final TextArea body = new TextArea();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label problem = new Label();

    /** {@code brokers}: the MQTT alert targets an action may publish through. */
    ActionForm(List<String> brokers) {
        setTitle("Add a site action");
        setHeaderText("An action on the site: a gate, a siren, lights");
        kind.getItems().setAll(SiteAction.Kind.values());
        kind.setValue(SiteAction.Kind.HTTP);
        kind.setId("action-kind");
        name.setId("action-name");
        name.setPromptText("Close gate 2");
        method.getItems().setAll("POST", "PUT", "GET", "PATCH", "DELETE");
        method.setValue("POST");
        url.setId("action-url");
        url.setPromptText("http://10.1.0.40/relay/1/on");
        url.setPrefColumnCount(34);
        broker.getItems().setAll(brokers);
        broker.setPromptText(brokers.isEmpty() ? "no MQTT alert target yet" : "");
        topic.setPromptText("site/siren/apron/set");
        body.setPrefRowCount(3);
        body.setPromptText("what is sent, if anything");
        user.setPromptText("none");
        problem.getStyleClass().add("danger");
        problem.setId("action-problem");
        problem.setWrapText(true);
        GridPane grid = SettingsControls.form();
        int row = 0;
        for (Object[] field : new Object[][] {{"Kind", kind}, {"Name", name}, {"Method", method}, {"URL", url},
            {"Broker (alert target)", broker}, {"Topic", topic}, {"Body", body}, {"User", user}, {"Password", password}, {"", problem}}) {
            grid.addRow(row++, new Label((String) field[0]), (Node) field[1]);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node save = getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            boolean http = kind.getValue() == SiteAction.Kind.HTTP;
            for (Node httpOnly : List.of(method, url, user, password)) {
                httpOnly.setDisable(!http);
            }
            broker.setDisable(http);
            topic.setDisable(http);
            String why = SettingsControls.refusal(this::action);
            problem.setText(why == null ? "" : why);
            save.setDisable(why != null);
        };
        kind.valueProperty().addListener((o, old, chosen) -> validate.run());
        method.valueProperty().addListener((o, old, chosen) -> validate.run());
        broker.valueProperty().addListener((o, old, chosen) -> validate.run());
        for (var field : List.of(name, url, topic, body, user, password)) {
            field.textProperty().addListener((o, old, text) -> validate.run());
        }
        validate.run();
        setResultConverter(button -> button == ButtonType.OK ? action() : null);
        Platform.runLater(name::requestFocus);
    }

    private SiteAction action() {
        if (kind.getValue() == SiteAction.Kind.HTTP) {
            return new SiteAction(name.getText().strip(), SiteAction.Kind.HTTP, method.getValue(), url.getText().strip(), body.getText(),
                    blankAsNull(user.getText()), password.getText().isEmpty() ? null : password.getText(), null, null);
        }
        return new SiteAction(name.getText().strip(), SiteAction.Kind.MQTT, null, null, body.getText(), null, null, broker.getValue(),
                blankAsNull(topic.getText()));
    }

    private static String blankAsNull(String text) {
        return text.isBlank() ? null : text.strip();
    }
}
