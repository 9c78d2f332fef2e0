package vigil.app.alert;

import static vigil.app.console.SettingsControls.button;
import static vigil.app.console.SettingsControls.column;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import vigil.app.alerts.Alerts;
import vigil.app.console.SettingsControls;
import vigil.app.console.Tasks;
import vigil.protocol.link.NodeAddress;
import vigil.storage.AlertRule;
import vigil.storage.AlertTarget;
import vigil.storage.SiteAction;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/**
 * The settings' Alerts page: where alerts go (MQTT brokers and webhooks, never their secrets) and,
 * for the target chosen, its rules. In the targets' table Insert adds, T sends a test message,
 * Delete removes; in the rules' table Insert adds, Enter edits, Delete removes. Every change goes
 * to the store at once and applies at once here, and within {@link Alerts#REREAD_EVERY} at every
 * other desk and recorder of the store.
 */
public final class AlertsPage {
    /** How long a test message may take to be taken. */
    private static final Duration TEST_PATIENCE = Duration.ofSeconds(10);

    private final Storage storage;
    private final Alerts alerts;
    private final List<NodeAddress> nodes;
    private final Tasks tasks;
    private final String operator;
    private final TableView<AlertTarget> targets = new TableView<>();
    private final TableView<AlertRule> rules = new TableView<>();
    private final Label rulesTitle = new Label();
    private final Label outcome = new Label();
    private final VBox root;
    private List<AlertRule> allRules = List.of();
    private List<String> actionNames = List.of();
    private List<String> cameraNames = List.of();

    /** {@code nodes}: the console's, offered to a rule; {@code operator}: the admin whose changes these are, in the operator log. */
    public AlertsPage(Storage storage, Alerts alerts, List<NodeAddress> nodes, Tasks tasks, String operator) {
        this.storage = storage;
        this.alerts = alerts;
        this.nodes = nodes;
        this.tasks = tasks;
        this.operator = operator;
        targets.setId("alerts-targets");
        targets.setPlaceholder(new Label("No alert target: Insert adds an MQTT broker or a webhook"));
        targets.getColumns().add(column("Name", AlertTarget::name, 120));
        targets.getColumns().add(column("Kind", target -> target.kind() == AlertTarget.Kind.MQTT ? "MQTT" : "webhook", 80));
        targets.getColumns().add(column("URL", AlertTarget::url, 200));
        targets.getColumns().add(column("Topics", target -> target.topicPrefix() == null ? "" : target.topicPrefix() + "/…", 70));
        targets.getColumns().add(column("User", target -> target.username() == null ? "" : target.username(), 60));
        targets.getColumns().add(column("Trusts", target -> target.caCertificate() == null ? "" : target.authorityName(), 90));
        targets.getColumns().add(column("Rules", target -> {
            long count = allRules.stream().filter(rule -> rule.target().equals(target.name())).count();
            return count == 0 ? "none: all" : Long.toString(count);
        }, 70));
        targets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        targets.setPrefHeight(150);
        targets.getSelectionModel().selectedItemProperty().addListener((o, old, chosen) -> showRules());
        onKeys(targets, code -> switch (code) {
            case INSERT -> addTarget();
            case T -> test();
            case DELETE -> removeTarget();
            default -> false;
        });
        rules.setId("alerts-rules");
        TableColumn<AlertRule, String> number = column("#", rule -> Long.toString(rule.id()), 40);
        number.setMaxWidth(60);
        rules.getColumns().add(number);
        rules.getColumns().add(column("Sent when", AlertRule::describe, 500));
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rules.setPrefHeight(130);
        onKeys(rules, code -> switch (code) {
            case INSERT -> addRule();
            case ENTER -> editRule();
            case DELETE -> removeRule();
            default -> false;
        });
        outcome.setId("alerts-outcome");
        outcome.setWrapText(true);
        HBox targetButtons = new HBox(6, button("Add target  Ins", this::addTarget), button("Test  T", this::test),
                button("Remove target  Del", this::removeTarget));
        HBox ruleButtons = new HBox(6, button("Add rule  Ins", this::addRule), button("Edit rule  ↵", this::editRule),
                button("Remove rule  Del", this::removeRule));
        rulesTitle.getStyleClass().add("text-bold");
        Label targetsTitle = new Label("Where alerts go");
        targetsTitle.getStyleClass().add("text-bold");
        Label applies = new Label("Changes apply at once here, and within " + Alerts.REREAD_EVERY.toSeconds()
                + " s at the other desks and recorders of this store.");
        applies.setWrapText(true);
        root = new VBox(8, targetsTitle, targets, targetButtons, rulesTitle, rules, ruleButtons, outcome, applies);
        root.setPadding(new Insets(8));
        reload();
    }

    public Node node() {
        return root;
    }

    private Window owner() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private boolean addTarget() {
        TargetForm form = new TargetForm();
        form.initOwner(owner());
        form.showAndWait().ifPresent(target -> save(storage.alertTargets().add(target, operator), "added " + target.name()));
        return true;
    }

    private boolean test() {
        AlertTarget selected = targets.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        outcome.setText("Sending " + selected.name() + " a test message…");
        tasks.run(() -> Alerts.test(selected, storage.alertDeliveries(), TEST_PATIENCE),
                problem -> outcome.setText(selected.name() + (problem == null ? ": OK, it took the test message" : ": " + problem)),
                error -> outcome.setText(selected.name() + ": " + error.getMessage()));
        return true;
    }

    private boolean removeTarget() {
        AlertTarget selected = targets.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        if (SettingsControls.confirmed(root, "Remove the alert target " + selected.name() + " and its rules?", "What it was sent stays in the delivery log.")) {
            save(storage.alertTargets().remove(selected.name(), operator), "removed " + selected.name());
        }
        return true;
    }

    private boolean addRule() {
        AlertTarget selected = targets.getSelectionModel().getSelectedItem();
        if (selected == null) {
            outcome.setText("Choose the target the rule is for first.");
            return true;
        }
        RuleForm form = new RuleForm(selected.name(), null, nodes, cameraNames, actionNames);
        form.initOwner(owner());
        form.showAndWait().ifPresent(rule -> save(storage.alertTargets().addRule(rule, operator), "added a rule to " + selected.name()));
        return true;
    }

    private boolean editRule() {
        AlertRule selected = rules.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        RuleForm form = new RuleForm(selected.target(), selected, nodes, cameraNames, actionNames);
        form.initOwner(owner());
        form.showAndWait().ifPresent(rule -> save(storage.alertTargets().changeRule(rule, operator), "changed rule " + rule.id()));
        return true;
    }

    private boolean removeRule() {
        AlertRule selected = rules.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        if (SettingsControls.confirmed(root, "Remove rule " + selected.id() + " of " + selected.target() + "?", selected.describe())) {
            save(storage.alertTargets().removeRule(selected.id(), operator), "removed rule " + selected.id());
        }
        return true;
    }

    private void save(CompletableFuture<?> write, String done) {
        SettingsControls.saved(tasks, write, outcome, done, () -> {
            alerts.reread();
            reload();
        });
    }

    private record Configuration(List<AlertTarget> targets, List<AlertRule> rules, List<String> actions, List<String> cameras) {
    }

    /** Reads the targets, rules, actions and cameras again (another page may have added an action). */
    public void reload() {
        tasks.run(() -> new Configuration(storage.alertTargets().list(), storage.alertTargets().rules(),
                        storage.siteActions().list().stream().map(SiteAction::name).toList(),
                        storage.cameras().list().stream().map(SiteCamera::name).toList()),
                read -> {
                    String chosen = targets.getSelectionModel().getSelectedItem() == null ? null
                            : targets.getSelectionModel().getSelectedItem().name();
                    allRules = read.rules();
                    actionNames = read.actions();
                    cameraNames = read.cameras();
                    targets.getItems().setAll(read.targets());
                    read.targets().stream().filter(target -> target.name().equals(chosen)).findFirst()
                            .ifPresentOrElse(target -> targets.getSelectionModel().select(target), () -> targets.getSelectionModel().selectFirst());
                    showRules();
                }, error -> outcome.setText("Cannot read the alert targets: " + error.getMessage()));
    }

    private void showRules() {
        AlertTarget chosen = targets.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            rulesTitle.setText("Rules");
            rules.setPlaceholder(new Label("Choose a target to see its rules"));
            rules.getItems().clear();
            return;
        }
        rulesTitle.setText("Rules of " + chosen.name());
        rules.setPlaceholder(new Label("No rule: " + chosen.name() + " is sent every incident and system alert. Insert adds one."));
        rules.getItems().setAll(allRules.stream().filter(rule -> rule.target().equals(chosen.name())).toList());
    }

    private static void onKeys(TableView<?> table, Function<KeyCode, Boolean> keys) {
        table.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (!event.isShortcutDown() && !event.isAltDown() && keys.apply(event.getCode())) {
                event.consume();
            }
        });
    }
}
