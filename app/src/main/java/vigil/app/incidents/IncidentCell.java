package vigil.app.incidents;

import java.time.Instant;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.app.map.ZoneMapView;
import vigil.storage.Incident;
import vigil.storage.IncidentState;

/** One incident in a queue: its crop, what and where, how long ago, and its state. */
public final class IncidentCell extends ListCell<IncidentItem> {
    private final SitePlan site;
    private final ImageView thumbnail = new ImageView();
    private final Label title = new Label();
    private final Label detail = new Label();
    private final Label state = new Label();
    private final Label acknowledgedBy = new Label();
    private final HBox box;

    public IncidentCell(SitePlan site) {
        this.site = site;
        thumbnail.setFitWidth(72);
        thumbnail.setFitHeight(54);
        thumbnail.setPreserveRatio(true);
        StackPane frame = new StackPane(thumbnail);
        frame.getStyleClass().add("thumbnail");
        frame.setMinSize(76, 58);
        frame.setMaxSize(76, 58);
        title.getStyleClass().add("incident-title");
        detail.getStyleClass().add("incident-detail");
        state.getStyleClass().add("incident-state");
        acknowledgedBy.getStyleClass().add("incident-detail");
        HBox stateLine = new HBox(6, state, acknowledgedBy);
        stateLine.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, title, detail, stateLine);
        HBox.setHgrow(text, Priority.ALWAYS);
        // The card fits the queue's width: a long line shortens with an ellipsis, the state never does.
        text.setMinWidth(0);
        title.setMinWidth(0);
        detail.setMinWidth(0);
        acknowledgedBy.setMinWidth(0);
        state.setMinWidth(Region.USE_PREF_SIZE);
        box = new HBox(10, frame, text);
        box.setAlignment(Pos.CENTER_LEFT);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(IncidentItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("rescue", "hazard", "unauth", "operator");
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        Incident incident = item.incident();
        thumbnail.setImage(item.picture());
        title.setText(ObjectText.typeName(incident.type()) + " · " + site.shortLabel(incident.zone()));
        detail.setText((incident.isOperatorReport() ? incident.camera() + " · " + incident.reportedBy()
                : ObjectText.className(incident.objectClass()) + " " + ZoneMapView.shortId(incident.objectId())) + " · "
                + ObjectText.age(Instant.now().toEpochMilli() - incident.receivedAt().toEpochMilli()) + " ago");
        acknowledgedBy.setText(incident.state() == IncidentState.ACKNOWLEDGED && item.acknowledgedBy() != null ? "by " + item.acknowledgedBy() : "");
        state.setText(incident.state().name().replace('_', ' '));
        state.getStyleClass().removeAll("new", "acknowledged", "resolved", "false_alarm");
        state.getStyleClass().add(incident.state().name().toLowerCase());
        getStyleClass().add(incident.type().name().toLowerCase());
        setGraphic(box);
    }
}
