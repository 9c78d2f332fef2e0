package vigil.app.alert;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import vigil.app.incidents.IncidentBoard;
import vigil.app.incidents.IncidentItem;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.protocol.wire.EventType;
import vigil.storage.ActionKind;
import vigil.storage.Incident;
import vigil.storage.IncidentState;

/**
 * First-detection pop-ups: one card per new incident, stacked in the corner of the window, newest
 * on top, never taking the keyboard focus. The newest card answers Enter (open), A (acknowledge)
 * and Esc (dismiss: it stays in the queue). A sound per severity as each arrives, and a person down
 * sounds again every {@link #RESCUE_REPEAT_MILLIS} until it is acknowledged. FX thread only.
 */
public final class AlertPopups {
    static final int VISIBLE = 3;
    static final long RESCUE_REPEAT_MILLIS = 6_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IncidentBoard board;
    private final SitePlan site;
    private final AlertSounds sounds;
    private final Consumer<Incident> open;
    private final List<IncidentItem> showing = new ArrayList<>();
    private final VBox stack = new VBox(10);
    private final Label more = new Label();
    private long lastRescueSound;
    private boolean compact;

    /** {@code open} shows an incident in the review screen. */
    public AlertPopups(IncidentBoard board, SitePlan site, AlertSounds sounds, Consumer<Incident> open) {
        this.board = board;
        this.site = site;
        this.sounds = sounds;
        this.open = open;
        stack.setId("popups");
        stack.setAlignment(Pos.BOTTOM_RIGHT);
        stack.setPickOnBounds(false);
        stack.setPadding(new Insets(0, 372, 16, 0)); // over the map's corner, clear of the incident queue
        stack.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(stack, Pos.BOTTOM_RIGHT);
        more.getStyleClass().add("popup-more");
        board.onArrival(this::arrived);
        board.onChange(incident -> {
            if (!incident.state().equals(IncidentState.NEW)) {
                remove(incident.id());
            }
        });
    }

    /** Compact: only the newest card, small, for screens where the operator is working on something else. */
    public void setCompact(boolean compact) {
        if (this.compact != compact) {
            this.compact = compact;
            render();
        }
    }

    /** The layer to put over the window's content. */
    public Node layer() {
        return stack;
    }

    public List<IncidentItem> showing() {
        return List.copyOf(showing);
    }

    /** Once per frame: repeats the rescue alarm while a person down is unacknowledged. */
    public void pulse(long now) {
        boolean rescueWaiting = board.open().stream().anyMatch(item -> item.incident().state() == IncidentState.NEW
                && item.incident().eventType() == EventType.RESCUE);
        if (rescueWaiting && now - lastRescueSound >= RESCUE_REPEAT_MILLIS) {
            sounds.play(EventType.RESCUE);
            lastRescueSound = now;
        }
    }

    // ---- the newest card's keys ----

    public boolean openNewest() {
        if (showing.isEmpty()) {
            return false;
        }
        IncidentItem newest = showing.getFirst();
        remove(newest.id());
        open.accept(newest.incident());
        return true;
    }

    public boolean acknowledgeNewest() {
        if (showing.isEmpty()) {
            return false;
        }
        acknowledge(showing.getFirst());
        return true;
    }

    public boolean dismissNewest() {
        if (showing.isEmpty()) {
            return false;
        }
        remove(showing.getFirst().id());
        return true;
    }

    private void arrived(IncidentItem item) {
        showing.addFirst(item);
        if (item.incident().eventType() == EventType.RESCUE) {
            lastRescueSound = System.currentTimeMillis();
        }
        sounds.play(item.incident().eventType());
        render();
    }

    private void acknowledge(IncidentItem item) {
        remove(item.id());
        board.act(item.id(), ActionKind.ACKNOWLEDGE);
    }

    private void remove(long incidentId) {
        if (showing.removeIf(item -> item.id() == incidentId)) {
            render();
        }
    }

    private void render() {
        List<Node> cards = new ArrayList<>();
        int visible = compact ? 1 : VISIBLE;
        for (int i = Math.min(visible, showing.size()) - 1; i >= 0; i--) {
            cards.add(card(showing.get(i), i == 0 && !compact));
        }
        if (showing.size() > visible) {
            more.setText("+" + (showing.size() - visible) + " more in the incident queue");
            cards.addFirst(more);
        }
        stack.getChildren().setAll(cards);
    }

    private Node card(IncidentItem item, boolean newest) {
        Incident incident = item.incident();
        Label kind = new Label(ObjectText.eventName(incident.eventType()).toUpperCase());
        kind.getStyleClass().add("popup-kind");
        Label when = new Label(TIME.format(incident.receivedAt()));
        when.getStyleClass().add("popup-time");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, kind, spacer, when);
        header.getStyleClass().add("popup-header");
        header.setAlignment(Pos.CENTER_LEFT);

        ImageView picture = new ImageView(item.picture());
        picture.setFitWidth(newest ? 240 : 120);
        picture.setFitHeight(newest ? 180 : 90);
        picture.setPreserveRatio(true);
        picture.setSmooth(true);

        Label what = new Label(ObjectText.className(incident.objectClass()) + " #" + incident.objectId()
                + (incident.rescueLevel() != null && incident.rescueLevel() > 0 ? " · down, level " + incident.rescueLevel() : ""));
        what.getStyleClass().add("popup-what");
        Label where = new Label(site.label(incident.zone()) + " · node " + incident.node());
        where.getStyleClass().add("popup-where");

        Button openButton = button("Open  ↵", () -> {
            remove(item.id());
            open.accept(incident);
        });
        Button acknowledgeButton = button("Acknowledge  A", () -> acknowledge(item));
        acknowledgeButton.getStyleClass().add("accent");
        Button dismissButton = button("Dismiss  Esc", () -> remove(item.id()));
        HBox buttons = new HBox(6, acknowledgeButton, openButton, dismissButton);

        VBox body = new VBox(6, what, where, buttons);
        HBox content = new HBox(10, picture, body);
        content.setPadding(new Insets(8, 10, 10, 10));
        VBox card = new VBox(header, content);
        card.getStyleClass().addAll("popup", incident.eventType().name().toLowerCase());
        if (newest) {
            card.getStyleClass().add("newest");
        }
        card.setMaxWidth(Region.USE_PREF_SIZE);
        card.setUserData(incident.id());
        return card;
    }

    private static Button button(String text, Runnable action) {
        Button button = new Button(text);
        button.setFocusTraversable(false); // a pop-up never takes the focus from what the operator is doing
        button.setOnAction(e -> action.run());
        return button;
    }
}
