package vigil.app.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import vigil.app.console.Console;
import vigil.app.console.Tasks;
import vigil.app.map.MapFrame;
import vigil.protocol.link.CommandFailedException;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;

/**
 * The live view's state: it takes the newest snapshot of each node once per frame (never one
 * update per message) and turns it into what the map and the site status show.
 *
 * <p>With several nodes the site is what all of them know, and the worse wins: a runway is in
 * WARNING when any node says so, the bird risk is the highest reported, and a zone is drawn at the
 * strictest level any node holds, marked when the nodes differ. A node that has not said yet
 * leaves the others' word standing.
 */
public final class LiveViewModel {

    /** A node's answer to {@code MC_OD}, or why there is none. */
    public record DetailResult(LiveObject object, ObjectDetail detail, String error) {
    }

    private final List<Console.Node> nodes;
    private final Tasks tasks;
    private final long expiryMillis;
    private final List<SiteSnapshot> latest = new ArrayList<>();
    private final ReadOnlyObjectWrapper<BirdRisk> birdRisk = new ReadOnlyObjectWrapper<>(this, "birdRisk");
    private final Map<Runway, ReadOnlyObjectWrapper<RunwayState>> runways = new EnumMap<>(Runway.class);
    private final ObjectProperty<LiveObject> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<LiveObject> hovered = new SimpleObjectProperty<>(this, "hovered");
    private final ReadOnlyObjectWrapper<DetailResult> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private List<LiveObject> objects = List.of();
    private List<AuthorityLevel> levels;
    private Set<Area> disputedZones = Set.of();

    public LiveViewModel(List<Console.Node> nodes, Tasks tasks, long expiryMillis) {
        this.nodes = List.copyOf(nodes);
        this.tasks = tasks;
        this.expiryMillis = expiryMillis;
        for (Runway runway : Runway.values()) {
            runways.put(runway, new ReadOnlyObjectWrapper<>(this, "runway" + runway));
        }
    }

    // ---- Properties ----

    /** Null until the node first reports it. */
    public ReadOnlyObjectProperty<BirdRisk> birdRiskProperty() {
        return birdRisk.getReadOnlyProperty();
    }

    /** Null (unknown) until the node first reports it. */
    public ReadOnlyObjectProperty<RunwayState> runwayProperty(Runway runway) {
        return runways.get(runway).getReadOnlyProperty();
    }

    public ObjectProperty<LiveObject> selectedProperty() {
        return selected;
    }

    public ObjectProperty<LiveObject> hoveredProperty() {
        return hovered;
    }

    /** The last object detail asked for, once answered. */
    public ReadOnlyObjectProperty<DetailResult> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public List<LiveObject> objects() {
        return objects;
    }

    // ---- Commands ----

    /**
     * Takes each node's newest snapshot and returns the map's frame for {@code now}; returns null
     * when nothing changed and nothing is animating, so the map is not redrawn.
     */
    public MapFrame frame(long now, boolean force) {
        boolean changed = force;
        for (int i = 0; i < nodes.size(); i++) {
            SiteSnapshot snapshot = nodes.get(i).site().snapshot();
            if (i >= latest.size()) {
                latest.add(snapshot);
                changed = true;
            } else if (latest.get(i) != snapshot) {
                latest.set(i, snapshot);
                changed = true;
            }
        }
        if (changed) {
            merge();
        }
        boolean animating = !objects.isEmpty() || flashing(now);
        if (!changed && !animating) {
            return null;
        }
        SiteSnapshot first = latest.getFirst();
        Map<Area, Long> flashes = latest.size() == 1 ? first.violationsStarted() : mergedFlashes();
        return new MapFrame(objects, levels, disputedZones, null, null, flashes, current(selected.get()),
                current(hovered.get()), now, expiryMillis);
    }

    /** Selects the next object after the selected one (map order), wrapping; none when the map is empty. */
    public void selectNext() {
        if (objects.isEmpty()) {
            selected.set(null);
            return;
        }
        LiveObject current = selected.get();
        int index = current == null ? -1 : indexOf(current);
        selected.set(objects.get((index + 1) % objects.size()));
    }

    /** Asks the selected object's node for its stored detail and crop ({@code MC_OD}). */
    public void requestDetail() {
        LiveObject object = current(selected.get());
        if (object == null) {
            return;
        }
        Console.Node node = nodes.stream().filter(n -> n.address().equals(object.node())).findFirst().orElseThrow();
        CompletableFuture<ObjectDetail> reply = node.link().send(new GetObjectDetail(object.id()));
        tasks.whenDone(reply, answer -> detail.set(new DetailResult(object, answer, null)),
                error -> detail.set(new DetailResult(object, null, describe(error))));
    }

    static String describe(Throwable error) {
        if (error instanceof CommandFailedException failed) {
            return "the node answered " + failed.reply();
        }
        if (error instanceof TimeoutException) {
            return "the node did not answer in time";
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    private void merge() {
        if (latest.size() == 1) {
            objects = latest.getFirst().objects();
        } else {
            List<LiveObject> all = new ArrayList<>();
            latest.forEach(snapshot -> all.addAll(snapshot.objects()));
            objects = all;
        }
        BirdRisk highestRisk = worst(SiteSnapshot::birdRisk, Comparator.comparing(BirdRisk::code).reversed());
        if (birdRisk.get() != highestRisk) {
            birdRisk.set(highestRisk);
        }
        for (Runway runway : Runway.values()) {
            RunwayState state = worst(snapshot -> snapshot.runway(runway), Comparator.comparing(RunwayState::code));
            if (runways.get(runway).get() != state) {
                runways.get(runway).set(state);
            }
        }
        mergeLevels();
    }

    /** The worst of what the nodes that know have said (the greatest by {@code order}), or null when none has. */
    private <T> T worst(Function<SiteSnapshot, T> value, Comparator<T> order) {
        return latest.stream().map(value).filter(Objects::nonNull).max(order).orElse(null);
    }

    private void mergeLevels() {
        List<List<AuthorityLevel>> known = latest.stream().map(SiteSnapshot::levels).filter(Objects::nonNull).toList();
        if (known.isEmpty()) {
            levels = null;
            disputedZones = Set.of();
            return;
        }
        List<AuthorityLevel> strictest = new ArrayList<>(known.getFirst());
        Set<Area> disputed = EnumSet.noneOf(Area.class);
        for (List<AuthorityLevel> nodeLevels : known.subList(1, known.size())) {
            for (Area zone : Area.ZONES) {
                AuthorityLevel level = nodeLevels.get(zone.ordinal());
                AuthorityLevel sofar = strictest.get(zone.ordinal());
                if (level != sofar) {
                    disputed.add(zone);
                    if (level.compareTo(sofar) > 0) { // levels are declared from the most open to the strictest
                        strictest.set(zone.ordinal(), level);
                    }
                }
            }
        }
        levels = List.copyOf(strictest);
        disputedZones = Set.copyOf(disputed);
    }

    private Map<Area, Long> mergedFlashes() {
        Map<Area, Long> flashes = new EnumMap<>(Area.class);
        latest.forEach(snapshot -> snapshot.violationsStarted().forEach((zone, at) -> flashes.merge(zone, at, Math::max)));
        return flashes;
    }

    private boolean flashing(long now) {
        for (SiteSnapshot snapshot : latest) {
            for (long startedAt : snapshot.violationsStarted().values()) {
                if (now - startedAt < 2_000) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The newest version of an object, or null when it has left the map. */
    private LiveObject current(LiveObject object) {
        if (object == null) {
            return null;
        }
        int index = indexOf(object);
        return index < 0 ? null : objects.get(index);
    }

    private int indexOf(LiveObject object) {
        for (int i = 0; i < objects.size(); i++) {
            LiveObject candidate = objects.get(i);
            if (candidate.id() == object.id() && candidate.node().equals(object.node())) {
                return i;
            }
        }
        return -1;
    }
}
