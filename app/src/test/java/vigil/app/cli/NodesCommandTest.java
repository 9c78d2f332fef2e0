package vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.Storage;

/** vigil nodes: naming a node, and the name where incidents are listed. */
class NodesCommandTest {
    @TempDir
    Path data;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void aNodesNameIsShownWhereItsIncidentsAreListedWithTheAddressAsDetail() throws Exception {
        try (Storage storage = Storage.open(data)) {
            storage.incidents().record(new NodeAddress("10.0.0.7", 5100), new FirstDetection(EventType.HAZARD, 61, ObjectClass.FOD,
                    5, 5, Area.RWY_A, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(1200, 61)), Instant.now()).get();
        }
        assertEquals(0, captured.vigil("nodes", "name", "10.0.0.7:5100", "North apron", "--data", data.toString()));
        assertEquals("North apron (10.0.0.7:5100)\n", captured.stdout());
        assertEquals(0, captured.vigil("nodes", "list", "--data", data.toString()));
        assertTrue(captured.stdout().startsWith("10.0.0.7:5100          North apron                     last heard "), captured.stdout());
        assertEquals(0, captured.vigil("incidents", "--data", data.toString()));
        assertTrue(captured.stdout().contains("  North apron  "), captured.stdout());
        assertEquals(0, captured.vigil("incidents", "--data", data.toString(), "--json"));
        assertTrue(captured.stdout().contains("\"reportedBy\":null,\"nodeName\":\"North apron\","), captured.stdout());

        assertEquals(2, captured.vigil("nodes", "name", "10.0.0.7:5100", "North; DROP TABLE", "--data", data.toString()));
        assertTrue(captured.stderr().contains("a node's name is 1 to 60 letters"), captured.stderr());
        assertEquals(2, captured.vigil("nodes", "name", "10.0.0.7:apron", "North", "--data", data.toString()));
        assertTrue(captured.stderr().contains("not a port in '10.0.0.7:apron'"), captured.stderr());
    }
}
