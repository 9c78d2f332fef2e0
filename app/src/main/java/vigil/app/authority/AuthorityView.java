package vigil.app.authority;

import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vigil.app.map.MapFrame;
import vigil.app.map.MapPalette;
import vigil.app.map.SitePlan;
import vigil.app.map.ZoneMapView;
import vigil.app.operators.Desk;
import vigil.app.shell.ScreenView;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.storage.Right;

/** The Access screen: the zones on the map and in a list, their current and pending levels, apply and revert. */
public final class AuthorityView implements ScreenView {
    private final BooleanProperty mayApply = new SimpleBooleanProperty(this, "mayApply", true);
    private Button applyButton;
    private final AuthorityViewModel model;
    private final SitePlan site;
    private final ZoneMapView map;
    private final BorderPane root = new BorderPane();
    private final VBox rows = new VBox(4);
    private boolean redraw = true;

    public AuthorityView(AuthorityViewModel model, SitePlan site) {
        this.model = model;
        this.site = site;
        this.map = new ZoneMapView(site);
        map.setId("access-map");
        map.setOnMouseClicked(e -> model.select(map.zoneAt(e.getX(), e.getY())));

        Label title = new Label("ZONE AUTHORITY · node " + model.nodeName());
        title.getStyleClass().add("pane-title");
        rows.setId("zone-rows");
        Button apply = new Button("Apply…");
        apply.setId("apply-levels");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> confirmAndApply());
        Button revert = new Button("Revert");
        revert.setOnAction(e -> model.revert());
        Button refresh = new Button("Ask node");
        refresh.setOnAction(e -> model.askNode());
        for (Button button : List.of(apply, revert, refresh)) {
            button.setFocusTraversable(false);
        }
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.applyingProperty());
        apply.disableProperty().bind(model.applyingProperty().or(mayApply.not()));
        applyButton = apply;
        HBox actions = new HBox(8, apply, revert, refresh, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label outcome = new Label();
        outcome.setId("access-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        model.failedProperty().addListener((o, was, failed) -> outcome.getStyleClass().setAll("label", "outcome", failed ? "error" : "ok"));
        Label help = new Label("Select a zone with 1–8 or a click; set it with O (open), A (auth only) or N (no entry). Ctrl+Enter applies (after a confirmation), Esc reverts, F5 asks the node again.");
        help.getStyleClass().add("muted-text");
        help.setWrapText(true);
        VBox side = new VBox(10, title, rows, help, actions, outcome);
        side.setPadding(new Insets(12));
        side.setPrefWidth(440);

        root.setCenter(map);
        root.setRight(side);
        BorderPane.setMargin(map, new Insets(12, 0, 12, 12));

        model.pending().addListener((ListChangeListener<AuthorityLevel>) change -> rebuild());
        model.currentProperty().addListener((o, old, now) -> rebuild());
        model.selectedZoneProperty().addListener((o, old, now) -> rebuild());

        rebuild();
    }

    public AuthorityViewModel model() {
        return model;
    }

    @Override
    public void setPalette(MapPalette palette) {
        map.setPalette(palette);
        redraw = true;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        model.askNode(); // the editor shows what the node holds now
        redraw = true;
    }

    @Override
    public void pulse(long now) {
        model.refreshFromNode();
        if (redraw) {
            map.draw(MapFrame.zonesOnly(model.currentProperty().get(), model.pending().isEmpty() ? null : List.copyOf(model.pending()),
                    model.selectedZoneProperty().get(), now));
            redraw = false;
        }
    }

    /** Asks the operator to confirm the pending changes, then applies them. */
    public void confirmAndApply() {
        List<Area> changed = model.changedZones();
        if (changed.isEmpty() || model.applyingProperty().get()) {
            return;
        }
        String list = changed.stream().map(zone -> site.label(zone) + ":  " + ZoneMapView.levelName(model.currentProperty().get().get(zone.ordinal()))
                + "  →  " + ZoneMapView.levelName(model.pending().get(zone.ordinal()))).collect(Collectors.joining("\n"));
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, list, ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(root.getScene().getWindow());
        confirm.setTitle("Apply zone levels");
        confirm.setHeaderText("Send these changes to node " + model.nodeName() + "?");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.apply());
    }

    private void rebuild() {
        redraw = true;
        List<AuthorityLevel> current = model.currentProperty().get();
        rows.getChildren().clear();
        for (Area zone : Area.ZONES) {
            AuthorityLevel now = current == null ? null : current.get(zone.ordinal());
            AuthorityLevel pending = model.pending().isEmpty() ? null : model.pending().get(zone.ordinal());
            Label name = new Label(zone.zoneNumber() + "  " + site.label(zone));
            name.getStyleClass().add("zone-name");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, name, spacer, chip(now));
            if (pending != null && pending != now) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("zone-pending");
                row.getChildren().addAll(arrow, chip(pending));
                row.getStyleClass().add("pending");
            }
            row.getStyleClass().add("zone-row");
            if (zone == model.selectedZoneProperty().get()) {
                row.getStyleClass().add("selected");
            }
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId("zone-row-" + zone.zoneNumber());
            row.setOnMouseClicked(e -> model.select(zone));
            rows.getChildren().add(row);
        }
    }

    private static Label chip(AuthorityLevel level) {
        Label chip = new Label(ZoneMapView.levelName(level));
        chip.getStyleClass().addAll("level-chip", level == null ? "unknown" : level.name().toLowerCase());
        return chip;
    }

    /** Only a supervisor may apply: for others the button is disabled and says why. */
    @Override
    public void rightsChanged(Desk desk) {
        String refusal = desk.refusal(Right.CHANGE_AUTHORITY);
        mayApply.set(refusal == null);
        applyButton.setTooltip(refusal == null ? null : new Tooltip(refusal));
    }
}
