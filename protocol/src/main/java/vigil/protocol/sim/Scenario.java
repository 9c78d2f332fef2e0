package vigil.protocol.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;

/**
 * The simulated site's world: objects of every class moving across the eight zones, people who
 * fall, birds that cross, aircraft that roll down a runway, debris that lies until it is cleared.
 * Driven by frames, not by the clock, so that a seed always plays the same story. Owned by the
 * simulated node's event loop.
 */
final class Scenario {
    private static final ObjectClass[] CAST = {
        ObjectClass.PERSON, ObjectClass.VEHICLE, ObjectClass.BIRD, ObjectClass.FOD, ObjectClass.WORK_PERSON,
        ObjectClass.ANIMAL, ObjectClass.WORK_VEHICLE, ObjectClass.AIRPLANE, ObjectClass.PERSON, ObjectClass.UNKNOWN,
        ObjectClass.BIRD, ObjectClass.WORK_PERSON
    };
    private static final int MAX_RESCUE_LEVEL = 10;

    /**
     * A newly alarming object, or a person who has just fallen: the node sends an ME_FD for it, with
     * a rescue level for PERSON and WORK_PERSON (null otherwise).
     */
    record Announcement(EventType eventType, DetectedObject object, Integer rescueLevel) {
    }

    /**
     * One processed camera frame: everything seen (for the cameras), what alarms, what must be
     * announced, and whether anything is on each runway.
     */
    record Frame(List<DetectedObject> everything, List<DetectedObject> alarming, List<Announcement> announcements,
                 boolean runwayAOccupied, boolean runwayBOccupied) {
    }

    private final Random random;
    private final boolean quirks;
    private final List<Track> tracks = new ArrayList<>();
    private final Set<Long> announced = new HashSet<>();
    private final Set<Long> announcedDown = new HashSet<>();
    private long clockMillis;
    private long lastId;

    Scenario(long seed, int objectCount, boolean quirks, long startMillis) {
        this.random = new Random(seed);
        this.quirks = quirks;
        this.clockMillis = startMillis;
        for (int i = 0; i < objectCount; i++) {
            tracks.add(spawn(CAST[i % CAST.length]));
        }
    }

    Frame tick(double seconds, List<AuthorityLevel> levels) {
        clockMillis += Math.round(seconds * 1000);
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            track.advance(seconds);
            if (track.isGone()) {
                tracks.set(i, spawn(track.objectClass));
            }
        }
        List<DetectedObject> everything = new ArrayList<>(tracks.size());
        List<DetectedObject> alarming = new ArrayList<>();
        List<Announcement> announcements = new ArrayList<>();
        boolean runwayA = false;
        boolean runwayB = false;
        for (Track track : tracks) {
            DetectedObject object = track.asDetected();
            everything.add(object);
            runwayA |= object.area() == Area.RWY_A;
            runwayB |= object.area() == Area.RWY_B;
            boolean down = track.rescueLevel > 0;
            if (!alarms(object.objectClass(), object.area(), down, levels)) {
                continue;
            }
            alarming.add(object);
            Integer rescueLevel = track.objectClass.canFall() ? track.rescueLevel : null;
            if (announced.add(object.id())) {
                announcements.add(new Announcement(EventType.inferred(object.objectClass(), track.rescueLevel), object, rescueLevel));
                if (down) {
                    announcedDown.add(object.id());
                }
            } else if (down && announcedDown.add(object.id())) {
                announcements.add(new Announcement(EventType.RESCUE, object, rescueLevel));
            }
        }
        return new Frame(List.copyOf(everything), alarming, announcements, runwayA, runwayB);
    }

    /** The node's rule (PROTOCOL.md §5): hazards, rescues and access violations alarm; airplanes never. */
    static boolean alarms(ObjectClass objectClass, Area area, boolean down, List<AuthorityLevel> levels) {
        if (objectClass == ObjectClass.AIRPLANE) {
            return false;
        }
        if (objectClass.isHazard() || down || !area.isZone()) {
            return true;
        }
        return levels.get(area.zoneNumber() - 1).forbids(objectClass);
    }

    private Track spawn(ObjectClass objectClass) {
        // A node's kind of id (the millisecond times 100, plus a count), never repeated: more than a
        // hundred objects may appear in one millisecond (a big scenario starts all at once).
        long id = Math.max(clockMillis * 100, lastId + 1);
        lastId = id;
        Track track = new Track(id, objectClass);
        switch (objectClass) {
            case BIRD -> { // crosses the site from one side to the other, then is gone
                boolean fromLeft = random.nextBoolean();
                track.place(fromLeft ? -20 : Area.MAP_WIDTH + 20, random.nextDouble(20, Area.MAP_HEIGHT - 20));
                track.target(fromLeft ? Area.MAP_WIDTH + 40 : -40, random.nextDouble(20, Area.MAP_HEIGHT - 20));
                track.leavesAtTarget = true;
            }
            case AIRPLANE -> { // rolls down a runway
                boolean runwayA = random.nextBoolean();
                double y = (runwayA ? 0.115 : 0.625) * Area.MAP_HEIGHT;
                track.place(-30, y);
                track.target(Area.MAP_WIDTH + 60, y);
                track.leavesAtTarget = true;
            }
            default -> {
                track.place(random.nextDouble(Area.MAP_WIDTH), random.nextDouble(Area.MAP_HEIGHT));
                newTarget(track);
            }
        }
        track.speed = switch (objectClass) {
            case PERSON, WORK_PERSON -> random.nextDouble(6, 12);
            case ANIMAL -> random.nextDouble(12, 20);
            case VEHICLE, WORK_VEHICLE -> random.nextDouble(25, 45);
            case BIRD -> random.nextDouble(45, 70);
            case AIRPLANE -> random.nextDouble(70, 110);
            case FOD -> 0;
            case UNKNOWN -> random.nextDouble(3, 8);
        };
        // Short lives keep new objects, and so new first detections, coming every few seconds.
        track.lifetime = objectClass == ObjectClass.FOD ? random.nextDouble(30, 120) : random.nextDouble(15, 60);
        track.positionUnknown = quirks && id % 7 == 0;
        return track;
    }

    private void newTarget(Track track) {
        double margin = quirks && random.nextInt(4) == 0 ? 40 : 0; // sloppy nodes report positions off the map
        track.target(random.nextDouble(-margin, Area.MAP_WIDTH + margin), random.nextDouble(-margin, Area.MAP_HEIGHT + margin));
    }

    /** One tracked object, mutable, private to the scenario. */
    private final class Track {
        final long id;
        final ObjectClass objectClass;
        double x;
        double y;
        double targetX;
        double targetY;
        double speed;
        double age;
        double lifetime;
        double downFor;
        int rescueLevel;
        boolean leavesAtTarget;
        boolean positionUnknown;
        private boolean gone;

        Track(long id, ObjectClass objectClass) {
            this.id = id;
            this.objectClass = objectClass;
        }

        void place(double x, double y) {
            this.x = x;
            this.y = y;
        }

        void target(double x, double y) {
            targetX = x;
            targetY = y;
        }

        void advance(double seconds) {
            age += seconds;
            if (rescueLevel > 0) {
                downFor += seconds;
                rescueLevel = Math.min(MAX_RESCUE_LEVEL, 1 + (int) downFor);
                gone = downFor > 45; // picked up by the rescue team
                return;
            }
            if (objectClass.canFall() && age > 8 && random.nextDouble() < seconds / 45) {
                rescueLevel = 1;
                return;
            }
            double dx = targetX - x;
            double dy = targetY - y;
            double distance = Math.hypot(dx, dy);
            double step = speed * seconds;
            if (distance <= step) {
                place(targetX, targetY);
                if (leavesAtTarget) {
                    gone = true;
                } else if (speed > 0) {
                    newTarget(this);
                }
            } else if (distance > 0) {
                place(x + dx / distance * step, y + dy / distance * step);
            }
            gone |= !leavesAtTarget && age > lifetime;
        }

        boolean isGone() {
            return gone;
        }

        DetectedObject asDetected() {
            int reportedX = positionUnknown ? -1 : (int) Math.round(x);
            int reportedY = positionUnknown ? -1 : (int) Math.round(y);
            Area area = positionUnknown ? Area.UNKNOWN : Area.at(x, y);
            Integer level = objectClass == ObjectClass.PERSON ? rescueLevel : null;
            return new DetectedObject(id, objectClass, reportedX, reportedY, area, level);
        }
    }
}
