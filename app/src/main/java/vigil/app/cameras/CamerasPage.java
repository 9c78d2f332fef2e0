package vigil.app.cameras;

import static vigil.app.console.SettingsControls.button;
import static vigil.app.console.SettingsControls.column;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import vigil.app.camera.CameraProbe;
import vigil.app.camera.CameraUrl;
import vigil.app.console.SettingsControls;
import vigil.app.console.Tasks;
import vigil.storage.CameraStore;
import vigil.storage.SiteCamera;

/**
 * The settings' Cameras page: the site's cameras in a table, never their passwords; Insert adds,
 * Enter edits, T tests (connects, reads a few frames, says what came or why not), Delete removes.
 * Every change goes to the store at once; the console reads the cameras anew when it reconnects.
 */
public final class CamerasPage {
    private final CameraStore store;
    private final Tasks tasks;
    private final String operator;
    private final TableView<SiteCamera> table = new TableView<>();
    private final Label outcome = new Label();
    private final VBox root;
    private boolean changed;

    /** {@code operator}: the admin whose changes these are, in the operator log. */
    public CamerasPage(CameraStore store, Tasks tasks, String operator) {
        this.store = store;
        this.tasks = tasks;
        this.operator = operator;
        table.setId("cameras-table");
        table.setPlaceholder(new Label("No cameras yet: Insert adds one"));
        table.getColumns().add(column("Name", SiteCamera::name, 160));
        table.getColumns().add(column("URL", SiteCamera::url, 260));
        table.getColumns().add(column("User", camera -> camera.username() == null ? "" : camera.username(), 80));
        table.getColumns().add(column("Zones", camera -> camera.zones().stream().map(zone -> Integer.toString(zone.zoneNumber()))
                .collect(Collectors.joining(",")), 70));
        table.getColumns().add(column("On the map", camera -> camera.placement() == null ? "" : "yes", 80));
        table.getColumns().add(column("Read", camera -> camera.enabled() ? "yes" : "no", 50));
        table.setPrefHeight(240);
        table.setOnKeyPressed(event -> {
            boolean taken = switch (event.getCode()) {
                case INSERT -> add();
                case ENTER -> edit();
                case T -> test();
                case DELETE -> remove();
                default -> false;
            };
            if (taken) {
                event.consume();
            }
        });
        outcome.setId("cameras-outcome");
        outcome.setWrapText(true);
        HBox buttons = new HBox(6, button("Add  Ins", this::add), button("Edit  ↵", this::edit), button("Test  T", this::test),
                button("Remove  Del", this::remove));
        root = new VBox(8, table, buttons, outcome, new Label("Changes apply when the console reconnects (it asks when you close the settings)."));
        root.setPadding(new Insets(8));
        reload();
    }

    public Node node() {
        return root;
    }

    /** Whether any camera was added, edited or removed. */
    public boolean changed() {
        return changed;
    }

    private Window owner() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private boolean add() {
        CameraForm form = new CameraForm(null);
        form.initOwner(owner());
        form.showAndWait().ifPresent(camera -> save(store.add(camera, operator), "added " + camera.name()));
        return true;
    }

    private boolean edit() {
        SiteCamera selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        CameraForm form = new CameraForm(selected);
        form.initOwner(owner());
        form.showAndWait().ifPresent(camera -> save(store.update(camera, operator), "saved " + camera.name()));
        return true;
    }

    private boolean remove() {
        SiteCamera selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        if (SettingsControls.confirmed(root, "Remove the camera " + selected.name() + "?", "Its events stay in the log.")) {
            save(store.remove(selected.name(), operator), "removed " + selected.name());
        }
        return true;
    }

    /** Connects to the selected camera off the FX thread and says what it sends, or why not. */
    private boolean test() {
        SiteCamera selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return false;
        }
        outcome.setText("Testing " + selected.name() + "…");
        tasks.run(() -> CameraProbe.probe(CameraUrl.parse(selected.url()), selected.username(), selected.password(), Duration.ofSeconds(10)),
                result -> outcome.setText(selected.name() + ": " + result.stream() + (result.keyframeInterval() > 0
                        ? ", a keyframe every " + result.keyframeInterval() + " frames" : "")),
                error -> outcome.setText(selected.name() + ": cannot read it: " + error.getMessage()));
        return true;
    }

    private void save(CompletableFuture<?> write, String done) {
        SettingsControls.saved(tasks, write, outcome, done, () -> {
            changed = true;
            reload();
        });
    }

    private void reload() {
        tasks.run(store::list, cameras -> table.getItems().setAll(cameras), error -> outcome.setText("Cannot read the cameras: "
                + error.getMessage()));
    }
}
