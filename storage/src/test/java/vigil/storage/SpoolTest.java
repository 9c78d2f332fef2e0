package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/** The spool's file: what a kill mid-append or a damaged disk leaves in it; and the spool in memory, for a full disk. */
class SpoolTest {
    @TempDir
    Path directory;

    private static Spool.Entry entry(long objectId) {
        return new Spool.Entry(new NodeAddress("10.0.0.7", 5100), new FirstDetection(EventType.RESCUE, objectId, ObjectClass.PERSON,
                1, 2, Area.RWY_B, new NodeTimestamp("2025-06-30T04:56:25Z", null), objectId == 2 ? null : 3,
                TestJpegs.jpeg(1800, (int) objectId)), Instant.parse("2026-12-01T10:00:00.123456Z"), objectId == 1 ? List.of("Gate 3") : List.of());
    }

    @Test
    void entriesOutliveTheProcessFieldForField() {
        Path file = directory.resolve("spool").resolve("incidents");
        Spool spool = Spool.open(file);
        spool.append(List.of(entry(1), entry(2)));
        spool.append(List.of(entry(3)));
        spool.close();
        Spool again = Spool.open(file);
        assertEquals(List.of(entry(1), entry(2), entry(3)), again.head(10));
        again.forwarded(2);
        assertEquals(List.of(entry(3)), again.head(10));
        again.forwarded(1);
        again.close();
        assertEquals(0, Spool.open(file).size(), "emptied once all are forwarded");
    }

    @Test
    void aTornLastEntryIsCutOffAndADamagedOneSkippedAndCounted() throws Exception {
        Path file = directory.resolve("incidents");
        Spool spool = Spool.open(file);
        spool.append(List.of(entry(1), entry(2), entry(3)));
        spool.close();
        long whole = Files.size(file);
        byte[] bytes = Files.readAllBytes(file);
        int second = 8 + java.nio.ByteBuffer.wrap(bytes).getInt(0);
        bytes[second + 8 + 20] ^= 0x40; // inside the second entry's fields
        Files.write(file, bytes);
        Files.write(file, new byte[] {0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND); // a kill mid-append
        Spool reopened = Spool.open(file);
        assertEquals(List.of(entry(1), entry(3)), reopened.head(10));
        assertEquals(1, reopened.damaged());
        assertEquals(whole, Files.size(file), "the torn tail is cut off");
        reopened.append(List.of(entry(4)));
        reopened.close();
        assertEquals(List.of(entry(1), entry(3), entry(4)), Spool.open(file).head(10));
    }

    @Test
    void inMemoryItHoldsPicturesUpToItsLimitAndWritesNothing() {
        Path file = directory.resolve("spool").resolve("incidents");
        long picture = entry(1).detection().image().size();
        Spool spool = Spool.inMemory(file, 2 * picture + 10);
        spool.append(List.of(entry(1)));
        spool.append(List.of(entry(2))); // a picture of the same size
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> spool.append(List.of(entry(3))));
        assertEquals("2 incidents already wait in memory, with 0 MB of pictures: no room for more", full.getMessage());
        assertEquals(List.of(entry(1), entry(2)), spool.head(10));
        spool.forwarded(1);
        spool.append(List.of(entry(3)));
        assertEquals(List.of(entry(2), entry(3)), spool.head(10));
        assertFalse(Files.exists(file), "nothing written: the disk is full");
    }
}
