package vigil.app.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import vigil.app.alert.ActionsPage;
import vigil.app.alert.AlertsPage;
import vigil.app.alert.ChecklistPage;
import vigil.app.camera.ByteSize;
import vigil.app.cameras.CamerasPage;
import vigil.app.console.ConsoleSettings;
import vigil.protocol.link.NodeAddress;
import vigil.storage.ClipStore;
import vigil.storage.NodeNames;

/**
 * Five pages: the console's (nodes and their names, theme, sound, object expiry, the camera UDP port, the
 * idle lock, the cap for clip storage beside what is used of it; the data directory and a shared store
 * are shown, not edited), the site's cameras, where alerts go with their rules, the site's actions, and the emergency checklist.
 */
final class SettingsDialog extends Dialog<ConsoleSettings> {

    private final Map<NodeAddress, String> renames = new LinkedHashMap<>();
    private final ProgressBar clipBar = new ProgressBar(0);
    private final Label clipWords = new Label("reading what clips use…");

    /**
     * {@code names}: what the nodes are called now; a name given here goes to the store (every desk of a
     * shared store shows it) once the dialog is saved ({@link #renames}).
     */
    SettingsDialog(ConsoleSettings settings, Path dataDirectory, String store, NodeNames names, boolean simulated, CamerasPage cameras,
                   AlertsPage alerts, ActionsPage actions, ChecklistPage checklist) {
        setTitle("Settings");
        setHeaderText("Console settings");
        ListView<NodeAddress> nodes = new ListView<>();
        nodes.getItems().setAll(settings.nodes());
        nodes.setPrefHeight(110);
        nodes.setPlaceholder(new Label("No node: the simulated node runs in the console"));
        nodes.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(NodeAddress node, boolean empty) {
                super.updateItem(node, empty);
                String renamed = node == null ? null : renames.get(node);
                setText(empty || node == null ? null : renamed == null ? names.withAddress(node)
                        : renamed.isEmpty() ? node.toString() : renamed + " (" + node + ")");
            }
        });
        TextField newNode = new TextField();
        newNode.setPromptText("host:port");
        newNode.setId("settings-node-address");
        TextField nodeName = new TextField();
        nodeName.setPromptText("its name");
        nodeName.setId("settings-node-name");
        nodes.getSelectionModel().selectedItemProperty().addListener((o, old, chosen) -> {
            if (chosen != null) { // a node chosen in the list can be named: its address and name go to the fields
                newNode.setText(chosen.toString());
                nodeName.setText(renames.getOrDefault(chosen, names.chosen().getOrDefault(chosen, "")));
            }
        });
        Label nodeError = new Label();
        nodeError.getStyleClass().add("danger");
        Button add = new Button("Add");
        add.setOnAction(e -> {
            try {
                NodeAddress address = NodeAddress.parse(newNode.getText().trim());
                String name = NodeNames.checked(nodeName.getText());
                if (!name.equals(names.chosen().getOrDefault(address, ""))) {
                    renames.put(address, name);
                }
                if (!nodes.getItems().contains(address)) {
                    nodes.getItems().add(address);
                }
                nodes.refresh();
                newNode.clear();
                nodeName.clear();
                nodeError.setText("");
            } catch (IllegalArgumentException bad) {
                nodeError.setText(bad.getMessage());
            }
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> nodes.getItems().removeAll(new ArrayList<>(nodes.getSelectionModel().getSelectedItems())));

        ComboBox<ConsoleSettings.Theme> theme = new ComboBox<>();
        theme.getItems().setAll(ConsoleSettings.Theme.values());
        theme.setValue(settings.theme());
        Slider volume = new Slider(0, 100, settings.volume() * 100);
        volume.setShowTickLabels(true);
        volume.setMajorTickUnit(25);
        CheckBox muted = new CheckBox("Muted (M)");
        muted.setSelected(settings.muted());
        Spinner<Double> expiry = new Spinner<>(0.5, 30, settings.objectExpirySeconds(), 0.5);
        expiry.setEditable(true);
        Spinner<Integer> videoPort = new Spinner<>(1, 65_535, settings.videoPort());
        videoPort.setEditable(true);
        int lockMinutes = Math.max(1, Math.round(settings.lockAfterSeconds() / 60f));
        Spinner<Integer> lockAfter = new Spinner<>(1, 240, lockMinutes);
        lockAfter.setEditable(true);
        lockAfter.setId("settings-lock-after");
        Label data = new Label(dataDirectory.toString());
        data.setId("settings-data-directory");
        TextField clipQuota = new TextField(ByteSize.format(settings.clipQuotaBytes()).replace(" ", ""));
        clipQuota.setId("settings-clip-quota");
        clipQuota.setPrefColumnCount(6);
        clipBar.setId("settings-clip-usage");
        clipBar.setPrefWidth(220);
        clipWords.setId("settings-clip-words");
        Label quotaError = new Label();
        quotaError.getStyleClass().add("danger");

        GridPane grid = new GridPane(12, 10);
        grid.setPadding(new Insets(8));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // the labels are read whole; the fields take what is left
        grid.getColumnConstraints().add(labels);
        newNode.setPrefColumnCount(12);
        nodeName.setPrefColumnCount(12);
        add.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        int row = 0;
        grid.addRow(row++, new Label("Nodes"), nodes);
        grid.addRow(row++, new Label(""), new HBox(6, newNode, nodeName, add, remove));
        grid.addRow(row++, new Label(""), nodeError);
        if (simulated) {
            grid.addRow(row++, new Label(""), new Label("Running the simulated node now (no node configured)."));
        }
        grid.addRow(row++, new Label("Theme"), theme);
        grid.addRow(row++, new Label("Alert volume"), new HBox(12, volume, muted));
        grid.addRow(row++, new Label("Objects fade after (s)"), expiry);
        grid.addRow(row++, new Label("Camera UDP port"), videoPort);
        grid.addRow(row++, new Label("Lock after no input (min)"), lockAfter);
        grid.addRow(row++, new Label("Clip storage cap"), new HBox(12, clipQuota, clipBar, clipWords));
        grid.addRow(row++, new Label(""), quotaError);
        grid.addRow(row++, new Label("Data directory"), data);
        if (!store.equals(dataDirectory.toString())) {
            Label shared = new Label(store);
            shared.setId("settings-store");
            grid.addRow(row, new Label("Shared store"), shared);
        }
        Tab console = new Tab("Console", grid);
        Tab camerasTab = new Tab("Cameras", cameras.node());
        camerasTab.setId("settings-cameras");
        Tab alertsTab = new Tab("Alerts", alerts.node());
        alertsTab.setId("settings-alerts");
        Tab actionsTab = new Tab("Actions", actions.node());
        actionsTab.setId("settings-actions");
        Tab checklistTab = new Tab("Checklist", checklist.node());
        checklistTab.setId("settings-checklist");
        // what another page added (an action) is offered on these as soon as they are chosen
        alertsTab.setOnSelectionChanged(e -> {
            if (alertsTab.isSelected()) {
                alerts.reload();
            }
        });
        checklistTab.setOnSelectionChanged(e -> {
            if (checklistTab.isSelected()) {
                checklist.reload();
            }
        });
        TabPane pages = new TabPane(console, camerasTab, alertsTab, actionsTab, checklistTab);
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        getDialogPane().setContent(pages);
        getDialogPane().setMinWidth(900); // the cameras' and alert targets' columns read whole
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        clipQuota.textProperty().addListener((o, old, text) -> {
            String why = null;
            try {
                ByteSize.parse(text);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            quotaError.setText(why == null ? "" : why);
            getDialogPane().lookupButton(save).setDisable(why != null);
        });
        setResultConverter(button -> button != save ? null : new ConsoleSettings(List.copyOf(nodes.getItems()),
                theme.getValue(), volume.getValue() / 100, muted.isSelected(), expiry.getValue(), videoPort.getValue(),
                settings.probes(), settings.cameraAlarmSeconds(), ByteSize.parse(clipQuota.getText()),
                lockAfter.getValue() == lockMinutes ? settings.lockAfterSeconds() : lockAfter.getValue() * 60, settings.store()));
    }

    /** What clips use of their cap, once read off the FX thread (the store may be a slow or absent server). */
    void showClipUsage(ClipStore.Usage usage) {
        clipBar.setProgress(Math.min(1, usage.usedBytes() / (double) usage.capBytes()));
        if (usage.overCap()) {
            clipBar.getStyleClass().add("danger");
        }
        clipWords.setText(ByteSize.format(usage.usedBytes()) + " used"
                + (usage.bytesByCamera().isEmpty() ? "" : ": " + usage.bytesByCamera().entrySet().stream()
                        .map(camera -> camera.getKey() + " " + ByteSize.format(camera.getValue())).collect(Collectors.joining(", "))));
    }

    void clipUsageUnread(String why) {
        clipWords.setText("what clips use cannot be read now: " + why);
    }

    /** The names given in the dialog, by node (empty: the name taken away); to be kept once it is saved. */
    Map<NodeAddress, String> renames() {
        return Map.copyOf(renames);
    }
}
