package vigil.app.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;

class SiteStateTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final SiteState state = new SiteState(new NodeAddress("node", 5100), 2_000, clock::get);

    @Test
    void everythingIsUnknownUntilTheNodeSaysIt() {
        SiteSnapshot snapshot = state.snapshot();
        assertEquals(List.of(), snapshot.objects());
        assertNull(snapshot.levels());
        assertNull(snapshot.birdRisk());
        assertNull(snapshot.runway(Runway.A));
    }

    @Test
    void aSnapshotPublishesItsObjectsWithWhyTheyAlarm() {
        feed(object(1, ObjectClass.PERSON, 100, 100, Area.GRASS_A, 0), object(2, ObjectClass.BIRD, 200, 50, Area.RWY_A, null),
                object(3, ObjectClass.PERSON, 300, 400, Area.RWY_B, 4));
        List<LiveObject> objects = state.snapshot().objects();
        assertEquals(List.of(1L, 2L, 3L), objects.stream().map(LiveObject::id).toList());
        assertEquals(List.of(EventType.UNAUTH, EventType.HAZARD, EventType.RESCUE), objects.stream().map(LiveObject::alarm).toList());
    }

    @Test
    void theTrailKeepsOnePointPerSpacingUpToItsLength() {
        for (int i = 0; i < 80; i++) {
            feed(object(1, ObjectClass.VEHICLE, 10 * i, 100, Area.GRASS_A, null));
            clock.addAndGet(50); // 20 Hz: every third position makes the trail (120 ms spacing)
        }
        float[] trail = state.snapshot().objects().getFirst().trail();
        assertEquals(SiteState.TRAIL_POINTS * 2, trail.length);
        assertEquals(790, trail[trail.length - 2], 30, "the newest point is recent");
        assertEquals(30, trail[trail.length - 2] - trail[trail.length - 4], "a point once 120 ms have passed: every third 50 ms frame");
        assertTrue(trail[0] < trail[trail.length - 2], "oldest first");
    }

    @Test
    void anObjectUnlistedForTheExpiryIsDropped() {
        feed(object(1, ObjectClass.FOD, 10, 10, Area.RWY_A, null), object(2, ObjectClass.FOD, 20, 20, Area.RWY_A, null));
        clock.addAndGet(1_500);
        feed(object(2, ObjectClass.FOD, 20, 20, Area.RWY_A, null));
        assertEquals(2, state.snapshot().objects().size(), "still fading out");
        clock.addAndGet(600);
        feed(object(2, ObjectClass.FOD, 20, 20, Area.RWY_A, null));
        assertEquals(List.of(2L), state.snapshot().objects().stream().map(LiveObject::id).toList());
    }

    @Test
    void aViolationStartsWhenANewViolatingObjectAppearsInAZone() {
        feed(object(1, ObjectClass.BIRD, 10, 10, Area.RWY_A, null));
        assertEquals(Collections.emptyMap(), state.snapshot().violationsStarted(), "a hazard is not a violation");
        long first = clock.get();
        feed(object(2, ObjectClass.VEHICLE, 500, 300, Area.GRASS_A, null));
        clock.addAndGet(100);
        feed(object(2, ObjectClass.VEHICLE, 510, 300, Area.GRASS_A, null));
        assertEquals(first, state.snapshot().violationsStarted().get(Area.GRASS_A), "only the start counts");
    }

    @Test
    void siteStatesAndLevelsFollowTheNode() {
        state.onMessage(null, new RunwayStateChanged(Runway.B, RunwayState.WARNING));
        state.onMessage(null, new BirdRiskChanged(BirdRisk.HIGH));
        List<AuthorityLevel> levels = Collections.nCopies(8, AuthorityLevel.NO_ENTRY);
        state.onMessage(null, new AuthorityLevels(Dialect.AR, levels));
        SiteSnapshot snapshot = state.snapshot();
        assertEquals(RunwayState.WARNING, snapshot.runway(Runway.B));
        assertNull(snapshot.runway(Runway.A));
        assertEquals(BirdRisk.HIGH, snapshot.birdRisk());
        assertEquals(levels, snapshot.levels());
    }

    @Test
    void unchangedObjectsAreNotCopiedAgainForOtherChanges() {
        feed(object(1, ObjectClass.FOD, 10, 10, Area.RWY_A, null));
        List<LiveObject> objects = state.snapshot().objects();
        state.onMessage(null, new BirdRiskChanged(BirdRisk.LOW));
        assertSame(objects, state.snapshot().objects());
        assertArrayEquals(new float[] {10, 10}, objects.getFirst().trail());
    }

    private void feed(DetectedObject... objects) {
        state.onMessage(null, new ObjectSnapshot(List.of(objects)));
    }

    private static DetectedObject object(long id, ObjectClass objectClass, int x, int y, Area area, Integer rescueLevel) {
        return new DetectedObject(id, objectClass, x, y, area, rescueLevel);
    }
}
