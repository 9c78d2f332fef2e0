package vigil.app.live;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vigil.app.incidents.IncidentBoard;
import vigil.app.incidents.IncidentCell;
import vigil.app.incidents.IncidentItem;
import vigil.app.map.MapFrame;
import vigil.app.map.MapPalette;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.app.map.ZoneMapView;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.ScreenView;
import vigil.protocol.wire.Area;
import vigil.app.shell.Shortcut;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;

/** The main screen: site status on top, the zone map, and the incident queue beside it. */
public final class LiveView implements ScreenView {
    private final LiveViewModel model;
    private final ZoneMapView map;
    private final ListView<IncidentItem> queue;
    private final BorderPane root = new BorderPane();
    private final Label detailTitle = new Label();
    private final Label detailText = new Label();
    private final ImageView detailImage = new ImageView();
    private final VBox detailPane;
    private boolean forceRedraw = true;
    private long firstMapFrameAt;
    private long lastQueueRefresh;

    public LiveView(LiveViewModel model, IncidentBoard board, SitePlan site, KeyBindings keys) {
        this.model = model;
        this.map = new ZoneMapView(site);
        map.setId("zone-map");

        HBox status = new HBox(12,
                tile("RUNWAY A", model.runwayProperty(Runway.A), LiveView::runwayText, LiveView::runwayStyle),
                tile("RUNWAY B", model.runwayProperty(Runway.B), LiveView::runwayText, LiveView::runwayStyle),
                tile("BIRD RISK", model.birdRiskProperty(), LiveView::birdText, LiveView::birdStyle));
        status.getStyleClass().add("site-status");
        status.setPadding(new Insets(10, 12, 6, 12));

        queue = new ListView<>(board.open());
        queue.setId("incident-queue");
        queue.setCellFactory(list -> new IncidentCell(site));
        queue.setFocusTraversable(false);
        queue.setPlaceholder(new Label("No open incidents"));
        Label queueTitle = new Label();
        queueTitle.getStyleClass().add("pane-title");
        queueTitle.textProperty().bind(Bindings.size(board.open()).asString("OPEN INCIDENTS  %d"));
        VBox.setVgrow(queue, Priority.ALWAYS);

        detailImage.setFitWidth(300);
        detailImage.setFitHeight(225);
        detailImage.setPreserveRatio(true);
        detailTitle.getStyleClass().add("pane-title");
        detailText.setWrapText(true);
        detailPane = new VBox(6, detailTitle, detailImage, detailText);
        detailPane.getStyleClass().add("object-detail");
        detailPane.setId("object-detail");
        detailPane.setVisible(false);
        detailPane.setManaged(false);

        VBox side = new VBox(8, queueTitle, queue, detailPane);
        side.getStyleClass().add("side-pane");
        side.setPadding(new Insets(6, 12, 12, 0));
        side.setPrefWidth(340);
        side.setMinWidth(280);

        root.setTop(status);
        root.setCenter(map);
        root.setRight(side);
        BorderPane.setMargin(map, new Insets(0, 8, 8, 8));

        map.setOnMouseMoved(e -> model.hoveredProperty().set(map.objectAt(e.getX(), e.getY())));
        map.setOnMouseExited(e -> model.hoveredProperty().set(null));
        map.setOnMouseClicked(e -> {
            model.selectedProperty().set(map.objectAt(e.getX(), e.getY()));
            if (e.getClickCount() == 2) {
                model.requestDetail();
            }
        });
        model.detailProperty().addListener((o, old, result) -> showDetail(result, site));

        keys.on(Shortcut.LIVE_OBJECT_DETAIL, () -> {
            if (model.selectedProperty().get() == null) {
                return false;
            }
            model.requestDetail();
            return true;
        });
        keys.on(Shortcut.LIVE_NEXT_OBJECT, model::selectNext);
        keys.on(Shortcut.LIVE_CLEAR_SELECTION, () -> {
            if (model.selectedProperty().get() == null && !detailPane.isVisible()) {
                return false;
            }
            model.selectedProperty().set(null);
            detailPane.setVisible(false);
            detailPane.setManaged(false);
            return true;
        });
    }

    /** When (epoch ms) the map was first drawn at its size, or 0. */
    public long firstMapFrameAt() {
        return firstMapFrameAt;
    }

    @Override
    public Area focusedZone() {
        LiveObject selected = model.selectedProperty().get();
        return selected == null ? null : selected.area();
    }

    public ZoneMapView map() {
        return map;
    }

    @Override
    public void setPalette(MapPalette palette) {
        map.setPalette(palette);
        forceRedraw = true;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        forceRedraw = true;
    }

    @Override
    public void pulse(long now) {
        MapFrame frame = model.frame(now, forceRedraw);
        if (frame != null) {
            map.draw(frame);
            forceRedraw = false;
            if (firstMapFrameAt == 0 && map.getWidth() > 0) {
                firstMapFrameAt = now;
            }
        }
        if (now - lastQueueRefresh >= 1_000) { // the ages in the queue
            queue.refresh();
            lastQueueRefresh = now;
        }
    }

    private void showDetail(LiveViewModel.DetailResult result, SitePlan site) {
        if (result == null) {
            return;
        }
        detailTitle.setText("OBJECT #" + result.object().id());
        if (result.detail() != null) {
            var detail = result.detail();
            detailImage.setImage(IncidentBoard.decode(detail.image()));
            detailText.setText(ObjectText.className(detail.objectClass())
                    + (detail.eventType() == null ? "" : " · " + ObjectText.eventName(detail.eventType()))
                    + " · " + site.label(detail.area()) + "\nstored by the node at " + detail.timestamp().text());
        } else {
            detailImage.setImage(null);
            detailText.setText("No detail: " + result.error());
        }
        detailPane.setVisible(true);
        detailPane.setManaged(true);
    }

    private static <T> Node tile(String name, ObservableValue<T> value, Function<T, String> text,
                                 Function<T, String> style) {
        Label title = new Label(name);
        title.getStyleClass().add("tile-title");
        Label state = new Label();
        state.getStyleClass().add("tile-value");
        VBox tile = new VBox(2, title, state);
        tile.getStyleClass().add("status-tile");
        tile.setAlignment(Pos.CENTER_LEFT);
        tile.setId(name.toLowerCase().replace(' ', '-'));
        Runnable update = () -> {
            T current = value.getValue();
            state.setText(text.apply(current));
            tile.getStyleClass().removeAll("good", "warning", "danger", "unknown");
            tile.getStyleClass().add(style.apply(current));
        };
        value.addListener((o, old, now) -> update.run());
        update.run();
        HBox.setHgrow(tile, Priority.ALWAYS);
        tile.setMaxWidth(Region.USE_COMPUTED_SIZE);
        return tile;
    }

    private static String runwayText(RunwayState state) {
        return state == null ? "UNKNOWN" : state == RunwayState.CLEAR ? "CLEAR" : "WARNING";
    }

    private static String runwayStyle(RunwayState state) {
        return state == null ? "unknown" : state == RunwayState.CLEAR ? "good" : "danger";
    }

    private static String birdText(BirdRisk risk) {
        return risk == null ? "UNKNOWN" : risk.name();
    }

    private static String birdStyle(BirdRisk risk) {
        return risk == null ? "unknown" : switch (risk) {
            case LOW -> "good";
            case MEDIUM -> "warning";
            case HIGH -> "danger";
        };
    }
}
