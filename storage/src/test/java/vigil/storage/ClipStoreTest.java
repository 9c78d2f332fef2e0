package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

@ParameterizedClass
@EnumSource(Database.class)
class ClipStoreTest {
    @Parameter
    Database database;

    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path data;

    private static FirstDetection detection(int objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 10, 10, Area.ZONES.getFirst(),
                NodeTimestamp.of(T0), null, TestJpegs.jpeg(400, objectId));
    }

    private static Incident incident(Storage storage, int objectId) throws Exception {
        return storage.incidents().record(NODE, detection(objectId), T0.plusSeconds(objectId)).get().incident();
    }

    /** A clip file of {@code size} bytes whose content depends on {@code seed}, written as a camera would. */
    private static ClipStore.Written written(Storage storage, int size, int seed) throws Exception {
        Path file = storage.clips().temporaryFile();
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        Files.write(file, bytes);
        return new ClipStore.Written(file, "h264", T0.minusSeconds(10), T0.plusSeconds(20));
    }

    @Test
    void aLinkedClipIsNamedByItsHashSealedAndVerified() throws Exception {
        try (Storage storage = database.open(data)) {
            Incident incident = incident(storage, 1);
            Clip clip = storage.clips().link(incident.id(), "Apron", written(storage, 5000, 1)).get();
            Clip missing = storage.clips().missing(incident.id(), "Gate 2", "the camera was offline").get();

            Path file = storage.clips().file(clip);
            assertEquals(clip.sha256(), ClipStore.hash(file));
            assertEquals(data.toAbsolutePath().resolve("clips").resolve(clip.sha256() + ".mp4"), file);
            assertEquals(5000L, clip.bytes());
            assertEquals(List.of(clip, missing), storage.clips().of(incident.id()));
            assertNull(missing.sha256());
            assertEquals("the camera was offline", missing.missing());
            try (var names = Files.list(storage.clips().directory())) {
                assertEquals(List.of(file.getFileName().toString()), names.map(p -> p.getFileName().toString()).toList(),
                        "no temporary is left once a clip is linked");
            }
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(1, report.clips());

            byte[] altered = Files.readAllBytes(file);
            altered[100] ^= 1;
            Files.write(file, altered);
            assertEquals(List.of("clip " + clip.id() + " (incident " + incident.id() + ", camera Apron, " + clip.fileName()
                    + ") has been altered: it hashes to " + ClipStore.hash(file)), storage.verify().problems());
            Files.delete(file);
            assertEquals(List.of("clip " + clip.id() + " (incident " + incident.id() + ", camera Apron, " + clip.fileName()
                    + ") is missing"), storage.verify().problems());
        }
    }

    @Test
    void temporariesLeftByACrashAreRemovedAtTheNextOpen() throws Exception {
        Path temporary;
        try (Storage storage = database.open(data)) {
            temporary = written(storage, 1000, 2).file();
        }
        assertTrue(Files.exists(temporary));
        try (Storage storage = database.open(data)) {
            assertFalse(Files.exists(temporary));
            assertTrue(storage.verify().intact());
        }
    }

    @Test
    void theQuotaRemovesTheOldestClipsOfClosedIncidentsAndNeverHeldOrOpenOnes() throws Exception {
        try (Storage storage = database.open(data)) {
            Incident resolvedOld = incident(storage, 1);
            Incident held = incident(storage, 2);
            Incident open = incident(storage, 3);
            Incident resolvedNew = incident(storage, 4);
            Clip c1 = storage.clips().link(resolvedOld.id(), "Apron", written(storage, 1000, 1)).get();
            Clip c2 = storage.clips().link(held.id(), "Apron", written(storage, 1000, 2)).get();
            Clip c3 = storage.clips().link(open.id(), "Gate", written(storage, 1000, 3)).get();
            Clip c4 = storage.clips().link(resolvedNew.id(), "Gate", written(storage, 1000, 4)).get();
            for (Incident closed : List.of(resolvedOld, held, resolvedNew)) {
                storage.incidents().act(closed.id(), ActionKind.RESOLVE, "ana", null).get();
            }
            storage.incidents().act(held.id(), ActionKind.EXPORT, "ana", "handed to the police").get();

            ClipStore.Usage usage = storage.clips().keepWithin(3000).get();
            assertEquals(1, usage.removed());
            assertEquals(3000, usage.usedBytes());
            assertFalse(usage.overCap());
            assertTrue(storage.clips().of(resolvedOld.id()).getFirst().removed());
            assertFalse(Files.exists(storage.clips().file(c1)));

            usage = storage.clips().keepWithin(1500).get();
            assertEquals(1, usage.removed(), "only the newer resolved one could go");
            assertFalse(Files.exists(storage.clips().file(c4)));
            assertTrue(usage.overCap(), "held and open evidence stays, over the cap");
            assertEquals(2000, usage.usedBytes());
            assertEquals(java.util.Map.of("Apron", 1000L, "Gate", 1000L), usage.bytesByCamera());
            assertTrue(Files.exists(storage.clips().file(c2)));
            assertTrue(Files.exists(storage.clips().file(c3)));

            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(2, report.clips(), "removed clips' files are not looked for");
        }
    }

    @Test
    void retentionPrunesAnIncidentWithItsClipsAndTheirFiles() throws Exception {
        try (Storage storage = database.open(data)) {
            Incident kept = incident(storage, 1);
            Incident pruned = incident(storage, 2);
            Clip keptClip = storage.clips().link(kept.id(), "Apron", written(storage, 1000, 1)).get();
            Clip removed = storage.clips().link(pruned.id(), "Apron", written(storage, 1000, 2)).get();
            Clip goes = storage.clips().link(pruned.id(), "Gate", written(storage, 1000, 3)).get();
            storage.clips().missing(pruned.id(), "Roof", "the camera was offline").get();
            storage.incidents().act(pruned.id(), ActionKind.RESOLVE, "ana", null).get();
            assertEquals(1, storage.clips().keepWithin(2000).get().removed());
            assertTrue(storage.clips().of(pruned.id()).getFirst().removed(), "the quota took " + removed.fileName());

            assertEquals(1, storage.incidents().prune(T0.plus(Duration.ofDays(1))).get());
            assertEquals(List.of(), storage.clips().of(pruned.id()));
            assertFalse(Files.exists(storage.clips().file(goes)));
            assertTrue(Files.exists(storage.clips().file(keptClip)));
            AuditReport report = storage.verify();
            assertTrue(report.intact(), report.problems()::toString);
        }
    }

    @Test
    void aClipAskedForAndNeverStoredIsRecordedMissingAtTheNextStart() throws Exception {
        long stored;
        long cut;
        try (Storage storage = database.open(data)) {
            stored = storage.incidents().record(NODE, detection(1), T0, List.of("Apron")).get().incident().id();
            cut = storage.incidents().record(NODE, detection(2), T0, List.of("Apron", "Gate")).get().incident().id();
            storage.clips().link(stored, "Apron", written(storage, 1000, 1)).get();
            storage.clips().missing(cut, "Gate", "the camera was offline").get();
        } // a kill before the clip of incident 2 from Apron was stored
        try (Storage storage = database.open(data)) {
            List<Clip> interrupted = storage.clips().markInterrupted().get();
            assertEquals(1, interrupted.size(), "only the clip never settled");
            Clip missing = interrupted.getFirst();
            assertEquals(cut, missing.incidentId());
            assertEquals("Apron", missing.camera());
            assertTrue(missing.missing().startsWith("Vigil stopped before the clip was stored (it was asked for at 20"), missing.missing());
            assertEquals(List.of(), storage.clips().markInterrupted().get());
            assertEquals(1, storage.clips().of(stored).size());
            assertEquals(2, storage.clips().of(cut).size());
            assertTrue(storage.verify().intact(), storage.verify().problems()::toString);
        }
    }
}
