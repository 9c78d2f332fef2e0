package vigil.app.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import vigil.app.alerts.Alerts;
import vigil.app.console.Console;
import vigil.app.console.Tasks;
import vigil.app.map.ObjectText;
import vigil.app.map.SitePlan;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.NodeChooser;
import vigil.app.shell.ScreenView;
import vigil.app.shell.Shortcut;
import vigil.protocol.wire.BirdRiskLog;
import vigil.protocol.wire.GetBirdRiskLog;
import vigil.protocol.wire.GetObjectLog;
import vigil.protocol.wire.GetPilotRequestLog;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.PilotRequestLog;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * The Logs screen: a node's own history ({@code LC_OL}, {@code LC_BL}, {@code LC_RL}) over a date
 * range, the console's site events (links, bird risk, runways, decoder failures) filtered by node,
 * kind and period, and the alert deliveries (webhooks, and MQTT messages made while a broker was away), newest first, of which a failed one can be sent again.
 */
public final class LogsView implements ScreenView {
    static final int SITE_EVENT_LIMIT = 5_000;
    static final int DELIVERY_LIMIT = 1_000;
    /** How often the console's own logs are read again while they are shown up to today: other desks write them too. */
    static final long REFRESH_MILLIS = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Which log to show. */
    enum Source {
        NODE_OBJECTS("Node: detections (LC_OL)"), NODE_BIRDS("Node: bird risk (LC_BL)"), NODE_PILOTS("Node: pilot requests (LC_RL)"),
        SITE_EVENTS("Console: site events"), ALERT_DELIVERIES("Console: alert deliveries");

        private final String title;

        Source(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final List<Console.Node> nodes;
    private final Storage storage;
    private final Alerts alerts;
    private final Tasks tasks;
    private final SitePlan site;
    private final BorderPane root = new BorderPane();
    private final TableView<List<String>> table = new TableView<>();
    private final ComboBox<Source> source = new ComboBox<>();
    private final ComboBox<Console.Node> node;
    private final ComboBox<Object> kind = new ComboBox<>();
    private final DatePicker from = new DatePicker(LocalDate.now());
    private final DatePicker to = new DatePicker(LocalDate.now());
    private final Label message = new Label();
    /** What to say beside the count once the next load is shown (what became of a retry). */
    private String notice;
    private boolean loading;
    private long loadedAt;

    public LogsView(List<Console.Node> nodes, Storage storage, Alerts alerts, Tasks tasks, SitePlan site, KeyBindings keys) {
        this.nodes = nodes;
        this.storage = storage;
        this.alerts = alerts;
        this.tasks = tasks;
        this.site = site;
        node = NodeChooser.of(nodes, chosen -> storage.nodeNames().withAddress(chosen.address()));
        source.getItems().setAll(Source.values());
        source.setValue(Source.SITE_EVENTS);
        kind.getItems().add("All kinds");
        kind.getItems().addAll(SiteEvent.Kind.values());
        kind.setValue("All kinds");
        kind.visibleProperty().bind(source.valueProperty().isEqualTo(Source.SITE_EVENTS));
        kind.managedProperty().bind(kind.visibleProperty());
        Button load = new Button("Load  (F5)");
        load.setOnAction(e -> load());
        source.valueProperty().addListener((o, old, now) -> load());
        HBox bar = new HBox(8, source, node, kind, new Label("from"), from, new Label("to"), to, load, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12));
        table.setId("logs-table");
        source.setId("logs-source");
        message.setId("logs-message");
        table.setPlaceholder(new Label("Nothing logged in this period"));
        root.setTop(bar);
        root.setCenter(table);
        BorderPane.setMargin(table, new Insets(0, 12, 12, 12));
        keys.on(Shortcut.LOGS_REFRESH, this::load);
        keys.on(Shortcut.LOGS_RETRY_DELIVERY, this::retrySelected);
    }

    private void retrySelected() {
        List<String> row = table.getSelectionModel().getSelectedItem();
        if (source.getValue() != Source.ALERT_DELIVERIES || row == null) {
            message.setText("Choose a failed delivery in the alert deliveries first");
            return;
        }
        long id = Long.parseLong(row.getFirst());
        tasks.whenDone(alerts.retry(id), problem -> {
            notice = problem == null ? "delivery " + id + " is being sent again" : problem;
            load();
        }, this::failed);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        load();
    }

    /** The console's own logs, shown up to today, are read again every few seconds, keeping the selection. */
    @Override
    public void pulse(long now) {
        boolean own = source.getValue() == Source.SITE_EVENTS || source.getValue() == Source.ALERT_DELIVERIES;
        boolean upToToday = to.getValue() == null || !to.getValue().isBefore(LocalDate.now());
        if (own && upToToday && !loading && now - loadedAt >= REFRESH_MILLIS) {
            read();
        }
    }

    private void load() {
        message.setText("Loading…");
        read();
    }

    private void read() {
        loading = true;
        loadedAt = System.currentTimeMillis();
        LocalDate start = from.getValue() == null ? LocalDate.now() : from.getValue();
        LocalDate end = to.getValue() == null ? start : to.getValue();
        Console.Node chosen = node.getValue();
        switch (source.getValue()) {
            case NODE_OBJECTS -> show(chosen.link().send(new GetObjectLog(start, end)), List.of("Time (node)", "Event", "Object", "Class", "Zone"),
                    (ObjectLog log) -> log.entries().stream().map(entry -> List.of(entry.timestamp().text(),
                            entry.eventType() == null ? "" : ObjectText.eventName(entry.eventType()), Long.toString(entry.objectId()),
                            ObjectText.className(entry.objectClass()), site.shortLabel(entry.area()))).toList());
            case NODE_BIRDS -> show(chosen.link().send(new GetBirdRiskLog(start, end)), List.of("Time (node)", "Bird risk"),
                    (BirdRiskLog log) -> log.entries().stream().map(entry -> List.of(entry.timestamp().text(), entry.risk().name())).toList());
            case NODE_PILOTS -> show(chosen.link().send(new GetPilotRequestLog(start, end)),
                    List.of("Request time", "Request", "Response", "Response time"),
                    (PilotRequestLog log) -> log.entries().stream().map(entry -> List.of(entry.requestTime().text(), entry.request().name(),
                            entry.response().name(), entry.responseTime().text())).toList());
            case SITE_EVENTS -> {
                Instant since = start.atStartOfDay(ZoneId.systemDefault()).toInstant();
                Instant until = end.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
                Object wanted = kind.getValue();
                Set<SiteEvent.Kind> kinds = wanted instanceof SiteEvent.Kind k ? Set.of(k) : Set.of();
                tasks.run(() -> storage.siteEvents().find(since, until, kinds, null, SITE_EVENT_LIMIT).stream()
                        .filter(event -> chosen == null || event.node() == null || chosen.address().equals(event.node()))
                        .map(event -> List.of(TIME.format(event.occurredAt()), event.kind().name().replace('_', ' ').toLowerCase(),
                                String.valueOf(event.source()), event.detail())).toList(),
                        rows -> fill(List.of("Time", "Kind", "Source", "Detail"), rows), this::failed);
            }
            case ALERT_DELIVERIES -> tasks.run(() -> storage.alertDeliveries().newest(DELIVERY_LIMIT).stream()
                            .map(delivery -> List.of(Long.toString(delivery.id()), TIME.format(delivery.createdAt()), delivery.target(),
                                    delivery.topic(), delivery.status().name(), Integer.toString(delivery.attempts()),
                                    delivery.lastError() == null ? "" : delivery.lastError())).toList(),
                    rows -> fill(List.of("Id", "Time", "Target", "Topic", "Status", "Attempts", "Last error"), rows), this::failed);
        }
    }

    private <R> void show(CompletableFuture<R> reply, List<String> headers, Function<R, List<List<String>>> rows) {
        tasks.whenDone(reply, answer -> fill(headers, rows.apply(answer)), this::failed);
    }

    private void fill(List<String> headers, List<List<String>> rows) {
        loading = false;
        if (!headers.equals(table.getColumns().stream().map(TableColumn::getText).toList())) {
            List<TableColumn<List<String>, String>> columns = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                int index = i;
                TableColumn<List<String>, String> column = new TableColumn<>(headers.get(i));
                column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(index)));
                column.setPrefWidth(index == headers.size() - 1 ? 520 : 180);
                columns.add(column);
            }
            table.getColumns().setAll(columns);
        }
        List<String> selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(rows);
        if (selected != null) { // the same log read again: the operator's place is kept
            table.getSelectionModel().select(selected);
        }
        message.setText(rows.size() + " entries" + (notice == null ? "" : " · " + notice));
        notice = null;
    }

    private void failed(Throwable error) {
        loading = false;
        message.setText("Failed: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
    }
}
