package vigil.app.alert;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import vigil.app.camera.CameraFeed;
import vigil.app.camera.CameraHealth;
import vigil.app.camera.CameraState;
import vigil.app.cameras.LivePictures;
import vigil.app.incidents.IncidentBoard;
import vigil.app.incidents.IncidentItem;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.storage.ActionKind;
import vigil.storage.ChecklistStep;
import vigil.storage.Incident;
import vigil.storage.NodeNames;
import vigil.storage.IncidentState;
import vigil.storage.IncidentType;
import vigil.storage.Right;
import vigil.storage.SiteCamera;

/**
 * First-detection pop-ups: one card per new incident, in a column of their own beside the screen
 * (the layout keeps it free, so a card never covers the map's zones or the pane the operator works
 * in), newest on top, never taking the keyboard focus. The newest card answers Enter (open), A
 * (acknowledge), Esc (dismiss: it stays in the queue) and Tab (the next camera). Beside its crop
 * it shows the live picture of a camera that covers the incident's zone, so the operator can
 * verify without leaving the card. A sound per severity as each arrives, and a person down sounds
 * again every {@link #RESCUE_REPEAT_MILLIS} until it is acknowledged. FX thread only.
 */
public final class AlertPopups {
    static final int VISIBLE = 3;
    static final double COLUMN_WIDTH = 400;
    static final double COMPACT_WIDTH = 360;
    /** The live picture's room on the newest card: the decoder scales to it, so it is drawn as it comes. */
    static final double LIVE_WIDTH = COLUMN_WIDTH - 44;
    static final double LIVE_HEIGHT = Math.round(LIVE_WIDTH * 9 / 16);
    static final long RESCUE_REPEAT_MILLIS = 6_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IncidentBoard board;
    private final SitePlan site;
    private final AlertSounds sounds;
    private final NodeNames nodeNames;
    private final Consumer<Incident> open;
    private final LivePictures livePictures;
    private final List<SiteCamera> cameras;
    private final List<IncidentItem> showing = new ArrayList<>();
    private final List<CameraAlarm> cameraAlarms = new ArrayList<>();
    private Consumer<CameraAlarm> cameraAlarmAcknowledged = alarm -> { };
    private Consumer<String> refused = why -> { };
    private final ImageView live = new ImageView();
    private final Label liveName = new Label();
    /** The camera the newest card shows, and which of the covering cameras it is. */
    private String watched;
    private int cameraChoice;
    private final VBox stack = new VBox(10);
    private final Map<IncidentType, List<ChecklistStep>> checklist;
    private final Label more = new Label();
    /** When to look again for a person down still unacknowledged, and sound the alarm again if there is one. */
    private long rescueDueAt;
    private boolean compact;

    /** {@code open} shows an incident in the review screen; {@code cameras} are the site's, by the zones they cover. */
    /**
     * {@code checklist}: the site's emergency checklist by event type, as the console read it when it
     * started ({@code vigil checklist} changes it while no console has the store open).
     */
    public AlertPopups(IncidentBoard board, SitePlan site, NodeNames nodeNames, AlertSounds sounds, Consumer<Incident> open,
                       LivePictures livePictures, List<SiteCamera> cameras, Map<IncidentType, List<ChecklistStep>> checklist) {
        this.nodeNames = nodeNames;
        this.checklist = Map.copyOf(checklist);
        this.board = board;
        this.site = site;
        this.sounds = sounds;
        this.open = open;
        this.livePictures = livePictures;
        this.cameras = List.copyOf(cameras);
        stack.setId("popups");
        stack.getStyleClass().add("popup-column");
        stack.setAlignment(Pos.TOP_CENTER);
        stack.setPadding(new Insets(12, 12, 12, 0));
        stack.setFillWidth(true);
        stack.managedProperty().bind(stack.visibleProperty());
        stack.setVisible(false);
        more.getStyleClass().add("popup-more");
        live.setId("popup-live");
        live.setPreserveRatio(true);
        live.setSmooth(true);
        liveName.getStyleClass().add("popup-camera");
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

    /** A camera that has been offline too long: a card of its own, above the incidents, until acknowledged. */
    public record CameraAlarm(String camera, CameraHealth outage, boolean back) {
    }

    /** Hears of each camera alarm the operator acknowledges (A), to record it. */
    public void onCameraAlarmAcknowledged(Consumer<CameraAlarm> listener) {
        cameraAlarmAcknowledged = listener;
    }

    /** Raises a camera's alarm card, with its sound: a camera that goes dark may be an attack. */
    public void cameraOffline(String camera, CameraHealth outage) {
        cameraAlarms.removeIf(alarm -> alarm.camera().equals(camera));
        cameraAlarms.addFirst(new CameraAlarm(camera, outage, false));
        sounds.play(AlertSounds.Sound.CAMERA_OFFLINE);
        render();
    }

    /** The camera is live again: its card says so, and waits for the operator all the same. */
    public void cameraBack(String camera) {
        for (int i = 0; i < cameraAlarms.size(); i++) {
            CameraAlarm alarm = cameraAlarms.get(i);
            if (alarm.camera().equals(camera) && !alarm.back()) {
                cameraAlarms.set(i, new CameraAlarm(camera, alarm.outage(), true));
                render();
            }
        }
    }

    /** Once per frame: the newest card's live picture, and the rescue alarm repeated while a person down is unacknowledged. */
    public void pulse(long now) {
        if (watched != null) {
            var image = livePictures.image(watched);
            if (live.getImage() != image) {
                live.setImage(image);
            }
            liveName.setText(liveCaption(watched));
            livePictures.want(watched, (int) LIVE_WIDTH, (int) LIVE_HEIGHT);
        }
        // Not in every frame: with 500 open incidents, looking through them took a tenth of the FX thread's time.
        if (now >= rescueDueAt) {
            boolean rescueWaiting = board.open().stream().anyMatch(item -> item.incident().state() == IncidentState.NEW
                    && item.incident().type() == IncidentType.RESCUE);
            if (rescueWaiting) {
                sounds.play(IncidentType.RESCUE);
            }
            rescueDueAt = now + (rescueWaiting ? RESCUE_REPEAT_MILLIS : 1_000);
        }
    }

    // ---- the newest card's keys ----

    public boolean openNewest() {
        if (showing.isEmpty()) {
            return false;
        }
        if (!permitted()) {
            return true;
        }
        IncidentItem newest = showing.getFirst();
        remove(newest.id());
        open.accept(newest.incident());
        return true;
    }

    /** Hears why an acknowledgement was refused (nobody is signed in, or the store took no write). */
    public void onRefused(Consumer<String> listener) {
        refused = listener;
    }

    public boolean acknowledgeNewest() {
        if (!permitted()) {
            return true;
        }
        if (!cameraAlarms.isEmpty()) { // a camera alarm stands above the incidents until it is acknowledged
            CameraAlarm alarm = cameraAlarms.removeFirst();
            cameraAlarmAcknowledged.accept(alarm);
            render();
            return true;
        }
        if (showing.isEmpty()) {
            return false;
        }
        acknowledge(showing.getFirst());
        return true;
    }

    /** Tab: the newest card shows the next camera that covers its zone; false when it has fewer than two. */
    public boolean nextCamera() {
        if (showing.isEmpty() || covering(showing.getFirst().incident()).size() < 2) {
            return false;
        }
        cameraChoice++;
        render();
        return true;
    }

    public boolean dismissNewest() {
        if (showing.isEmpty()) {
            return false;
        }
        if (!permitted()) {
            return true;
        }
        remove(showing.getFirst().id());
        return true;
    }

    private void arrived(IncidentItem item) {
        showing.addFirst(item);
        if (showing.size() > IncidentBoard.QUEUE_LIMIT) { // a desk locked all night: the oldest cards are in the queue and the store
            showing.removeLast();
        }
        cameraChoice = 0;
        if (item.incident().type() == IncidentType.RESCUE) {
            rescueDueAt = System.currentTimeMillis() + RESCUE_REPEAT_MILLIS;
        }
        sounds.play(item.incident().type());
        render();
    }

    /** A locked desk sees and hears every card, but none is acknowledged, opened or put away until someone signs in. */
    private boolean permitted() {
        String refusal = board.desk().refusal(Right.ACT_ON_INCIDENTS);
        if (refusal != null) {
            refused.accept(refusal);
        }
        return refusal == null;
    }

    /**
     * The card goes at once. An acknowledgement the store did not take (it takes no writes now)
     * of an incident still new brings the card back where it was, and the operator is told why.
     */
    private void acknowledge(IncidentItem item) {
        if (!permitted()) {
            return;
        }
        remove(item.id());
        board.act(item.id(), ActionKind.ACKNOWLEDGE).thenAccept(outcome -> {
            boolean stillNew = board.find(item.id()).filter(now -> now.incident().state() == IncidentState.NEW).isPresent();
            if (outcome.changed().isEmpty() && stillNew && showing.stream().noneMatch(shown -> shown.id() == item.id())) {
                int place = 0;
                while (place < showing.size() && showing.get(place).id() > item.id()) {
                    place++; // the newer cards stay above it
                }
                showing.add(place, item);
                render();
                refused.accept("Not acknowledged: " + String.join("; ", outcome.refusals()) + ". The card is back.");
            }
        });
    }

    private void remove(long incidentId) {
        if (showing.removeIf(item -> item.id() == incidentId)) {
            render();
        }
    }

    private void render() {
        List<Node> cards = new ArrayList<>();
        cameraAlarms.forEach(alarm -> cards.add(cameraCard(alarm)));
        int visible = compact ? 1 : VISIBLE;
        for (int i = 0; i < Math.min(visible, showing.size()); i++) {
            cards.add(card(showing.get(i), i == 0 && !compact));
        }
        if (showing.size() > visible) {
            more.setText("+" + (showing.size() - visible) + " more in the incident queue");
            cards.add(more);
        }
        stack.getChildren().setAll(cards);
        stack.setVisible(!showing.isEmpty() || !cameraAlarms.isEmpty());
        stack.setPrefWidth(compact ? COMPACT_WIDTH : COLUMN_WIDTH);
        stack.setMinWidth(compact ? COMPACT_WIDTH : COLUMN_WIDTH);
        watch(showing.isEmpty() || compact ? null : chosenCamera(showing.getFirst().incident()));
    }

    /** The site's cameras that cover the incident's zone, by name. */
    List<SiteCamera> covering(Incident incident) {
        return cameras.stream().filter(camera -> camera.zones().contains(incident.zone())).toList();
    }

    private String chosenCamera(Incident incident) {
        List<SiteCamera> candidates = covering(incident);
        return candidates.isEmpty() ? null : candidates.get(Math.floorMod(cameraChoice, candidates.size())).name();
    }

    /** The camera's name and state (and why, when it is not live), with how many there are to Tab through. */
    private String liveCaption(String camera) {
        CameraHealth health = livePictures.feed(camera).map(CameraFeed::health).orElse(null);
        int choices = showing.isEmpty() ? 0 : covering(showing.getFirst().incident()).size();
        String state = health == null || health.state() == CameraState.LIVE ? "● LIVE" : health.toString();
        return state + "  " + camera + (choices > 1 ? "   (Tab: " + choices + " cameras)" : "");
    }

    /** Decodes the camera the newest card shows, and only it. */
    private void watch(String camera) {
        if (java.util.Objects.equals(camera, watched)) {
            return;
        }
        if (watched != null) {
            livePictures.unwatch(watched);
        }
        watched = camera;
        live.setImage(null);
        if (camera != null) {
            livePictures.watch(camera);
            live.setImage(livePictures.image(camera));
        }
    }

    private Node card(IncidentItem item, boolean newest) {
        Incident incident = item.incident();
        HBox header = header(ObjectText.typeName(incident.type()).toUpperCase(), TIME.format(incident.receivedAt()));

        ImageView picture = new ImageView(item.picture());
        picture.setFitWidth(newest ? 120 : 96);
        picture.setFitHeight(newest ? 90 : 72);
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        Node pictures = picture;
        String camera = newest ? chosenCamera(incident) : null;
        if (camera != null) {

            liveName.setText(liveCaption(camera));
            StackPane liveFrame = new StackPane(live, liveName);
            StackPane.setAlignment(liveName, Pos.TOP_LEFT);
            liveFrame.getStyleClass().add("popup-live");
            liveFrame.setMinSize(LIVE_WIDTH, LIVE_HEIGHT);
            liveFrame.setMaxSize(LIVE_WIDTH, LIVE_HEIGHT);
            pictures = liveFrame;
        }

        Label what = new Label(incident.isOperatorReport() ? "Reported by " + incident.reportedBy() : ObjectText.className(incident.objectClass()) + " #" + incident.objectId()
                + (incident.rescueLevel() != null && incident.rescueLevel() > 0 ? " · down, level " + incident.rescueLevel() : ""));
        what.getStyleClass().add("popup-what");
        Label where = new Label(site.label(incident.zone()) + " · " + nodeNames.source(incident));
        where.getStyleClass().add("popup-where");
        what.setWrapText(true);
        where.setWrapText(true);

        Button openButton = button(compact ? "Open ↵" : "Open  ↵", () -> {
            if (permitted()) {
                remove(item.id());
                open.accept(incident);
            }
        });
        Button acknowledgeButton = button(compact ? "Ack  A" : "Acknowledge  A", () -> acknowledge(item));
        acknowledgeButton.getStyleClass().add("accent");
        Button dismissButton = button(compact ? "Esc" : "Dismiss  Esc", () -> {
            if (permitted()) {
                remove(item.id());
            }
        });
        // Only the newest card answers the keys; the older ones say what they are, and open on a click.
        HBox buttons = newest || compact ? new HBox(6, acknowledgeButton, openButton, dismissButton) : new HBox();

        // The live camera (if any) across the card, the crop beside what and where, the buttons under them.
        VBox words = new VBox(6, what, where);
        List<ChecklistStep> steps = checklist.getOrDefault(incident.type(), List.of());
        if (!steps.isEmpty()) { // the calls to make, in front of the operator at once
            Label first = new Label("1. " + steps.getFirst().words() + (steps.size() == 1 ? "" : "  (+" + (steps.size() - 1)
                    + " more: Open, then T ticks each)"));
            first.setId("popup-checklist");
            first.getStyleClass().add("popup-checklist");
            first.setWrapText(true);
            words.getChildren().add(first);
        }
        HBox details = new HBox(10, picture, words);
        VBox content = pictures != picture ? new VBox(8, pictures, details, buttons) : new VBox(8, details, buttons);
        content.setPadding(new Insets(8, 10, 10, 10));
        VBox card = new VBox(header, content);
        card.getStyleClass().addAll("popup", incident.type().name().toLowerCase());
        if (newest) {
            card.getStyleClass().add("newest");
        }
        card.setMaxWidth(Double.MAX_VALUE);
        if (!newest && !compact) {
            card.setOnMouseClicked(e -> {
                remove(item.id());
                open.accept(incident);
            });
        }
        card.setUserData(incident.id());
        return card;
    }

    private Node cameraCard(CameraAlarm alarm) {
        HBox header = header(alarm.back() ? "CAMERA WAS OFFLINE" : "CAMERA OFFLINE", "since " + TIME.format(alarm.outage().since()));
        Label what = new Label(alarm.camera());
        what.getStyleClass().add("popup-what");
        Label why = new Label((alarm.outage().detail() == null ? "no picture" : alarm.outage().detail())
                + (alarm.back() ? " · live again now" : " · a camera that goes dark may be an attack"));
        why.getStyleClass().add("popup-where");
        why.setWrapText(true);
        Button acknowledge = button("Acknowledge  A", () -> {
            if (!permitted()) {
                return;
            }
            cameraAlarms.remove(alarm);
            cameraAlarmAcknowledged.accept(alarm);
            render();
        });
        acknowledge.getStyleClass().add("accent");
        VBox content = new VBox(6, what, why, acknowledge);
        content.setPadding(new Insets(8, 10, 10, 10));
        VBox card = new VBox(header, content);
        card.getStyleClass().addAll("popup", "camera-alarm", alarm.back() ? "back" : "dark");
        card.setId("camera-alarm-" + alarm.camera().replaceAll("[^A-Za-z0-9]", "_"));
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    /** A card's coloured top line: what it is, and when. */
    private static HBox header(String kind, String when) {
        Label what = new Label(kind);
        what.getStyleClass().add("popup-kind");
        Label time = new Label(when);
        time.getStyleClass().add("popup-time");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, what, spacer, time);
        header.getStyleClass().add("popup-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Button button(String text, Runnable action) {
        Button button = new Button(text);
        button.setFocusTraversable(false); // a pop-up never takes the focus from what the operator is doing
        button.setOnAction(e -> action.run());
        return button;
    }
}
