package vigil.app.alert;

import static vigil.app.console.SettingsControls.button;
import static vigil.app.console.SettingsControls.column;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import vigil.app.console.SettingsControls;
import vigil.app.console.Tasks;
import vigil.storage.AlertTarget;
import vigil.storage.SiteAction;
import vigil.storage.Storage;

/**
 * The settings' Actions page: the site's actions (an HTTP request to a relay, or an MQTT publish
 * through an alert target's broker), never their passwords. Insert adds, Delete removes; they are
 * run from the Live view (Ctrl+G, a zone's menu), a checklist step or a rule, never from here.
 * Every change goes to the store at once, sealed in the operator log.
 */
public final class ActionsPage {
    private final Storage storage;
    private final Tasks tasks;
    private final String operator;
    private final TableView<SiteAction> table = new TableView<>();
    private final Label outcome = new Label();
    private final VBox root;
    private List<String> brokers = List.of();

    /** {@code operator}: the admin whose changes these are, in the operator log. */
    public ActionsPage(Storage storage, Tasks tasks, String operator) {
        this.storage = storage;
        this.tasks = tasks;
        this.operator = operator;
        table.setId("actions-table");
        table.setPlaceholder(new Label("No site action: Insert adds one (a gate, a siren, lights)"));
        table.getColumns().add(column("Name", SiteAction::name, 150));
        table.getColumns().add(column("Kind", action -> action.kind().name(), 60));
        table.getColumns().add(column("What it does", action -> action.kind() == SiteAction.Kind.HTTP
                ? action.method() + " " + action.url() : "publish on " + action.topic() + " through " + action.target(), 330));
        table.getColumns().add(column("User", action -> action.username() == null ? "" : action.username(), 70));
        table.getColumns().add(column("Body", SiteAction::body, 150));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(260);
        table.setOnKeyPressed(event -> {
            boolean taken = switch (event.getCode()) {
                case INSERT -> add();
                case DELETE -> remove();
                default -> false;
            };
            if (taken) {
                event.consume();
            }
        });
        outcome.setId("actions-outcome");
        outcome.setWrapText(true);
        root = new VBox(8, table, new HBox(6, button("Add  Ins", this::add), button("Remove  Del", this::remove)), outcome,
                new Label("Run them from the Live view (Ctrl+G, or a zone's menu), a checklist step or an alert rule."));
        root.setPadding(new Insets(8));
        reload();
    }

    public Node node() {
        return root;
    }

    private boolean add() {
        ActionForm form = new ActionForm(brokers);
        form.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        form.showAndWait().ifPresent(action -> save(storage.siteActions().add(action, operator), "added " + action.name()));
        return true;
    }

    private boolean remove() {
        SiteAction selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        if (SettingsControls.confirmed(root, "Remove the action " + selected.name() + "?",
                "Its runs stay in the log; a rule or checklist step naming it says it is gone.")) {
            save(storage.siteActions().remove(selected.name(), operator), "removed " + selected.name());
        }
        return true;
    }

    private void save(CompletableFuture<?> write, String done) {
        SettingsControls.saved(tasks, write, outcome, done, this::reload);
    }

    private record Read(List<SiteAction> actions, List<String> brokers) {
    }

    private void reload() {
        tasks.run(() -> new Read(storage.siteActions().list(), storage.alertTargets().list().stream()
                        .filter(target -> target.kind() == AlertTarget.Kind.MQTT).map(AlertTarget::name).toList()),
                read -> {
                    brokers = read.brokers();
                    table.getItems().setAll(read.actions());
                }, error -> outcome.setText("Cannot read the site actions: " + error.getMessage()));
    }
}
