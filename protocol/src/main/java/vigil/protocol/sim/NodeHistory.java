package vigil.protocol.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskLog;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectLog;
import vigil.protocol.wire.PilotRequestLog;

/**
 * The simulated node's database, in memory and bounded: its detections with their crops, its
 * bird-risk changes and its pilot requests. Replies from it behave as the reference node's
 * database does: local time written with a {@code Z}, and {@code None} for an unmatched area.
 * Owned by the simulated node's event loop.
 */
final class NodeHistory {
    static final int CAPACITY = 20_000;

    private record Detection(EventType eventType, long objectId, ObjectClass objectClass, Area area,
                             LocalDateTime localTime, Jpeg image) {
    }

    private final ZoneId zone;
    private final Deque<Detection> detections = new ArrayDeque<>();
    private final Map<Long, Detection> latestById = new HashMap<>();
    private final Deque<BirdRiskLog.Entry> birdRisks = new ArrayDeque<>();
    private final Deque<PilotRequestLog.Entry> pilotRequests = new ArrayDeque<>();

    NodeHistory(ZoneId zone) {
        this.zone = zone;
    }

    void recordDetection(EventType eventType, long objectId, ObjectClass objectClass, Area area, java.time.Instant time, Jpeg image) {
        Detection detection = new Detection(eventType, objectId, objectClass, area.isZone() ? area : Area.NONE,
                LocalDateTime.ofInstant(time, zone), image);
        detections.addLast(detection);
        latestById.put(objectId, detection);
        if (detections.size() > CAPACITY) {
            Detection oldest = detections.removeFirst();
            latestById.remove(oldest.objectId(), oldest);
        }
    }

    void recordBirdRisk(BirdRisk risk, java.time.Instant time) {
        birdRisks.addLast(new BirdRiskLog.Entry(risk, databaseTime(LocalDateTime.ofInstant(time, zone))));
        trim(birdRisks);
    }

    void recordPilotRequest(PilotRequestLog.Request request, PilotRequestLog.Response response,
                            java.time.Instant asked, java.time.Instant answered) {
        pilotRequests.addLast(new PilotRequestLog.Entry(request, response,
                databaseTime(LocalDateTime.ofInstant(asked, zone)), databaseTime(LocalDateTime.ofInstant(answered, zone))));
        trim(pilotRequests);
    }

    /** The newest detection of an object, or null. */
    ObjectDetail detail(long objectId) {
        Detection detection = latestById.get(objectId);
        return detection == null ? null : new ObjectDetail(detection.eventType(), detection.objectId(),
                detection.objectClass(), detection.area(), databaseTime(detection.localTime()), detection.image());
    }

    ObjectLog objectLog(LocalDate from, LocalDate to) {
        List<ObjectLog.Entry> entries = new ArrayList<>();
        for (Detection detection : detections) {
            if (within(detection.localTime().toLocalDate(), from, to)) {
                entries.add(new ObjectLog.Entry(detection.eventType(), detection.objectId(), detection.objectClass(),
                        detection.area(), databaseTime(detection.localTime())));
            }
        }
        return new ObjectLog(entries);
    }

    BirdRiskLog birdRiskLog(LocalDate from, LocalDate to) {
        return new BirdRiskLog(birdRisks.stream()
                .filter(entry -> within(localDate(entry.timestamp()), from, to)).toList());
    }

    PilotRequestLog pilotRequestLog(LocalDate from, LocalDate to) {
        return new PilotRequestLog(pilotRequests.stream()
                .filter(entry -> within(localDate(entry.requestTime()), from, to)).toList());
    }

    /** The reference node's bug: its local time with a {@code Z}. */
    private static NodeTimestamp databaseTime(LocalDateTime localTime) {
        return NodeTimestamp.localTimeMislabelledUtc(localTime);
    }

    private static LocalDate localDate(NodeTimestamp timestamp) {
        return LocalDate.parse(timestamp.text().substring(0, 10));
    }

    private static boolean within(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private static void trim(Deque<?> entries) {
        while (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }
}
