package vigil.app.shell;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import vigil.app.camera.CameraReader;
import vigil.app.camera.CameraState;
import vigil.app.cameras.CameraWallView;
import vigil.app.console.Console;
import vigil.protocol.codec.TrafficCounters;
import vigil.protocol.link.LinkState;
import vigil.protocol.wire.MessageType;
import vigil.storage.NodeNames;
import vigil.storage.Outage;
import vigil.storage.OutageException;
import vigil.storage.Storage;

/**
 * The bottom line: each node's link state, messages per second, decoder failures and last error
 * (beyond {@value #LINES_OF_LINKS} nodes, one line for them all, naming those not online);
 * the site's cameras (how many, how many live); the store's health; the sound. Updated once a second from counters, never per message.
 */
final class StatusBar {
    /** Up to this many nodes, each link has its line; beyond, one line sums them up. */
    static final int LINES_OF_LINKS = 3;

    private final HBox bar = new HBox(18);
    private final List<Console.Node> nodes;
    private final List<Label> nodeLabels = new ArrayList<>();
    private final Map<Console.Node, TrafficCounters.Snapshot> previous = new HashMap<>();
    private final Label storage = new Label();
    private final Label sound = new Label();
    private final Label cameras = new Label();
    private final List<CameraReader> siteCameras;
    private final Storage store;
    private final NodeNames nodeNames;
    private String storageProblem;
    private long previousAt;

    StatusBar(List<Console.Node> nodes, List<CameraReader> siteCameras, Storage store) {
        this.nodes = nodes;
        this.siteCameras = siteCameras;
        this.store = store;
        this.nodeNames = store.nodeNames();
        bar.getStyleClass().add("status-bar");
        bar.setId("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(5, 12, 5, 12));
        int lines = nodes.size() > LINES_OF_LINKS ? 1 : nodes.size();
        for (int i = 0; i < lines; i++) {
            Label label = new Label();
            label.getStyleClass().add("link");
            nodeLabels.add(label);
            bar.getChildren().add(label);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        storage.getStyleClass().add("storage");
        cameras.setId("camera-summary");
        bar.getChildren().addAll(spacer, cameras, sound, storage);
        storageOk();
    }

    HBox node() {
        return bar;
    }

    void storageFailed(Throwable error) {
        if (error instanceof OutageException) {
            return; // the outage's own alarm says it, and goes once it ends
        }
        storageProblem = error.getMessage() == null ? error.toString() : error.getMessage();
        storage.setText("STORAGE FAILING: " + storageProblem);
        restyle(storage, "label", "storage", "danger");
    }

    /** Clip storage needs the operator: a clip is missing (the disk is full) or only held evidence is left over the cap. */
    void clipProblem(String words) {
        storage.setText("CLIPS: " + words);
        restyle(storage, "label", "storage", "danger");
    }

    void sound(String text, boolean warn) {
        sound.setText(text);
        restyle(sound, "label", warn ? "warning" : "muted-text");
    }

    /** Once a second. */
    void refresh(long now) {
        double seconds = previousAt == 0 ? 0 : (now - previousAt) / 1000.0;
        if (nodes.size() > LINES_OF_LINKS) {
            summarise(seconds);
        } else {
            eachLink(seconds);
        }
        previousAt = now;
        if (!siteCameras.isEmpty()) {
            cameras.setText(CameraWallView.summary(siteCameras));
            boolean allLive = siteCameras.stream().allMatch(camera -> camera.health().state() == CameraState.LIVE);
            restyle(cameras, "label", allLive ? "muted-text" : "warning");
        }
        Optional<Outage> outage = store.outage();
        int waiting = store.incidents().spooled();
        if (storageProblem == null && (outage.isPresent() || waiting > 0)) {
            storage.setText(outage.map(StatusBar::title).orElse("STORE CATCHING UP") + " — "
                    + (waiting == 0 ? "nothing can be saved" : waiting + (waiting == 1 ? " incident" : " incidents") + " waiting"));
            restyle(storage, "label", "storage", "danger");
        } else if (storageProblem == null) {
            storageOk();
        }
    }

    /** Many nodes: how many are in each state, naming the ones not online, and their traffic together. */
    private void summarise(double seconds) {
        Map<LinkState.Status, Integer> states = new EnumMap<>(LinkState.Status.class);
        List<String> notOnline = new ArrayList<>();
        long messages = 0;
        long failures = 0;
        for (Console.Node node : nodes) {
            TrafficCounters.Snapshot counters = node.link().counters().snapshot();
            TrafficCounters.Snapshot before = previous.put(node, counters);
            messages += total(counters) - (before == null ? 0 : total(before));
            failures += counters.totalFailures();
            LinkState.Status status = node.link().state().status();
            states.merge(status, 1, Integer::sum);
            if (status != LinkState.Status.ONLINE) {
                notOnline.add(nodeNames.of(node.address()));
            }
        }
        String counts = states.entrySet().stream().map(state -> state.getValue() + " " + state.getKey())
                .collect(Collectors.joining(", "));
        String rate = seconds > 0 ? Math.round(messages / seconds) + " msg/s" : "…";
        Label label = nodeLabels.getFirst();
        label.setText("● " + nodes.size() + " nodes: " + counts + (notOnline.isEmpty() ? "" : " (" + String.join(", ",
                notOnline.subList(0, Math.min(3, notOnline.size()))) + (notOnline.size() > 3 ? ", …" : "") + ")")
                + " · " + rate + " · " + failures + " decoder failures");
        restyle(label, "label", "link", states.containsKey(LinkState.Status.OFFLINE) ? "danger"
                : states.containsKey(LinkState.Status.CONNECTING) || failures > 0 ? "warning" : "success");
    }

    private void eachLink(double seconds) {
        for (int i = 0; i < nodes.size(); i++) {
            Console.Node node = nodes.get(i);
            TrafficCounters.Snapshot counters = node.link().counters().snapshot();
            TrafficCounters.Snapshot before = previous.put(node, counters);
            long messages = total(counters) - (before == null ? 0 : total(before));
            LinkState state = node.link().state();
            Label label = nodeLabels.get(i);
            String rate = seconds > 0 ? Math.round(messages / seconds) + " msg/s" : "…";
            String failures = counters.totalFailures() + " decoder failures";
            String error = state.lastError() == null ? "" : " · last error: " + state.lastError();
            label.setText("● " + nodeNames.withAddress(node.address()) + "  " + state.status() + " · " + rate + " · " + failures + error);
            restyle(label, "label", "link", switch (state.status()) {
                case ONLINE -> counters.totalFailures() > 0 ? "warning" : "success";
                case CONNECTING -> "warning";
                case OFFLINE -> "danger";
            });
        }
    }

    private void storageOk() {
        storage.setText("storage OK · " + store.location());
        restyle(storage, "label", "storage", "muted-text");
    }

    /** Sets the label's style classes when they change: setting them anew, even the same, restyles it and its text (once a second here). */
    private static void restyle(Label label, String... classes) {
        if (!label.getStyleClass().equals(List.of(classes))) {
            label.getStyleClass().setAll(classes);
        }
    }

    private static long total(TrafficCounters.Snapshot counters) {
        long total = 0;
        for (Map.Entry<MessageType, Long> entry : counters.messages().entrySet()) {
            total += entry.getValue();
        }
        return total;
    }

    private static String title(Outage outage) {
        return switch (outage) {
            case UNREACHABLE -> "SHARED STORE UNREACHABLE";
            case DISK_FULL -> "STORE'S DISK FULL";
        };
    }
}
