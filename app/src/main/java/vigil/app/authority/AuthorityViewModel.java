package vigil.app.authority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import vigil.app.console.Console;
import vigil.app.console.Tasks;
import vigil.app.operators.Desk;
import vigil.protocol.link.CommandFailedException;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.storage.AuthorityChange;
import vigil.storage.AuthorityLog;
import vigil.storage.NodeNames;
import vigil.storage.Right;

/**
 * The zone-level editor. The current levels are the node's (they change only when the node says
 * so: {@code AR_UA:OK} makes every console ask again); the pending ones are the operator's edits.
 * Every attempt to apply is recorded with its outcome.
 */
public final class AuthorityViewModel {

    private final Console.Node node;
    private final AuthorityLog log;
    private final NodeNames names;
    private final Tasks tasks;
    private final Desk desk;
    private final ReadOnlyObjectWrapper<List<AuthorityLevel>> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObservableList<AuthorityLevel> pending = FXCollections.observableArrayList();
    private final ObjectProperty<Area> selectedZone = new SimpleObjectProperty<>(this, "selectedZone", Area.ZONES.getFirst());
    private final ReadOnlyBooleanWrapper applying = new ReadOnlyBooleanWrapper(this, "applying");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private List<AuthorityLevel> lastReported;

    public AuthorityViewModel(Console.Node node, AuthorityLog log, NodeNames names, Tasks tasks, Desk desk) {
        this.node = node;
        this.log = log;
        this.names = names;
        this.tasks = tasks;
        this.desk = desk;
    }

    // ---- Properties ----

    /** The node's levels in zone order, or null while unknown. */
    public ReadOnlyObjectProperty<List<AuthorityLevel>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The edited levels in zone order; empty until the current ones are known. */
    public ObservableList<AuthorityLevel> pending() {
        return pending;
    }

    public ObjectProperty<Area> selectedZoneProperty() {
        return selectedZone;
    }

    public ReadOnlyBooleanProperty applyingProperty() {
        return applying.getReadOnlyProperty();
    }

    /** What the last apply did, in words. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The node's name with its address ("North apron (10.0.0.7:5100)"), or the address alone. */
    public String nodeName() {
        return names.withAddress(node.address());
    }

    /** The zones whose pending level differs from the current one, in zone order. */
    public List<Area> changedZones() {
        List<Area> changed = new ArrayList<>();
        List<AuthorityLevel> now = current.get();
        if (now == null || pending.isEmpty()) {
            return changed;
        }
        for (Area zone : Area.ZONES) {
            if (now.get(zone.ordinal()) != pending.get(zone.ordinal())) {
                changed.add(zone);
            }
        }
        return changed;
    }

    // ---- Commands ----

    /** Takes the node's newest levels; the edits stay unless they were the old levels unchanged. */
    public void refreshFromNode() {
        List<AuthorityLevel> latest = node.site().snapshot().levels();
        if (Objects.equals(latest, lastReported)) {
            return;
        }
        lastReported = latest;
        boolean untouched = pending.isEmpty() || changedZones().isEmpty();
        current.set(latest);
        if (latest != null && untouched) {
            pending.setAll(latest);
        }
    }

    /** Asks the node for its levels ({@code AC_AC}); the answer arrives through the site state. */
    public void askNode() {
        node.link().send(new GetAuthorityLevels());
    }

    public void select(Area zone) {
        if (zone != null && zone.isZone()) {
            selectedZone.set(zone);
        }
    }

    public void set(AuthorityLevel level) {
        if (!pending.isEmpty() && !applying.get()) {
            pending.set(selectedZone.get().ordinal(), level);
        }
    }

    public void revert() {
        if (current.get() != null && !applying.get()) {
            pending.setAll(current.get());
            outcome.set("");
        }
    }

    /**
     * Sends the pending levels ({@code AC_UA}) as the signed-in supervisor; the current ones change
     * only on the node's OK. Nothing is sent for anyone else, and the outcome says why.
     */
    public void apply() {
        List<AuthorityLevel> before = current.get();
        if (applying.get() || changedZones().isEmpty()) {
            return;
        }
        String refusal = desk.refusal(Right.CHANGE_AUTHORITY);
        if (refusal != null) {
            failed.set(true);
            outcome.set("Not sent: " + refusal + ".");
            return;
        }
        String operator = desk.require(Right.CHANGE_AUTHORITY);
        List<AuthorityLevel> after = List.copyOf(pending);
        Instant askedAt = Instant.now();
        applying.set(true);
        failed.set(false);
        outcome.set("Sending the new levels to " + nodeName() + "…");
        tasks.whenDone(node.link().send(new SetAuthorityLevels(after)), ok -> {
            applying.set(false);
            outcome.set("Applied: the node took the new levels.");
            current.set(after);
            record(before, after, operator, askedAt, AuthorityChange.Outcome.OK, null);
        }, error -> {
            applying.set(false);
            failed.set(true);
            Integer code = error instanceof CommandFailedException rejected && rejected.reply() instanceof ErrorReply reply
                    ? reply.code() : null;
            outcome.set("Not applied, the levels are unchanged: " + explain(error, code));
            record(before, after, operator, askedAt, error instanceof TimeoutException ? AuthorityChange.Outcome.TIMEOUT
                    : AuthorityChange.Outcome.ERR, code);
        });
    }

    private void record(List<AuthorityLevel> before, List<AuthorityLevel> after, String operator, Instant askedAt,
                        AuthorityChange.Outcome result, Integer code) {
        tasks.whenDone(log.record(new AuthorityChange(node.address(), before, after, operator, askedAt, result, code)),
                id -> { }, error -> outcome.set(outcome.get() + " (and recording the attempt failed: " + error.getMessage() + ")"));
    }

    static String explain(Throwable error, Integer code) {
        if (error instanceof TimeoutException) {
            return "the node did not answer within 3 seconds.";
        }
        if (code != null) {
            return switch (code) {
                case 2 -> "the node says it did not get eight levels (ERR,2).";
                case 3 -> "the node says a level is not 1–3 (ERR,3).";
                case 4 -> "the node could not store the levels (ERR,4).";
                default -> "the node refused with error " + code + ".";
            };
        }
        if (error instanceof CommandFailedException rejected) {
            return "the node refused: " + rejected.reply() + ".";
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }
}
