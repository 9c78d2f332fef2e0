package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import vigil.storage.testing.Database;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

@ParameterizedClass
@EnumSource(Database.class)
class QueryAndRetentionTest {
    @Parameter
    Database database;

    private static final NodeAddress NODE_A = new NodeAddress("10.0.0.7", 5100);
    private static final NodeAddress NODE_B = new NodeAddress("10.0.0.8", 5100);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path data;

    /** 60 incidents, one a minute: classes, zones and nodes in turn. */
    private static List<Incident> fill(IncidentStore incidents) throws Exception {
        List<Incident> recorded = new ArrayList<>();
        ObjectClass[] classes = {ObjectClass.PERSON, ObjectClass.BIRD, ObjectClass.VEHICLE};
        for (int i = 0; i < 60; i++) {
            ObjectClass objectClass = classes[i % 3];
            EventType eventType = objectClass == ObjectClass.BIRD ? EventType.HAZARD : EventType.UNAUTH;
            var detection = new FirstDetection(eventType, 100 + i, objectClass, i, i, Area.ZONES.get(i % 8),
                    NodeTimestamp.of(T0), null, TestJpegs.jpeg(500, i));
            recorded.add(incidents.record(i % 2 == 0 ? NODE_A : NODE_B, detection, T0.plus(Duration.ofMinutes(i))).get().incident());
        }
        return recorded;
    }

    @Test
    void pagesGoNewestFirstUnderFiltersWithoutGapsOrRepeats() throws Exception {
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            fill(incidents);
            incidents.act(incidents.search(IncidentQuery.ALL, null, 1).incidents().getFirst().id(), ActionKind.NOTE, "ana", "Fence GAP near gate 4").get();

            List<Long> seen = new ArrayList<>();
            IncidentPage.Cursor cursor = null;
            do {
                IncidentPage page = incidents.search(IncidentQuery.ALL, cursor, 7);
                page.incidents().forEach(incident -> seen.add(incident.id()));
                cursor = page.next();
            } while (cursor != null);
            List<Long> newestFirst = new ArrayList<>(seen);
            newestFirst.sort(Collections.reverseOrder());
            assertEquals(newestFirst, seen);
            assertEquals(60, seen.size());

            var birdsOnA = new IncidentQuery(T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(40)),
                    Set.of(IncidentType.HAZARD), Set.of(ObjectClass.BIRD), Set.of(), Set.of(IncidentState.NEW), NODE_A, null);
            IncidentPage birds = incidents.search(birdsOnA, null, 100);
            assertEquals(List.of(34L, 28L, 22L, 16L, 10L), birds.incidents().stream().map(i -> i.objectId() - 100).toList());
            assertNull(birds.next());

            var noted = new IncidentQuery(null, null, Set.of(), Set.of(), Set.of(), Set.of(), null, "gap near");
            assertEquals(1, incidents.search(noted, null, 10).incidents().size());

            var byZone = new IncidentQuery(null, null, Set.of(), Set.of(), Set.of(Area.RWY_A, Area.RWY_B), Set.of(), null, null);
            assertEquals(14, incidents.search(byZone, null, 100).incidents().size());

            IncidentStore.Statistics statistics = incidents.statistics(IncidentQuery.ALL);
            assertEquals(Map.of(ObjectClass.PERSON, 20L, ObjectClass.BIRD, 20L, ObjectClass.VEHICLE, 20L), statistics.byClass());
            assertEquals(8, statistics.byZone().size());
            assertEquals(Map.of(T0, 60L), statistics.byHour());
        }
    }

    @Test
    void authorityChangesAreSealed() throws Exception {
        try (Storage storage = database.open(data)) {
            var before = Collections.nCopies(8, AuthorityLevel.AUTH_ONLY);
            var after = Collections.nCopies(8, AuthorityLevel.NO_ENTRY);
            storage.authority().record(new AuthorityChange(NODE_A, before, after, "ana", T0, AuthorityChange.Outcome.ERR, 4)).get();
            storage.authority().record(new AuthorityChange(NODE_A, null, after, "ana", T0, AuthorityChange.Outcome.OK, null)).get();
            assertEquals(2, storage.authority().count());
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(2, report.entries());
        }
    }

    @Test
    void retentionPrunesOnlyOldClosedIncidentsOffHoldAndTheChainStillVerifies() throws Exception {
        Incident exported;
        Incident open;
        try (Storage storage = database.open(data)) {
            IncidentStore incidents = storage.incidents();
            List<Incident> all = fill(incidents);
            for (Incident incident : all.subList(0, 30)) {
                if (incident.objectId() != 105) {
                    incidents.act(incident.id(), ActionKind.RESOLVE, "ana", null).get();
                }
            }
            exported = all.get(3);
            open = all.get(5);
            incidents.act(exported.id(), ActionKind.EXPORT, "ana", null).get();
        }
        try (Storage storage = database.open(data)) {
            int pruned = storage.incidents().prune(T0.plus(Duration.ofMinutes(20))).get();
            assertEquals(18, pruned, "the 20 older than 20 minutes, less the one still open and the exported one");
            assertEquals(42, storage.incidents().count());
            assertTrue(storage.incidents().find(exported.id()).orElseThrow().evidenceHold());
            assertEquals(IncidentState.NEW, storage.incidents().find(open.id()).orElseThrow().state());
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(0, storage.incidents().prune(T0.plus(Duration.ofMinutes(20))).get());
        }
    }

    @Test
    void aDatabaseOfTheFirstVersionIsMigratedWithItsRecords() throws Exception {
        Flyway.configure().dataSource(database.dataSource(data)).locations("classpath:db/migration/common", database.migrations())
                .target("1").load().migrate();
        try (Storage storage = database.open(data)) {
            fill(storage.incidents());
            assertTrue(storage.verify().intact());
        }
    }
}
