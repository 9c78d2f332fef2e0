package vigil.app.review;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableSet;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import vigil.app.live.LiveObject;
import vigil.app.map.MapFrame;
import vigil.app.map.MapPalette;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.app.map.ZoneMapView;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.ScreenView;
import vigil.app.shell.Shortcut;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ActionKind;
import vigil.storage.ChecklistStep;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentState;
import vigil.storage.IncidentType;
import vigil.storage.Right;

/** The Incidents screen: filters over the whole history, the table, and the selected incident's detail. */
public final class ReviewView implements ScreenView {
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ReviewViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Incident> table = new TableView<>();
    private final TextField noteSearch = new TextField();
    private final ImageView picture = new ImageView();
    private final ScrollPane pictureScroll = new ScrollPane(picture);
    private final ZoneMapView miniMap;
    private final ListView<String> history = new ListView<>();
    private final Label detailTitle = new Label("Select an incident");
    private final ClipPlayer clipPlayer = new ClipPlayer();
    private double zoom = 1;
    private int cursor = -1;
    private StepAction stepAction;
    private Runnable back = () -> { };

    public ReviewView(ReviewViewModel model, SitePlan site, List<NodeAddress> nodes, KeyBindings keys) {
        this.model = model;
        this.miniMap = new ZoneMapView(site);
        miniMap.setShowLevels(false); // the levels of the moment are not known here

        // ---- filters ----
        ComboBox<ReviewViewModel.Period> period = new ComboBox<>();
        period.getItems().setAll(ReviewViewModel.Period.values());
        period.valueProperty().bindBidirectional(model.periodProperty());
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        from.setPromptText("from");
        to.setPromptText("to");
        from.valueProperty().bindBidirectional(model.rangeFromProperty());
        to.valueProperty().bindBidirectional(model.rangeToProperty());
        for (DatePicker picker : List.of(from, to)) {
            picker.setPrefWidth(130);
            picker.visibleProperty().bind(period.valueProperty().isEqualTo(ReviewViewModel.Period.RANGE));
            picker.managedProperty().bind(picker.visibleProperty());
            picker.valueProperty().addListener((o, old, now) -> model.search());
        }
        period.valueProperty().addListener((o, old, now) -> model.search());
        ComboBox<Object> node = new ComboBox<>();
        node.getItems().add("All nodes");
        node.getItems().addAll(nodes);
        node.setValue("All nodes");
        node.setConverter(new StringConverter<>() {
            @Override
            public String toString(Object item) {
                return item instanceof NodeAddress address ? model.nodeNames().withAddress(address) : String.valueOf(item);
            }

            @Override
            public Object fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        node.valueProperty().addListener((o, old, now) -> {
            model.nodeProperty().set(now instanceof NodeAddress address ? address : null);
            model.search();
        });
        noteSearch.setId("note-search");
        noteSearch.setPromptText("note contains…  ( / )");
        noteSearch.textProperty().bindBidirectional(model.noteTextProperty());
        noteSearch.setOnAction(e -> {
            model.search();
            table.requestFocus();
        });
        HBox filters = new HBox(8, period, from, to,
                multi("Event", IncidentType.values(), model.types(), ObjectText::typeName),
                multi("Class", ObjectClass.values(), model.classes(), ObjectText::className),
                multi("Zone", Area.values(), model.zones(), site::shortLabel),
                multi("State", IncidentState.values(), model.states(), state -> state.name().replace('_', ' ')),
                node, noteSearch);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(12, 12, 8, 12));
        HBox.setHgrow(noteSearch, Priority.ALWAYS);

        // ---- table ----
        table.setId("review-table");
        table.setItems(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No incidents match these filters"));
        table.getColumns().setAll(List.of(
                column("Time", 135, incident -> ROW_TIME.format(incident.receivedAt())),
                column("Event", 140, incident -> ObjectText.typeName(incident.type())),
                column("Class", 140, incident -> incident.isOperatorReport() ? "" : ObjectText.className(incident.objectClass())),
                column("Zone", 90, incident -> site.shortLabel(incident.zone())),
                column("State", 120, incident -> incident.state().name().replace('_', ' ')),
                column("Source", 120, incident -> incident.isOperatorReport() ? incident.camera() : model.nodeNames().of(incident.node())),
                column("Object", 140, incident -> incident.isOperatorReport() ? incident.reportedBy() : Long.toString(incident.objectId()))));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> model.open(now));
        table.getSelectionModel().selectedIndexProperty().addListener((o, old, now) -> {
            if (now.intValue() >= 0) {
                cursor = now.intValue();
            }
        });
        model.rows().addListener((ListChangeListener<Incident>) change -> {
            while (change.next()) {
                // A row whose incident changed is replaced, which drops its selection: keep the operator's place.
                if (change.wasReplaced() && table.getSelectionModel().isEmpty() && cursor < model.rows().size()) {
                    table.getSelectionModel().select(cursor);
                }
            }
            if (table.getSelectionModel().isEmpty() && !model.rows().isEmpty()) {
                table.getSelectionModel().select(Math.clamp(cursor, 0, model.rows().size() - 1)); // the newest, at first
            }
        });
        table.setRowFactory(view -> {
            var row = new TableRow<Incident>() {
                @Override
                protected void updateItem(Incident item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("rescue", "hazard", "unauth", "operator", "closed");
                    if (!empty && item != null) {
                        getStyleClass().add(item.type().name().toLowerCase());
                        if (!item.state().isOpen()) {
                            getStyleClass().add("closed");
                        }
                    }
                }
            };
            return row;
        });
        Button more = new Button("Load more");
        more.visibleProperty().bind(model.moreProperty());
        more.setOnAction(e -> model.loadMore());
        Label count = new Label();
        count.textProperty().bind(Bindings.size(model.rows()).asString("%d incidents loaded"));
        count.getStyleClass().add("muted-text");
        Label message = new Label();
        message.setId("review-message");
        message.textProperty().bind(model.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.exportProgressProperty());
        progress.visibleProperty().bind(model.exportProgressProperty().greaterThanOrEqualTo(0));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tableFooter = new HBox(10, count, more, spacer, progress, message);
        tableFooter.setAlignment(Pos.CENTER_LEFT);
        tableFooter.setPadding(new Insets(6, 0, 0, 0));
        VBox tablePane = new VBox(table, tableFooter);
        VBox.setVgrow(table, Priority.ALWAYS);

        // ---- detail ----
        detailTitle.getStyleClass().add("pane-title");
        picture.setPreserveRatio(true);
        pictureScroll.setPannable(true);
        pictureScroll.setPrefViewportHeight(300);
        pictureScroll.setOnScroll(e -> {
            if (e.isShortcutDown()) {
                setZoom(zoom * (e.getDeltaY() > 0 ? 1.25 : 0.8));
                e.consume();
            }
        });
        Button zoomIn = new Button("+");
        zoomIn.setOnAction(e -> setZoom(zoom * 1.25));
        Button zoomOut = new Button("−");
        zoomOut.setOnAction(e -> setZoom(zoom * 0.8));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> setZoom(1));
        for (Button button : List.of(zoomIn, zoomOut, fit, more)) {
            button.setFocusTraversable(false);
        }
        HBox zoomBar = new HBox(4, new Label("Zoom"), zoomOut, zoomIn, fit);
        zoomBar.setAlignment(Pos.CENTER_LEFT);
        miniMap.setPrefSize(320, 240);
        miniMap.setMinSize(200, 150);
        Label historyTitle = new Label("HISTORY");
        historyTitle.getStyleClass().add("pane-title");
        history.setId("review-history");
        history.setPrefHeight(150);
        history.setFocusTraversable(false);
        VBox detailPane = new VBox(8, detailTitle, pictureScroll, zoomBar, clipPlayer.node(), miniMap, historyTitle, history);
        detailPane.setPadding(new Insets(0, 0, 0, 8));
        VBox.setVgrow(pictureScroll, Priority.ALWAYS);
        VBox.setVgrow(clipPlayer.node(), Priority.ALWAYS); // with clips, the crop and the clip share the height
        model.detailProperty().addListener((o, old, now) -> showDetail(now, site));

        SplitPane split = new SplitPane(tablePane, detailPane);
        split.setDividerPositions(0.62);
        split.setPadding(new Insets(0, 12, 12, 12));
        root.setTop(filters);
        root.setCenter(split);

        bindKeys(keys);
    }

    /** What Esc does when nothing else is open here (the window goes back to the Live view). */
    public void setOnBack(Runnable back) {
        this.back = back;
    }

    /** A checklist step that names a site action, ticked: asked to run it, and to tick the step ({@code tick}) if it does. */
    public interface StepAction {
        void run(ChecklistStep step, Incident incident, Runnable tick);
    }

    /** Who runs the site action a ticked step names (the window: it confirms, then runs it for the incident). */
    public void setOnStepAction(StepAction stepAction) {
        this.stepAction = stepAction;
    }

    @Override
    public void setPalette(MapPalette palette) {
        miniMap.setPalette(palette);
    }

    /** Shows an incident (from a pop-up): searches everything and selects it when it is listed. */
    public void reveal(Incident incident) {
        model.periodProperty().set(ReviewViewModel.Period.DAY);
        model.search();
        model.open(incident);
        model.rows().addListener(new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends Incident> change) {
                model.rows().removeListener(this);
                for (int i = 0; i < model.rows().size(); i++) {
                    if (model.rows().get(i).id() == incident.id()) {
                        table.getSelectionModel().clearAndSelect(i);
                        table.scrollTo(i);
                    }
                }
            }
        });
    }

    @Override
    public Area focusedZone() {
        ReviewViewModel.Detail detail = model.detailProperty().get();
        return detail == null ? null : detail.incident().zone();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        model.search();
        table.requestFocus();
        clipPlayer.reopen();
    }

    @Override
    public void hidden() {
        clipPlayer.close(); // libvlc is started again when a clip is shown
    }

    @Override
    public void pulse(long now) {
        clipPlayer.pulse();
    }

    private void bindKeys(KeyBindings keys) {
        keys.on(Shortcut.REVIEW_NEXT, () -> move(1));
        keys.on(Shortcut.REVIEW_NEXT_ARROW, () -> move(1));
        keys.on(Shortcut.REVIEW_PREVIOUS, () -> move(-1));
        keys.on(Shortcut.REVIEW_PREVIOUS_ARROW, () -> move(-1));
        keys.on(Shortcut.REVIEW_OPEN, () -> setZoom(zoom == 1 ? 2 : 1));
        keys.on(Shortcut.REVIEW_ACKNOWLEDGE, () -> model.act(selection(), ActionKind.ACKNOWLEDGE, null));
        keys.on(Shortcut.REVIEW_RESOLVE, () -> model.act(selection(), ActionKind.RESOLVE, null));
        keys.on(Shortcut.REVIEW_FALSE_ALARM, () -> model.act(selection(), ActionKind.FALSE_ALARM, null));
        keys.on(Shortcut.REVIEW_REOPEN, () -> model.act(selection(), ActionKind.REOPEN, null));
        keys.on(Shortcut.REVIEW_NOTE, this::addNote);
        keys.on(Shortcut.REVIEW_CHECKLIST_STEP, this::tickNextStep);
        keys.on(Shortcut.REVIEW_SELECT_ALL, () -> table.getSelectionModel().selectAll());
        keys.on(Shortcut.REVIEW_SEARCH, () -> noteSearch.requestFocus());
        keys.on(Shortcut.REVIEW_EXPORT, this::export);
        keys.on(Shortcut.CLIP_PLAY, clipPlayer::togglePlay);
        keys.on(Shortcut.CLIP_BACK, () -> clipPlayer.skip(-1));
        keys.on(Shortcut.CLIP_FORWARD, () -> clipPlayer.skip(1));
        keys.on(Shortcut.CLIP_FRAME_BACK, () -> clipPlayer.step(-1));
        keys.on(Shortcut.CLIP_FRAME_FORWARD, () -> clipPlayer.step(1));
        keys.on(Shortcut.CLIP_START, () -> clipPlayer.jump(false));
        keys.on(Shortcut.CLIP_END, () -> clipPlayer.jump(true));
        keys.on(Shortcut.CLIP_SLOWER, () -> clipPlayer.changeRate(-1));
        keys.on(Shortcut.CLIP_FASTER, () -> clipPlayer.changeRate(1));
        keys.on(Shortcut.CLIP_NEXT_CAMERA, clipPlayer::nextClip);
        keys.on(Shortcut.REVIEW_BACK, () -> {
            if (noteSearch.isFocused()) {
                table.requestFocus();
            } else if (zoom != 1) {
                setZoom(1);
            } else {
                back.run();
            }
        });
    }

    private void move(int step) {
        if (model.rows().isEmpty()) {
            return;
        }
        int index = table.getSelectionModel().getSelectedIndex();
        if (index < 0) {
            index = cursor;
        }
        int next = index < 0 ? 0 : Math.clamp(index + step, 0, model.rows().size() - 1);
        table.getSelectionModel().clearAndSelect(next);
        table.scrollTo(Math.max(0, next - 5));
        if (next == model.rows().size() - 1) {
            model.loadMore();
        }
    }

    private List<Incident> selection() {
        return new ArrayList<>(table.getSelectionModel().getSelectedItems());
    }

    /**
     * T: the next step of the open incident's checklist is done, in its history under the operator's
     * name; a step that names a site action runs it, once confirmed.
     */
    private void tickNextStep() {
        ReviewViewModel.Detail shown = model.detailProperty().get();
        if (shown == null) {
            return;
        }
        shown.nextStep().ifPresentOrElse(step -> {
                    Runnable tick = () -> model.act(List.of(shown.incident()), ActionKind.STEP, ReviewViewModel.Detail.stepNote(step, step.words()));
                    if (step.action() != null && stepAction != null) {
                        stepAction.run(step, shown.incident(), tick);
                    } else {
                        tick.run();
                    }
                },
                () -> model.say(shown.checklist().isEmpty() ? "No checklist for " + ObjectText.typeName(shown.incident().type())
                        + " (vigil checklist add)" : "Every step of the checklist is ticked"));
    }

    private void addNote() {
        List<Incident> selected = selection();
        if (selected.isEmpty()) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Add a note");
        dialog.setHeaderText("Note for " + selected.size() + " incident" + (selected.size() == 1 ? "" : "s"));
        dialog.showAndWait().map(String::trim).filter(text -> !text.isEmpty())
                .ifPresent(text -> model.act(selected, ActionKind.NOTE, text));
    }

    private void export() {
        List<Incident> selected = selection();
        if (selected.isEmpty() || !model.permits(Right.EXPORT_EVIDENCE)) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export evidence package");
        chooser.setInitialFileName("vigil-evidence-" + LocalDate.now() + ".zip");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.export(selected, Path.of(file.getPath()));
        }
    }

    private void setZoom(double value) {
        zoom = Math.clamp(value, 1, 8);
        if (picture.getImage() != null) {
            double fit = Math.max(1, pictureScroll.getViewportBounds().getWidth() - 2);
            picture.setFitWidth(fit * zoom);
        }
    }

    private void showDetail(ReviewViewModel.Detail detail, SitePlan site) {
        if (detail == null) {
            detailTitle.setText("Select an incident");
            clipPlayer.show(List.of(), null);
            picture.setImage(null);
            history.getItems().clear();
            miniMap.draw(MapFrame.zonesOnly(null, null, null, System.currentTimeMillis()));
            return;
        }
        Incident incident = detail.incident();
        detailTitle.setText(ObjectText.typeName(incident.type()).toUpperCase() + " · "
                + (incident.isOperatorReport() ? incident.camera() : ObjectText.className(incident.objectClass()) + " #" + incident.objectId())
                + " · " + site.label(incident.zone()) + " · " + incident.state().name().replace('_', ' '));
        picture.setImage(detail.picture());
        clipPlayer.show(detail.clips(), incident.receivedAt());
        setZoom(1);
        List<String> lines = new ArrayList<>();
        lines.add(TIME.format(incident.receivedAt()) + (incident.isOperatorReport()
                ? "  reported by " + incident.reportedBy() + " from camera " + incident.camera()
                : "  detected by " + model.nodeNames().withAddress(incident.node()) + " (node time " + incident.nodeTimestamp().text() + ")"));
        for (ChecklistStep step : detail.checklist()) {
            lines.add((detail.ticked(step) ? "  ☑ " : "  ☐ ") + step.position() + ". " + step.words());
        }
        for (IncidentAction action : detail.actions()) {
            lines.add(TIME.format(action.actedAt()) + "  " + action.kind().name().replace('_', ' ').toLowerCase() + " by "
                    + action.operator() + (action.note() == null ? "" : ": " + action.note()));
        }
        history.getItems().setAll(lines);
        long now = System.currentTimeMillis();
        if (incident.isOperatorReport()) { // no object, no place on the map
            miniMap.draw(MapFrame.zonesOnly(null, null, null, now));
            return;
        }
        LiveObject marker = new LiveObject(incident.node(), incident.objectId(), incident.objectClass(), incident.x(), incident.y(),
                incident.zone(), incident.rescueLevel(), EventType.valueOf(incident.type().name()), now, now, new float[0]);
        miniMap.draw(new MapFrame(List.of(marker), null, Set.of(), null, null, Map.of(), null, null, now, 2_000));
    }

    private static TableColumn<Incident, String> column(String title, double width, Function<Incident, String> value) {
        TableColumn<Incident, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 80));
        column.setSortable(false); // the store pages newest first; sorting a page would mislead
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private <T> MenuButton multi(String title, T[] values, ObservableSet<T> chosen, Function<T, String> name) {
        MenuButton button = new MenuButton(title);
        button.setFocusTraversable(false);
        for (T value : Arrays.asList(values)) {
            CheckMenuItem item = new CheckMenuItem(name.apply(value));
            item.setSelected(chosen.contains(value));
            item.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    chosen.add(value);
                } else {
                    chosen.remove(value);
                }
                button.setText(chosen.isEmpty() ? title : title + " (" + chosen.size() + ")");
                model.search();
            });
            button.getItems().add(item);
        }
        return button;
    }
}
