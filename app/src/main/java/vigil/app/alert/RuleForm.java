package vigil.app.alert;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;
import vigil.app.console.SettingsControls;
import vigil.storage.AlertRule;
import vigil.storage.IncidentType;

/**
 * Adds or edits one rule of an alert target: which incidents it is sent (types, classes, zones,
 * nodes, cameras, least priority; nothing checked means any), the cooldown per zone and class, quiet
 * hours, whether system alerts go too, and the site action it runs. The rule in words is shown as
 * it is entered; what cannot be saved says why and keeps Save disabled.
 */
final class RuleForm extends Dialog<AlertRule> {
    private static final List<String> PRIORITIES = List.of("any", "1 — an access violation or more",
            "2 — a hazard, an operator report or a person down", "3 — a person down");

    private static final double FIELD_WIDTH = 380;

    private final String target;
    private final AlertRule editing;
    private final CheckComboBox<IncidentType> types = new CheckComboBox<>();
    private final CheckComboBox<ObjectClass> classes = new CheckComboBox<>();
    private final CheckComboBox<Area> zones = new CheckComboBox<>();
    private final CheckComboBox<NodeAddress> nodes = new CheckComboBox<>();
    private final CheckComboBox<String> cameras = new CheckComboBox<>();
    private final ComboBox<String> priority = new ComboBox<>();
    private final TextField cooldown = new TextField();
    private final TextField quiet = new TextField();
    private final CheckBox system = new CheckBox("Also camera health, links, runway and bird risk, sign-ins");
    private final ComboBox<String> action = new ComboBox<>();
    private final Label words = new Label();
    private final Label problem = new Label();

    /** {@code nodes}, {@code cameras}, {@code actions}: what the site has, to choose from. */
    RuleForm(String target, AlertRule editing, List<NodeAddress> nodes, List<String> cameras, List<String> actions) {
        this.target = target;
        this.editing = editing;
        setTitle(editing == null ? "Add a rule to " + target : "Edit rule " + editing.id() + " of " + target);
        setHeaderText("What " + target + " is sent; a criterion with nothing checked means any");
        types.getItems().setAll(IncidentType.values());
        types.setId("rule-types");
        classes.getItems().setAll(ObjectClass.values());
        classes.setId("rule-classes");
        zones.getItems().setAll(Area.ZONES);
        zones.setId("rule-zones");
        zones.setConverter(converter(zone -> zone.zoneNumber() + " " + zone.name()));
        this.nodes.getItems().setAll(union(nodes, editing == null ? Set.of() : editing.nodes()));
        this.cameras.getItems().setAll(union(cameras, editing == null ? Set.of() : editing.cameras()));
        priority.getItems().setAll(PRIORITIES);
        priority.setValue(PRIORITIES.getFirst());
        cooldown.setId("rule-cooldown");
        cooldown.setPromptText("seconds (0: none)");
        cooldown.setText("0");
        cooldown.setPrefColumnCount(6);
        quiet.setId("rule-quiet");
        quiet.setPromptText("22:00-06:00, or empty");
        quiet.setPrefColumnCount(11);
        action.getItems().add("");
        action.getItems().addAll(union(actions, editing == null || editing.action() == null ? Set.of() : Set.of(editing.action())));
        action.setConverter(converter(name -> name.isEmpty() ? "none" : name));
        action.setValue("");
        words.setId("rule-words");
        words.setWrapText(true);
        words.setMaxWidth(FIELD_WIDTH);
        words.setMinHeight(Region.USE_PREF_SIZE);
        problem.getStyleClass().add("danger");
        problem.setId("rule-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(FIELD_WIDTH);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        system.setWrapText(true);
        system.setMaxWidth(FIELD_WIDTH);
        system.setMinHeight(Region.USE_PREF_SIZE);
        if (editing != null) {
            editing.types().forEach(types.getCheckModel()::check);
            editing.classes().forEach(classes.getCheckModel()::check);
            editing.zones().forEach(zones.getCheckModel()::check);
            editing.nodes().forEach(this.nodes.getCheckModel()::check);
            editing.cameras().forEach(this.cameras.getCheckModel()::check);
            priority.setValue(PRIORITIES.get(editing.minPriority()));
            cooldown.setText(Long.toString(editing.cooldown().toSeconds()));
            quiet.setText(editing.quietWords());
            system.setSelected(editing.systemAlerts());
            action.setValue(editing.action() == null ? "" : editing.action());
        }
        for (Region field : List.of(types, classes, zones, this.nodes, this.cameras, priority, action)) {
            field.setPrefWidth(FIELD_WIDTH);
        }
        GridPane grid = SettingsControls.form();
        int row = 0;
        grid.addRow(row++, new Label("Event types"), types);
        grid.addRow(row++, new Label("Object classes"), classes);
        grid.addRow(row++, new Label("Zones"), zones);
        grid.addRow(row++, new Label("Nodes"), this.nodes);
        grid.addRow(row++, new Label("Cameras (operator reports)"), this.cameras);
        grid.addRow(row++, new Label("Least priority"), priority);
        grid.addRow(row++, new Label("Cooldown (s)"), cooldown);
        grid.addRow(row++, new Label("Quiet hours"), quiet);
        grid.addRow(row++, new Label("System alerts"), system);
        grid.addRow(row++, new Label("Runs the action"), action);
        grid.addRow(row++, new Label("In words"), words);
        grid.addRow(row, new Label(""), problem);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node save = getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            try {
                words.setText(rule().describe());
                problem.setText("");
                save.setDisable(false);
            } catch (IllegalArgumentException why) {
                words.setText("");
                problem.setText(why.getMessage());
                save.setDisable(true);
            }
        };
        for (CheckComboBox<?> checks : List.of(types, classes, zones, this.nodes, this.cameras)) {
            Runnable title = () -> checks.setTitle(checks.getCheckModel().getCheckedItems().isEmpty() ? "any" : null);
            checks.getCheckModel().getCheckedItems().addListener((ListChangeListener<Object>) change -> {
                title.run();
                validate.run();
            });
            title.run();
        }
        priority.valueProperty().addListener((o, old, chosen) -> validate.run());
        action.valueProperty().addListener((o, old, chosen) -> validate.run());
        system.selectedProperty().addListener((o, old, chosen) -> validate.run());
        cooldown.textProperty().addListener((o, old, text) -> validate.run());
        quiet.textProperty().addListener((o, old, text) -> validate.run());
        validate.run();
        setResultConverter(button -> button == ButtonType.OK ? rule() : null);
        Platform.runLater(types::requestFocus);
    }

    private AlertRule rule() {
        int seconds;
        try {
            seconds = Integer.parseInt(cooldown.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a cooldown is whole seconds, 0 to 86400: '" + cooldown.getText().strip() + "'");
        }
        LocalTime[] hours = AlertRule.quietHours(quiet.getText());
        return new AlertRule(editing == null ? 0 : editing.id(), target, Set.copyOf(types.getCheckModel().getCheckedItems()),
                Set.copyOf(classes.getCheckModel().getCheckedItems()), Set.copyOf(zones.getCheckModel().getCheckedItems()),
                Set.copyOf(nodes.getCheckModel().getCheckedItems()), Set.copyOf(cameras.getCheckModel().getCheckedItems()),
                PRIORITIES.indexOf(priority.getValue()), Duration.ofSeconds(seconds), hours[0], hours[1], system.isSelected(),
                action.getValue().isEmpty() ? null : action.getValue());
    }

    /** What the site offers, and what the rule names that it no longer has (so that editing keeps it). */
    private static <T> List<T> union(List<T> offered, Set<T> named) {
        List<T> all = new ArrayList<>(offered);
        named.stream().filter(value -> !all.contains(value)).forEach(all::add);
        return all;
    }

    private static <T> StringConverter<T> converter(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
