package vigil.app.live;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

/**
 * What one node has said, kept by that node's link: live objects with their trails, the zones'
 * levels, runway and bird state. Every change publishes a new {@link SiteSnapshot}; readers on
 * other threads only ever see those.
 *
 * <p>Objects are never removed because the node said so (it never does, PROTOCOL.md §5): an
 * object is dropped once it has not been listed for {@code expiry}, and the map fades it out
 * before that.
 *
 * <p>The levels are asked for ({@code AC_AC}) whenever the link comes up and whenever any console
 * changes them ({@code AR_UA:OK} is broadcast and carries no levels), so they follow the node.
 *
 * <p><b>Threads</b>: the listener methods run on the link's event loop, which owns all the
 * mutable fields; {@link #snapshot()} may be called from anywhere.
 */
public final class SiteState implements NodeLink.Listener {
    static final int TRAIL_POINTS = 10;
    static final long TRAIL_SPACING_MILLIS = 120;

    private final NodeAddress node;
    private final LongSupplier clock;
    private final long expiryMillis;
    private final AtomicReference<SiteSnapshot> latest;

    private final Map<Long, Track> tracks = new LinkedHashMap<>(); // first seen first: a stable map order
    private final Map<Runway, RunwayState> runways = new EnumMap<>(Runway.class);
    private final Map<Area, Long> violationsStarted = new EnumMap<>(Area.class);
    private LinkState link = LinkState.offline(null);
    private List<AuthorityLevel> levels;
    private BirdRisk birdRisk;
    private boolean objectsChanged;
    private List<LiveObject> published = List.of();

    public SiteState(NodeAddress node, long expiryMillis, LongSupplier clock) {
        this.node = node;
        this.clock = clock;
        this.expiryMillis = expiryMillis;
        this.latest = new AtomicReference<>(SiteSnapshot.initial(node));
    }

    public NodeAddress node() {
        return node;
    }

    /** The newest snapshot; cheap, for any thread. */
    public SiteSnapshot snapshot() {
        return latest.get();
    }

    @Override
    public void onMessage(NodeLink nodeLink, NodeMessage message) {
        switch (message) {
            case ObjectSnapshot snapshot -> track(snapshot.objects());
            case RunwayStateChanged change -> runways.put(change.runway(), change.state());
            case BirdRiskChanged change -> birdRisk = change.risk();
            case AuthorityLevels reply -> levels = reply.levels();
            case AuthorityUpdated ignored -> {
                nodeLink.send(new GetAuthorityLevels());
                return;
            }
            default -> {
                return;
            }
        }
        publish();
    }

    @Override
    public void onStateChange(NodeLink nodeLink, LinkState state) {
        link = state;
        if (state.isOnline()) {
            nodeLink.send(new GetAuthorityLevels());
        }
        publish();
    }

    private void track(List<DetectedObject> objects) {
        long now = clock.getAsLong();
        for (DetectedObject object : objects) {
            Track track = tracks.get(object.id());
            EventType alarm = EventType.inferred(object.objectClass(), object.rescueLevel());
            if (track == null) {
                track = new Track(object.id(), now);
                tracks.put(object.id(), track);
                if (alarm == EventType.UNAUTH && object.area().isZone()) {
                    violationsStarted.put(object.area(), now);
                }
            }
            track.update(object, alarm, now);
        }
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSeen > expiryMillis) {
                it.remove();
            }
        }
        objectsChanged = true;
    }

    private void publish() {
        if (objectsChanged) {
            List<LiveObject> objects = new ArrayList<>(tracks.size());
            for (Track track : tracks.values()) {
                objects.add(track.toLiveObject(node));
            }
            published = List.copyOf(objects);
            objectsChanged = false;
        }
        latest.set(new SiteSnapshot(node, link, published, levels, Map.copyOf(runways), birdRisk,
                Map.copyOf(violationsStarted)));
    }

    /** One object's history on this node, owned by the event loop. */
    private static final class Track {
        private final long id;
        private final long firstSeen;
        private final float[] trail = new float[TRAIL_POINTS * 2];
        private int trailStart;
        private int trailLength;
        private long lastTrailPoint;
        private DetectedObject last;
        private EventType alarm;
        private long lastSeen;

        Track(long id, long firstSeen) {
            this.id = id;
            this.firstSeen = firstSeen;
        }

        void update(DetectedObject object, EventType alarm, long now) {
            this.last = object;
            this.alarm = alarm;
            this.lastSeen = now;
            if (object.isOnMap() && (trailLength == 0 || now - lastTrailPoint >= TRAIL_SPACING_MILLIS)) {
                int slot = (trailStart + trailLength) % TRAIL_POINTS;
                if (trailLength == TRAIL_POINTS) {
                    trailStart = (trailStart + 1) % TRAIL_POINTS;
                } else {
                    trailLength++;
                }
                trail[slot * 2] = object.x();
                trail[slot * 2 + 1] = object.y();
                lastTrailPoint = now;
            }
        }

        LiveObject toLiveObject(NodeAddress node) {
            float[] points = new float[trailLength * 2];
            for (int i = 0; i < trailLength; i++) {
                int slot = (trailStart + i) % TRAIL_POINTS;
                points[i * 2] = trail[slot * 2];
                points[i * 2 + 1] = trail[slot * 2 + 1];
            }
            return new LiveObject(node, id, last.objectClass(), last.x(), last.y(), last.area(), last.rescueLevel(),
                    alarm, firstSeen, lastSeen, points);
        }
    }
}
