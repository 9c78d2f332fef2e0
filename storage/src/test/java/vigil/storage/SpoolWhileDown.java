package vigil.storage;

import java.nio.file.Path;
import java.time.Instant;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * A recorder whose shared store is down, for {@link SharedStoreTest}: opens the store (args: data
 * directory, address, password, how many), waits for it to be unreachable, records that many
 * incidents, says "spooled" once they all wait in the spool, then waits to be killed.
 */
public final class SpoolWhileDown {
    public static void main(String[] args) throws Exception {
        Storage storage = Storage.open(Path.of(args[0]), SharedStore.parse(args[1], args[2]));
        System.out.println("open");
        System.in.read(); // the test stops the database, then says go
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            storage.incidents().record(new NodeAddress("10.0.0.9", 5100), new FirstDetection(EventType.HAZARD, 1000 + i,
                    ObjectClass.BIRD, i, i, Area.RWY_A, NodeTimestamp.parse("2026-12-01T10:00:00Z"), null, TestJpegs.jpeg(1500, 1000 + i)),
                    Instant.now());
        }
        while (storage.incidents().spooled() < count) {
            Thread.sleep(20);
        }
        System.out.println("spooled");
        Thread.sleep(Long.MAX_VALUE);
    }
}
