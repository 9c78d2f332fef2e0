package vigil.app.review;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.scene.image.Image;
import vigil.app.console.Tasks;
import vigil.app.evidence.EvidencePackage;
import vigil.app.evidence.SigningKey;
import vigil.app.incidents.IncidentBoard;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ActionKind;
import vigil.storage.Clip;
import vigil.storage.ChecklistStep;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentPage;
import vigil.storage.IncidentQuery;
import vigil.storage.IncidentState;
import vigil.storage.NodeNames;
import vigil.storage.IncidentType;
import vigil.storage.Right;
import vigil.storage.Storage;

/**
 * Incident review: filters, a table paged from the store (keyset pages, newest first), the
 * selected incident's picture, position and history, and actions on the selection.
 */
public final class ReviewViewModel {
    static final int PAGE = 200;

    /** The time filter's presets; RANGE uses {@link #rangeFrom}/{@link #rangeTo}. */
    public enum Period {
        HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofDays(1)), WEEK("Last 7 days", Duration.ofDays(7)),
        ALL("Everything", null), RANGE("Date range…", null);

        private final String title;
        private final Duration length;

        Period(String title, Duration length) {
            this.title = title;
            this.length = length;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** The detail pane's content. */
    public record Detail(Incident incident, Image picture, List<IncidentAction> actions, List<ClipFile> clips, List<ChecklistStep> checklist) {

        /** Whether a step of the checklist has been ticked for this incident. */
        public boolean ticked(ChecklistStep step) {
            return actions.stream().anyMatch(action -> action.kind() == ActionKind.STEP && action.note() != null
                    && action.note().startsWith(stepNote(step, "")));
        }

        /** The checklist's first step not yet ticked, if any. */
        public java.util.Optional<ChecklistStep> nextStep() {
            return checklist.stream().filter(step -> !ticked(step)).findFirst();
        }

        /** How a ticked step is kept in the history: "step 2: Call the ambulance: Dispatch, 112". */
        public static String stepNote(ChecklistStep step, String words) {
            return "step " + step.position() + ": " + words;
        }
    }

    /** One of an incident's clips and where its file is (null when it has none). */
    public record ClipFile(Clip clip, Path file) {
    }

    private final Storage storage;
    private final IncidentBoard board;
    private final Tasks tasks;
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(this, "period", Period.DAY);
    private final ObjectProperty<LocalDate> rangeFrom = new SimpleObjectProperty<>(this, "rangeFrom");
    private final ObjectProperty<LocalDate> rangeTo = new SimpleObjectProperty<>(this, "rangeTo");
    private final ObservableSet<IncidentType> types = FXCollections.observableSet(EnumSet.noneOf(IncidentType.class));
    private final ObservableSet<ObjectClass> classes = FXCollections.observableSet(EnumSet.noneOf(ObjectClass.class));
    private final ObservableSet<Area> zones = FXCollections.observableSet(EnumSet.noneOf(Area.class));
    private final ObservableSet<IncidentState> states = FXCollections.observableSet(EnumSet.noneOf(IncidentState.class));
    private final ObjectProperty<NodeAddress> node = new SimpleObjectProperty<>(this, "node");
    private final StringProperty noteText = new SimpleStringProperty(this, "noteText", "");
    private final ObservableList<Incident> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(this, "more");
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(this, "exportProgress", -1);
    private IncidentPage.Cursor next;
    private int generation;

    public ReviewViewModel(Storage storage, IncidentBoard board, Tasks tasks) {
        this.storage = storage;
        this.board = board;
        this.tasks = tasks;
        board.onChange(this::replace);
    }

    // ---- Properties ----

    /** What the review shows for a node: the name operators gave it. */
    public NodeNames nodeNames() {
        return storage.nodeNames();
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    public ObjectProperty<LocalDate> rangeFromProperty() {
        return rangeFrom;
    }

    public ObjectProperty<LocalDate> rangeToProperty() {
        return rangeTo;
    }

    public ObservableSet<IncidentType> types() {
        return types;
    }

    public ObservableSet<ObjectClass> classes() {
        return classes;
    }

    public ObservableSet<Area> zones() {
        return zones;
    }

    public ObservableSet<IncidentState> states() {
        return states;
    }

    public ObjectProperty<NodeAddress> nodeProperty() {
        return node;
    }

    public StringProperty noteTextProperty() {
        return noteText;
    }

    /** The incidents loaded so far, newest first. */
    public ObservableList<Incident> rows() {
        return rows;
    }

    /** Whether the store has more incidents than loaded. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** What the last action or export did, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0–1 while an export runs, else -1. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** The filters as a store query at {@code now}. */
    public IncidentQuery query(Instant now) {
        Instant since = null;
        Instant until = null;
        Period chosen = period.get();
        if (chosen.length != null) {
            since = now.minus(chosen.length);
        } else if (chosen == Period.RANGE) {
            ZoneId zone = ZoneId.systemDefault();
            since = rangeFrom.get() == null ? null : rangeFrom.get().atStartOfDay(zone).toInstant();
            until = rangeTo.get() == null ? null : rangeTo.get().plusDays(1).atStartOfDay(zone).toInstant();
        }
        String note = noteText.get() == null || noteText.get().isBlank() ? null : noteText.get().trim();
        return new IncidentQuery(since, until, Set.copyOf(types), Set.copyOf(classes), Set.copyOf(zones),
                Set.copyOf(states), node.get(), note);
    }

    /** Loads the first page under the current filters. */
    public void search() {
        int asked = ++generation;
        IncidentQuery query = query(Instant.now());
        tasks.run(() -> storage.incidents().search(query, null, PAGE), page -> {
            if (asked != generation) {
                return; // a newer search was started
            }
            rows.setAll(page.incidents());
            next = page.next();
            more.set(next != null);
        }, this::failed);
    }

    /** Loads the next page, if any. */
    public void loadMore() {
        if (next == null) {
            return;
        }
        int asked = generation;
        IncidentQuery query = query(Instant.now());
        IncidentPage.Cursor after = next;
        next = null;
        tasks.run(() -> storage.incidents().search(query, after, PAGE), page -> {
            if (asked != generation) {
                return;
            }
            rows.addAll(page.incidents());
            next = page.next();
            more.set(next != null);
        }, this::failed);
    }

    /** Shows an incident's picture, position and history. */
    public void open(Incident incident) {
        if (incident == null) {
            detail.set(null);
            return;
        }
        tasks.run(() -> new Detail(incident, storage.incidents().image(incident.imageSha256()).map(IncidentBoard::decode).orElse(null),
                storage.incidents().actions(incident.id()), storage.clips().of(incident.id()).stream()
                        .map(clip -> new ClipFile(clip, clip.hasFile() ? storage.clips().file(clip) : null)).toList(),
                storage.checklist().steps(incident.type())),
                detail::set, this::failed);
    }

    /** Whether the operator at the desk may; when not, the message says why. */
    public boolean permits(Right right) {
        String refusal = board.desk().refusal(right);
        if (refusal != null) {
            message.set("Refused: " + refusal);
        }
        return refusal == null;
    }

    /** Tells the operator something in the screen's message line. */
    public void say(String words) {
        message.set(words);
    }

    /** Acts on the selected incidents; the rows change once the store has the actions. */
    public void act(List<Incident> selection, ActionKind kind, String note) {
        if (selection.isEmpty() || !permits(Right.ACT_ON_INCIDENTS)) {
            return;
        }
        List<Long> ids = selection.stream().map(Incident::id).toList();
        board.act(ids, kind, note).thenAccept(outcome -> {
            String what = kind.name().toLowerCase().replace('_', ' ');
            int changed = outcome.changed().size();
            message.set(changed == ids.size()
                    ? what + ": " + changed + " incident" + (changed == 1 ? "" : "s")
                    : what + ": " + changed + " of " + ids.size() + " (" + String.join("; ", outcome.refusals()) + ")");
        });
    }

    /** Writes the selection as an evidence package, with progress. */
    public void export(List<Incident> selection, Path out) {
        if (selection.isEmpty() || exportProgress.get() >= 0 || !permits(Right.EXPORT_EVIDENCE)) {
            return;
        }
        String operator = board.desk().require(Right.EXPORT_EVIDENCE);
        List<Incident> incidents = new ArrayList<>(selection);
        exportProgress.set(0);
        message.set("Exporting " + incidents.size() + " incidents to " + out + "…");
        int step = Math.max(1, incidents.size() / 100); // at most a hundred progress updates
        tasks.run(() -> EvidencePackage.export(storage, incidents, out, operator, SigningKey.of(storage.directory()), done -> {
            if (done % step == 0) {
                tasks.run(() -> (double) done / incidents.size(), exportProgress::set, this::failed);
            }
        }), count -> {
            exportProgress.set(-1);
            message.set("Exported " + count + " incidents to " + out);
            search();
        }, error -> {
            exportProgress.set(-1);
            failed(error);
        });
    }

    private void replace(Incident changed) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == changed.id()) {
                rows.set(i, changed);
            }
        }
        Detail shown = detail.get();
        if (shown != null && shown.incident().id() == changed.id()) {
            open(changed);
        }
    }

    private void failed(Throwable error) {
        message.set("Failed: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
    }
}
