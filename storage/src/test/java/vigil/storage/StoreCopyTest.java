package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.testing.PostgresServer;

/** An embedded store with every kind of record, moved into PostgreSQL and verified there. */
class StoreCopyTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path data;

    private static FirstDetection detection(int objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 10, 10, Area.RWY_A,
                NodeTimestamp.of(T0), null, TestJpegs.jpeg(400, objectId));
    }

    private static ClipStore.Written clipFile(Storage storage, int seed) throws Exception {
        Path file = storage.clips().temporaryFile();
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        Files.write(file, bytes);
        return new ClipStore.Written(file, "h264", T0.minusSeconds(10), T0.plusSeconds(20));
    }

    /** One or more rows in every table. */
    private void fill() throws Exception {
        try (Storage storage = Storage.open(data)) {
            IncidentStore incidents = storage.incidents();
            SiteCamera gate = new SiteCamera("Gate 2", "rtsp://10.1.0.21/stream", "viewer", "s3cret", List.of(Area.RWY_A), null,
                    SiteCamera.ClipWindow.DEFAULT, true);
            storage.cameras().add(gate, "os:test").get();
            Incident old = incidents.record(NODE, detection(1), T0, List.of("Gate 2")).get().incident();
            Incident kept = incidents.record(NODE, detection(2), T0.plusSeconds(1), List.of("Gate 2")).get().incident();
            incidents.record(NODE, detection(3), T0.plusSeconds(2), List.of("Gate 2")).get();
            storage.clips().link(old.id(), "Gate 2", clipFile(storage, 1)).get();
            storage.clips().link(kept.id(), "Gate 2", clipFile(storage, 2)).get();
            storage.clips().missing(kept.id(), "Gate 9", "no camera").get();
            incidents.act(old.id(), ActionKind.ACKNOWLEDGE, "ana", null).get();
            incidents.act(old.id(), ActionKind.RESOLVE, "ana", "a fox").get();
            incidents.act(kept.id(), ActionKind.NOTE, "bob", "gate 4").get();
            incidents.act(kept.id(), ActionKind.EXPORT, "bob", null).get();
            storage.clips().keepWithin(1500).get(); // removes the resolved incident's clip file
            incidents.report("Gate 2", Area.TWY_A, "ana", TestJpegs.jpeg(900, 77), T0.plusSeconds(5)).get();
            incidents.record(NODE, detection(4), T0.minus(Duration.ofDays(400)), List.of()).thenCompose(r ->
                    incidents.act(r.incident().id(), ActionKind.FALSE_ALARM, "ana", null)).get();
            incidents.prune(T0.minus(Duration.ofDays(300))).get();
            storage.authority().record(new AuthorityChange(NODE, Collections.nCopies(8, AuthorityLevel.AUTH_ONLY),
                    Collections.nCopies(8, AuthorityLevel.NO_ENTRY), "ana", T0, AuthorityChange.Outcome.OK, null)).get();
            storage.siteEvents().record(new SiteEvent(NODE, null, SiteEvent.Kind.LINK_UP, "ONLINE", "link up", T0)).get();
            storage.siteEvents().record(new SiteEvent(null, "Gate 2", SiteEvent.Kind.CAMERA, "LIVE", "live", T0)).get();
            Instant now = Instant.now();
            storage.operators().add(new OperatorAccount("ana", "Ana", Role.ADMIN, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                    false, "os:test", now, "os:test", now)).get();
            storage.operators().log(new OperatorEvent("ana", OperatorEvent.Kind.SIGNED_IN, null, null, now)).get();
            storage.alertTargets().add(new AlertTarget("hooks", AlertTarget.Kind.WEBHOOK, "https://hooks.example/vigil", null, null,
                    "key", true), "ana").get();
            storage.alertTargets().addRule(new AlertRule(0, "hooks", Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0,
                    Duration.ofSeconds(60), LocalTime.of(22, 0), LocalTime.of(6, 0), true, null), "ana").get();
            storage.alertDeliveries().pending("hooks", "vigil/events", "{\"id\":1}", "4b5a8f50-0000-4000-8000-000000000001").get();
            storage.siteActions().add(new SiteAction("Gate 4 siren", SiteAction.Kind.HTTP, "POST", "http://10.1.0.9/relay/1", "on",
                    null, null, null, null), "ana").get();
            storage.siteActions().ran("Gate 4 siren", "ana", kept.id(), true, "HTTP 200").get();
            storage.checklist().add(IncidentType.UNAUTH, "Call the tower", "Tower", "4411", "Gate 4 siren", "ana").get();
            storage.clips().markInterrupted().get(); // the third incident's clip, never captured: missing, said so
            incidents.record(NODE, detection(5), T0.plusSeconds(9), List.of("Gate 2")).get(); // owes a clip still
            assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
        }
    }

    @Test
    void everyKindOfRecordIsCopiedAndVerifies() throws Exception {
        fill();
        SharedStore target = PostgresServer.get().newDatabase();
        StoreCopy.Report report = StoreCopy.copy(data, target);
        assertTrue(report.verified().intact(), report.verified().problems()::toString);
        report.rows().forEach((table, rows) -> assertTrue(rows > 0, table + " has rows to copy: " + report.rows()));
        assertEquals(21, report.rows().size());
        try (Storage h2 = Storage.open(data); Storage postgresql = Storage.open(data, target)) {
            IncidentQuery all = new IncidentQuery(null, null, null, null, null, null, null, null);
            assertEquals(h2.incidents().search(all, null, 100), postgresql.incidents().search(all, null, 100));
            assertEquals(h2.verify().entries(), postgresql.verify().entries());
            long next = postgresql.incidents().record(NODE, detection(6), T0.plusSeconds(30)).get().incident().id();
            assertEquals(h2.incidents().record(NODE, detection(6), T0.plusSeconds(30)).get().incident().id(), next,
                    "the copy's ids go on where the original's did");
            assertTrue(postgresql.verify().intact(), () -> postgresql.verify().problems().toString());
        }
    }

    @Test
    void aStoreThatIsNotEmptyIsRefused() throws Exception {
        fill();
        SharedStore target = PostgresServer.get().newDatabase();
        try (Storage postgresql = Storage.open(data, target)) {
            postgresql.incidents().record(NODE, detection(1), T0).get();
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StoreCopy.copy(data, target));
        assertEquals(target + " is not empty (1 row in node): copy into an empty database", refused.getMessage());
        try (Storage postgresql = Storage.open(data, target)) {
            assertEquals(1, postgresql.incidents().count(), "nothing copied");
        }
    }
}
