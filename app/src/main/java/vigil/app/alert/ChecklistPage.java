package vigil.app.alert;

import static vigil.app.console.SettingsControls.button;
import static vigil.app.console.SettingsControls.column;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import vigil.app.console.SettingsControls;
import vigil.app.console.Tasks;
import vigil.storage.ChecklistStep;
import vigil.storage.IncidentType;
import vigil.storage.SiteAction;
import vigil.storage.Storage;

/**
 * The settings' Checklist page: the site's emergency checklist for the event type chosen, its steps
 * in order (what to do, whom to call on which number, the site action that does it). The fields
 * under the table add a step after the last (Enter in any of them); Delete removes the step chosen
 * and the later ones move up. Every change goes to the store at once, sealed in the operator log;
 * the pop-ups and the review show the steps from then on.
 */
public final class ChecklistPage {
    private final Storage storage;
    private final Tasks tasks;
    private final String operator;
    private final ComboBox<IncidentType> type = new ComboBox<>();
    private final TableView<ChecklistStep> table = new TableView<>();
    private final TextField text = new TextField();
    private final TextField contact = new TextField();
    private final TextField phone = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final Label outcome = new Label();
    private final VBox root;

    /** {@code operator}: the admin whose changes these are, in the operator log. */
    public ChecklistPage(Storage storage, Tasks tasks, String operator) {
        this.storage = storage;
        this.tasks = tasks;
        this.operator = operator;
        type.getItems().setAll(IncidentType.values());
        type.setValue(IncidentType.RESCUE);
        type.setId("checklist-type");
        type.valueProperty().addListener((o, old, chosen) -> reload());
        table.setId("checklist-steps");
        table.setPlaceholder(new Label("No step for this event type: type one below"));
        table.getColumns().add(column("#", step -> Integer.toString(step.position()), 40));
        table.getColumns().add(column("What to do", ChecklistStep::text, 330));
        table.getColumns().add(column("Whom", step -> step.contact() == null ? "" : step.contact(), 120));
        table.getColumns().add(column("Number", step -> step.phone() == null ? "" : step.phone(), 100));
        table.getColumns().add(column("Action", step -> step.action() == null ? "" : step.action(), 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        table.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.DELETE && remove()) {
                event.consume();
            }
        });
        text.setId("checklist-text");
        text.setPromptText("what to do: Call the ambulance");
        text.setPrefColumnCount(24);
        contact.setPromptText("whom (optional)");
        contact.setPrefColumnCount(10);
        phone.setPromptText("number (optional)");
        phone.setPrefColumnCount(8);
        action.setPromptText("no action");
        for (TextField field : List.of(text, contact, phone)) {
            field.setOnAction(e -> add());
        }
        outcome.setId("checklist-outcome");
        outcome.setWrapText(true);
        root = new VBox(8, new HBox(8, new Label("Steps for"), type), table,
                new HBox(6, text, contact, phone, action, button("Add  ↵", this::add)), button("Remove step  Del", this::remove), outcome);
        root.setPadding(new Insets(8));
        reload();
    }

    public Node node() {
        return root;
    }

    private boolean add() {
        String chosen = action.getValue() == null || action.getValue().isEmpty() ? null : action.getValue();
        try {
            new ChecklistStep(0, type.getValue(), 0, text.getText().strip(), null, null, null); // says what is wrong before the store
        } catch (IllegalArgumentException refused) {
            outcome.setText(refused.getMessage());
            return true;
        }
        save(storage.checklist().add(type.getValue(), text.getText().strip(), blankAsNull(contact.getText()), blankAsNull(phone.getText()),
                chosen, operator), "added a step to " + type.getValue());
        text.clear();
        contact.clear();
        phone.clear();
        action.setValue(null);
        text.requestFocus();
        return true;
    }

    private boolean remove() {
        ChecklistStep selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        if (SettingsControls.confirmed(root, "Remove step " + selected.position() + " of " + selected.type() + "?", selected.words())) {
            save(storage.checklist().remove(selected.id(), operator), "removed step " + selected.position());
        }
        return true;
    }

    private void save(CompletableFuture<?> write, String done) {
        SettingsControls.saved(tasks, write, outcome, done, this::reload);
    }

    private record Read(List<ChecklistStep> steps, List<String> actions) {
    }

    /** Reads the steps of the type chosen and the site's actions again (another page may have added one). */
    public void reload() {
        IncidentType shown = type.getValue();
        tasks.run(() -> new Read(storage.checklist().steps(shown), storage.siteActions().list().stream().map(SiteAction::name).toList()),
                read -> {
                    if (shown == type.getValue()) {
                        table.getItems().setAll(read.steps());
                    }
                    String kept = action.getValue();
                    action.getItems().setAll(read.actions());
                    action.setValue(kept);
                }, error -> outcome.setText("Cannot read the checklist: " + error.getMessage()));
    }

    private static String blankAsNull(String field) {
        return field.isBlank() ? null : field.strip();
    }
}
