package vigil.app.incidents;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import vigil.app.console.Tasks;
import vigil.app.operators.Desk;
import vigil.app.operators.NotPermittedException;
import vigil.app.recording.NewIncident;
import vigil.protocol.wire.Jpeg;
import vigil.storage.ActionKind;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentQuery;
import vigil.storage.IncidentState;
import vigil.storage.IncidentStore;
import vigil.storage.Right;

/**
 * The open incidents (new and acknowledged), in queue order, and the one way the console acts on
 * incidents: every action goes to the store and the lists change only once it is durable.
 * FX thread only.
 */
public final class IncidentBoard {
    /**
     * How many open incidents the queue holds, with their pictures: the most urgent and newest. The
     * others, acknowledged and never closed at a busy site, are in the review screen.
     */
    public static final int QUEUE_LIMIT = 500;

    private final IncidentStore store;
    private final Tasks tasks;
    private final Desk desk;
    private final ObservableList<IncidentItem> open = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError");
    private final List<Consumer<IncidentItem>> arrivals = new ArrayList<>();
    private final List<Consumer<Incident>> changes = new ArrayList<>();

    public IncidentBoard(IncidentStore store, Tasks tasks, Desk desk) {
        this.store = store;
        this.tasks = tasks;
        this.desk = desk;
    }

    // ---- Properties ----

    /** Open incidents, highest priority and newest first. */
    public ObservableList<IncidentItem> open() {
        return FXCollections.unmodifiableObservableList(open);
    }

    /** The last action that failed, in words; empty when none has. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** Who is at the desk: actions are recorded under them, and refused while it is locked. */
    public Desk desk() {
        return desk;
    }

    public IncidentStore store() {
        return store;
    }

    public Optional<IncidentItem> find(long incidentId) {
        return open.stream().filter(item -> item.id() == incidentId).findFirst();
    }

    /** Hears of each new incident once it is in the queue (pop-ups, sounds). */
    public void onArrival(Consumer<IncidentItem> listener) {
        arrivals.add(listener);
    }

    /** Hears of each incident whose state or history changed (the review screen). */
    public void onChange(Consumer<Incident> listener) {
        changes.add(listener);
    }

    // ---- Commands ----

    /** Fills the queue with the open incidents already stored. */
    public void load() {
        tasks.run(() -> {
            List<IncidentItem> items = new ArrayList<>();
            IncidentQuery openOnes = new IncidentQuery(null, null, null, null, null,
                    EnumSet.of(IncidentState.NEW, IncidentState.ACKNOWLEDGED), null, null);
            List<Incident> incidents = store.search(openOnes, null, QUEUE_LIMIT).incidents();
            Map<Long, String> acknowledgers = store.acknowledgers(incidents.stream()
                    .filter(incident -> incident.state() == IncidentState.ACKNOWLEDGED).map(Incident::id).toList());
            for (Incident incident : incidents) {
                items.add(new IncidentItem(incident, store.image(incident.imageSha256()).map(IncidentBoard::decode).orElse(null),
                        acknowledgers.get(incident.id())));
            }
            return items;
        }, items -> {
            for (IncidentItem item : items) {
                if (find(item.id()).isEmpty()) {
                    insert(item);
                }
            }
        }, this::failed);
    }

    /** Takes incidents the recorder made durable: decodes their pictures off the FX thread, then queues them. */
    public void arrived(List<NewIncident> incidents) {
        if (incidents.isEmpty()) {
            return;
        }
        tasks.run(() -> incidents.stream().map(n -> new IncidentItem(n.incident(), decode(n.image()))).toList(), items -> {
            for (IncidentItem item : items) {
                if (find(item.id()).isEmpty()) { // the start-up load may have listed it already
                    insert(item);
                }
                arrivals.forEach(listener -> listener.accept(item));
            }
        }, this::failed);
    }

    /** What came of an action: the incidents it changed, and why the others were not, in words (each reason once). */
    public record Outcome(List<Incident> changed, Set<String> refusals) {
    }

    /**
     * Acts on incidents (one store write each, batched by the writer). Incidents for which the
     * action makes no sense (acknowledging a resolved one), or that the store cannot take now (an
     * outage), are left, and the outcome says why, for whoever acted to tell; the returned future
     * fails with a {@link NotPermittedException} when nobody is signed in.
     */
    public CompletableFuture<Outcome> act(List<Long> incidentIds, ActionKind kind, String note) {
        String operator;
        try {
            operator = desk.require(Right.ACT_ON_INCIDENTS);
        } catch (NotPermittedException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        Set<String> refusals = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Incident>> writes = new ArrayList<>();
        for (long id : incidentIds) {
            writes.add(store.act(id, kind, operator, note).exceptionally(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                refusals.add(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                return null;
            }));
        }
        CompletableFuture<Outcome> all = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new Outcome(writes.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList(),
                        new TreeSet<>(refusals)));
        CompletableFuture<Outcome> applied = new CompletableFuture<>();
        String acknowledger = kind == ActionKind.ACKNOWLEDGE ? operator : null;
        tasks.whenDone(all, outcome -> {
            outcome.changed().forEach(incident -> changed(incident, acknowledger));
            applied.complete(outcome);
        }, error -> {
            failed(error);
            applied.completeExceptionally(error);
        });
        return applied;
    }

    public CompletableFuture<Outcome> act(long incidentId, ActionKind kind) {
        return act(List.of(incidentId), kind, null);
    }

    /** Tells the board that an incident changed elsewhere (the review screen wrote it). */
    public void changed(Incident incident) {
        changed(incident, (String) null);
    }

    /** Tells the board of an action another desk took: the queue and pop-ups follow it, and name who acknowledged. */
    public void changed(Incident incident, IncidentAction action) {
        changed(incident, action.kind() == ActionKind.ACKNOWLEDGE ? action.operator() : null);
    }

    private void changed(Incident incident, String acknowledger) {
        Optional<IncidentItem> existing = find(incident.id());
        existing.ifPresent(open::remove);
        if (incident.state().isOpen()) {
            IncidentItem item = existing.map(i -> i.with(incident, acknowledger)).orElse(null);
            if (item != null) {
                insert(item);
            } else {
                tasks.run(() -> new IncidentItem(incident, store.image(incident.imageSha256()).map(IncidentBoard::decode).orElse(null),
                        acknowledger), this::insert, this::failed);
            }
        }
        changes.forEach(listener -> listener.accept(incident));
    }

    private void insert(IncidentItem item) {
        int index = 0;
        while (index < open.size() && IncidentItem.QUEUE_ORDER.compare(open.get(index), item) < 0) {
            index++;
        }
        open.add(index, item);
        if (open.size() > QUEUE_LIMIT) {
            open.removeLast();
        }
    }

    private void failed(Throwable error) {
        lastError.set(error.getMessage() == null ? error.toString() : error.getMessage());
    }

    /** Decodes a JPEG; any thread. Null when the bytes are not a picture JavaFX can read. */
    public static Image decode(Jpeg jpeg) {
        Image image = new Image(jpeg.openStream());
        return image.isError() ? null : image;
    }
}
