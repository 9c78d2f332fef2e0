package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/** What only the embedded H2 store has: one file, one process, and what a kill leaves in the file. */
class EmbeddedStoreTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);

    @TempDir
    Path data;

    private static FirstDetection detection(long objectId, EventType eventType, int imageSeed) {
        return new FirstDetection(eventType, objectId, ObjectClass.PERSON, 407, 469, Area.RWY_B,
                NodeTimestamp.parse("2025-06-30T04:56:25Z"), 0, TestJpegs.jpeg(2237, imageSeed));
    }

    /**
     * A copy of the file taken while the store is open is what a kill leaves behind. After a clean
     * restart H2 soon writes a chunk into free space that its header does not lead to (here in the
     * tenth session): without {@link UncleanStop} the copy has lost that session's commits.
     */
    @Test
    void whatWasDurableBeforeAKillIsThereAfterwardsEvenJustAfterARestart() throws Exception {
        Path live = data.resolve("live");
        Storage.open(live).close();
        try (Connection jdbc = DriverManager.getConnection("jdbc:h2:file:" + live.toAbsolutePath().resolve("vigil"), "vigil", "");
             Statement sql = jdbc.createStatement()) {
            sql.execute("SET RETENTION_TIME 0"); // free space is reused at once, as it is after 45 s in a store at work
        }
        int recorded = 0;
        for (int session = 0; session < 20; session++) {
            try (Storage storage = Storage.open(live)) {
                for (int i = 0; i < 50; i++) {
                    storage.incidents().record(NODE, detection(recorded, EventType.UNAUTH, recorded), Instant.now()).get();
                    recorded++;
                }
            }
            Path killed = data.resolve("killed-" + session);
            try (Storage storage = Storage.open(live)) {
                storage.incidents().record(NODE, detection(recorded, EventType.RESCUE, recorded), Instant.now()).get();
                recorded++;
                Files.createDirectories(killed);
                Files.copy(live.resolve("vigil.mv.db"), killed.resolve("vigil.mv.db"));
            }
            try (Storage storage = Storage.open(killed)) {
                assertEquals(recorded, storage.incidents().count(), "session " + session + ": the incident recorded after the restart is there");
                assertTrue(storage.verify().intact(), () -> storage.verify().problems().toString());
            }
        }
    }

    @Test
    void aSecondProcessIsToldTheStoreIsInUse() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStorageOpen.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            String line;
            while ((line = output.readLine()) != null && !line.equals("open")) {
                // the holder's JVM warnings
            }
            assertEquals("open", line);
            StorageInUseException inUse = assertThrows(StorageInUseException.class, () -> Storage.open(data));
            assertTrue(inUse.getMessage().startsWith("the incident database in " + data.toAbsolutePath() + " is in use by another Vigil process"),
                    inUse.getMessage());
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
