package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import vigil.storage.testing.Database;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/** The store on real H2 files in a temporary directory and on a real PostgreSQL. */
@ParameterizedClass
@EnumSource(Database.class)
class StorageTest {
    @Parameter
    Database database;

    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);

    @TempDir
    Path data;

    private static FirstDetection detection(long objectId, EventType eventType, int imageSeed) {
        return new FirstDetection(eventType, objectId, ObjectClass.PERSON, 407, 469, Area.RWY_B,
                NodeTimestamp.parse("2025-06-30T04:56:25Z"), eventType == EventType.RESCUE ? 1 : 0,
                TestJpegs.jpeg(2237, imageSeed));
    }

    @Test
    void anIncidentAndItsPictureOutliveTheProcessThatRecordedThem() throws Exception {
        FirstDetection detection = detection(175125938503612L, EventType.RESCUE, 1);
        Instant received = Instant.parse("2026-11-22T05:00:00.123456789Z");
        Incident recorded;
        try (Storage storage = database.open(data)) {
            Recorded result = storage.incidents().record(NODE, detection, received).get(10, TimeUnit.SECONDS);
            assertTrue(result.isNew());
            recorded = result.incident();
        }
        try (Storage storage = database.open(data)) {
            Incident found = storage.incidents().find(recorded.id()).orElseThrow();
            assertEquals(recorded, found);
            assertEquals(new Incident(recorded.id(), NODE, IncidentType.RESCUE, 175125938503612L, ObjectClass.PERSON, 407, 469,
                    Area.RWY_B, NodeTimestamp.parse("2025-06-30T04:56:25Z"), Instant.parse("2026-11-22T05:00:00.123456Z"),
                    1, detection.image().sha256Hex(), IncidentState.NEW, false, null, null), found);
            assertEquals(3, found.priority());
            assertEquals(detection.image(), storage.incidents().image(found.imageSha256()).orElseThrow());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        }
    }

    @Test
    void theSameObjectAndEventTypeIsOneIncidentEvenAfterANodeRestart() throws Exception {
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            Recorded first = incidents.record(NODE, detection(42, EventType.UNAUTH, 1), Instant.now()).get();
            Recorded again = incidents.record(NODE, detection(42, EventType.UNAUTH, 2), Instant.now()).get();
            Recorded fallen = incidents.record(NODE, detection(42, EventType.RESCUE, 3), Instant.now()).get();
            Recorded elsewhere = incidents.record(new NodeAddress("10.0.0.8", 5100), detection(42, EventType.UNAUTH, 1), Instant.now()).get();
            assertFalse(again.isNew());
            assertEquals(first.incident().id(), again.incident().id());
            assertTrue(fallen.isNew());
            assertTrue(elsewhere.isNew());
            assertEquals(3, incidents.count());
            assertTrue(incidents.image(detection(42, EventType.UNAUTH, 2).image().sha256Hex()).isEmpty(),
                    "a repeat's new crop is not kept: it belongs to no incident");
            assertTrue(incidents.image(detection(42, EventType.UNAUTH, 1).image().sha256Hex()).isPresent());

            // A repeat whose crop another incident also has leaves that incident's picture alone.
            incidents.record(NODE, detection(43, EventType.UNAUTH, 3), Instant.now()).get();
            assertFalse(incidents.record(NODE, detection(43, EventType.UNAUTH, 3), Instant.now()).get().isNew());
            assertTrue(incidents.image(detection(43, EventType.UNAUTH, 3).image().sha256Hex()).isPresent());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        }
    }

    @Test
    void actionsMoveTheStateAndAreKeptInOrder() throws Exception {
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            long id = incidents.record(NODE, detection(7, EventType.HAZARD, 1), Instant.now()).get().incident().id();
            assertEquals(IncidentState.ACKNOWLEDGED, incidents.act(id, ActionKind.ACKNOWLEDGE, "ana", null).get().state());
            assertEquals(IncidentState.ACKNOWLEDGED, incidents.act(id, ActionKind.NOTE, "ana", "team on the way; 2 min").get().state());
            assertEquals(IncidentState.RESOLVED, incidents.act(id, ActionKind.RESOLVE, "ana", "debris removed").get().state());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> incidents.act(id, ActionKind.ACKNOWLEDGE, "ben", null).get());
            assertEquals("cannot acknowledge an incident that is RESOLVED", refused.getCause().getMessage());
            assertEquals(IncidentState.ACKNOWLEDGED, incidents.act(id, ActionKind.REOPEN, "ben", null).get().state());
            assertEquals(List.of(ActionKind.ACKNOWLEDGE, ActionKind.NOTE, ActionKind.RESOLVE, ActionKind.REOPEN),
                    incidents.actions(id).stream().map(IncidentAction::kind).toList());
            assertEquals("team on the way; 2 min", incidents.actions(id).get(1).note());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        }
    }

    @Test
    void manyConcurrentWritesAreBatchedAndABadOneFailsAlone() throws Exception {
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                writes.add(incidents.record(NODE, detection(1000 + i, EventType.UNAUTH, i), Instant.now()));
                if (i == 250) {
                    writes.add(incidents.act(999_999, ActionKind.ACKNOWLEDGE, "ana", null));
                }
            }
            long failed = writes.stream().filter(w -> {
                try {
                    w.get(30, TimeUnit.SECONDS);
                    return false;
                } catch (Exception e) {
                    assertInstanceOf(IllegalArgumentException.class, e.getCause());
                    return true;
                }
            }).count();
            assertEquals(1, failed);
            assertEquals(500, incidents.count());
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(500, report.entries());
        }
    }

    @Test
    void tamperingThroughPlainJdbcIsNamed() throws Exception {
        long incidentId;
        String imageHash;
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            Incident incident = incidents.record(NODE, detection(5, EventType.UNAUTH, 1), Instant.now()).get().incident();
            incidents.record(NODE, detection(6, EventType.UNAUTH, 2), Instant.now()).get();
            incidentId = incident.id();
            imageHash = incident.imageSha256();
            incidents.act(incidentId, ActionKind.NOTE, "ana", "gate 4 was open").get();
            incidents.act(incidentId, ActionKind.ACKNOWLEDGE, "ana", null).get();
        }
        try (Connection jdbc = database.connect(data);
             Statement sql = jdbc.createStatement()) {
            byte[] picture;
            try (ResultSet image = sql.executeQuery("SELECT bytes FROM image WHERE sha256 = '" + imageHash + "'")) {
                image.next();
                picture = image.getBytes(1);
            }
            picture[picture.length - 1] = (byte) 0xDA; // the end-of-image marker FFD9 made FFDA
            try (PreparedStatement update = jdbc.prepareStatement("UPDATE image SET bytes = ? WHERE sha256 = ?")) {
                update.setBytes(1, picture);
                update.setString(2, imageHash);
                update.executeUpdate();
            }
            sql.executeUpdate("UPDATE incident_action SET note = 'gate 4 was closed' WHERE action = 'NOTE'");
            sql.executeUpdate("DELETE FROM incident_action WHERE action = 'ACKNOWLEDGE'");
        }
        try (Storage storage = database.open(data)) {
            AuditReport report = storage.verify();
            assertFalse(report.intact());
            List<String> problems = report.problems();
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("image " + imageHash + " does not match its hash")), problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.matches("action \\d+ \\(audit entry 3\\) has been changed since it was recorded")), problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.matches("action \\d+ \\(audit entry 4\\) has been deleted")), problems::toString);
            assertTrue(problems.contains("incident " + incidentId + " is ACKNOWLEDGED but its actions lead to NEW"), problems::toString);
        }
    }

    @Test
    void nodesKeepTheNamesOperatorsGiveThemAndEachRenameIsSealed() throws Exception {
        try (Storage storage = database.open(data)) {
            Incident incident = storage.incidents().record(NODE, detection(31, EventType.UNAUTH, 1), Instant.now()).get().incident();
            NodeNames names = storage.nodeNames();
            assertEquals("node 10.0.0.7:5100", names.source(incident));
            names.name(NODE, "  North apron ", "ana").get();
            NodeAddress unheard = new NodeAddress("10.0.0.8", 5100);
            names.name(unheard, "Gate 4 (east)", "ana").get();
            assertEquals("North apron", names.of(NODE));
            assertEquals("node North apron (10.0.0.7:5100)", names.source(incident));
            assertEquals(Map.of(NODE, "North apron", unheard, "Gate 4 (east)"), names.chosen());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> names.name(NODE, "<script>", "ana"));
            assertTrue(refused.getMessage().startsWith("a node's name is 1 to 60 letters"), refused.getMessage());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        }
        try (Storage storage = database.open(data)) {
            assertEquals("North apron (10.0.0.7:5100)", storage.nodeNames().withAddress(NODE), "kept in the store");
            storage.nodeNames().name(NODE, "", "ana").get();
            assertEquals("10.0.0.7:5100", storage.nodeNames().withAddress(NODE));
            assertEquals(List.of("no name", "Gate 4 (east)", "North apron"), storage.operators().history(10).stream()
                    .filter(event -> event.kind() == OperatorEvent.Kind.NODE_NAMED).map(OperatorEvent::detail).toList());
        }
    }


    @Test
    void anOperatorsReportIsSealedWithItsCameraAndOperatorAndOwesItsCameraAClip() throws Exception {
        long reportId;
        try (Storage storage = database.open(data)) {
            storage.incidents().record(NODE, detection(8, EventType.HAZARD, 1), Instant.now()).get();
            Incident report = storage.incidents().report("Gate 3", Area.TWY_A, "ada", TestJpegs.jpeg(3000, 9),
                    Instant.parse("2026-12-01T03:00:00.123456Z")).get();
            reportId = report.id();
            assertEquals(new Incident(report.id(), null, IncidentType.OPERATOR, 0, ObjectClass.UNKNOWN, 0, 0, Area.TWY_A,
                    new NodeTimestamp("", null), Instant.parse("2026-12-01T03:00:00.123456Z"), null,
                    TestJpegs.jpeg(3000, 9).sha256Hex(), IncidentState.NEW, false, "Gate 3", "ada"), report);
            assertEquals(report, storage.incidents().find(report.id()).orElseThrow());
            assertEquals("camera Gate 3, reported by ada", storage.nodeNames().source(report));
            IncidentQuery reports = new IncidentQuery(null, null, Set.of(IncidentType.OPERATOR), null, null, null, null, null);
            assertEquals(List.of(report), storage.incidents().search(reports, null, 10).incidents());
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
            assertEquals(List.of("Gate 3"), storage.clips().markInterrupted().get().stream().map(Clip::camera).toList(),
                    "a report's camera owes it a clip from the moment it is recorded");
        }
        try (Connection jdbc = database.connect(data);
             Statement sql = jdbc.createStatement()) {
            sql.executeUpdate("UPDATE incident SET reported_by = 'bob' WHERE id = " + reportId);
        }
        try (Storage storage = database.open(data)) {
            List<String> problems = storage.verify().problems();
            assertTrue(problems.stream().anyMatch(p -> p.matches("incident " + reportId + " \\(audit entry \\d+\\) has been changed since it was recorded")),
                    problems::toString);
        }
    }
}
