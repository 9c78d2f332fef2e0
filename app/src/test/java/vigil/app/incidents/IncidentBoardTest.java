package vigil.app.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import vigil.app.console.Tasks;
import vigil.app.operators.TestOperators;
import vigil.app.recording.NewIncident;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.Incident;
import vigil.storage.Role;
import vigil.storage.Storage;

/** The queue over a real store, its work run on the test's thread. */
class IncidentBoardTest {
    private static final NodeAddress NODE = new NodeAddress("node", 5100);

    @TempDir
    Path directory;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // pictures are decoded with JavaFX
    }

    /**
     * A site whose operators acknowledge but never close incidents keeps them open for ever: the
     * queue holds the most urgent and newest, so that a long shift does not fill the memory with
     * pictures; the rest stay in the store for the review screen.
     */
    @Test
    void theQueueHoldsAtMostItsLimitOfTheMostUrgentAndNewest() {
        try (Storage storage = Storage.open(directory)) {
            IncidentBoard board = new IncidentBoard(storage.incidents(), Tasks.sameThread(), TestOperators.signedIn(storage, "ana", Role.OPERATOR));
            int count = IncidentBoard.QUEUE_LIMIT + 20;
            List<NewIncident> arrived = new ArrayList<>();
            Instant start = Instant.parse("2026-12-01T08:00:00Z");
            for (int i = 0; i < count; i++) {
                boolean rescue = i == 0; // the oldest of all, and the most urgent
                Jpeg picture = TestJpegs.jpeg(500, i);
                Incident incident = storage.incidents().record(NODE, new FirstDetection(rescue ? EventType.RESCUE : EventType.HAZARD, i,
                        rescue ? ObjectClass.PERSON : ObjectClass.FOD, 400, 460, Area.RWY_B, NodeTimestamp.of(start), rescue ? 5 : null, picture),
                        start.plusSeconds(i)).join().incident();
                arrived.add(new NewIncident(incident, picture));
            }
            board.arrived(arrived);

            assertEquals(IncidentBoard.QUEUE_LIMIT, board.open().size());
            assertEquals(0, board.open().getFirst().incident().objectId(), "the rescue stays first, however old");
            assertEquals(count - 1, board.open().get(1).incident().objectId(), "then the newest");
            assertTrue(board.open().stream().noneMatch(item -> item.incident().objectId() >= 1 && item.incident().objectId() <= 20),
                    "the oldest hazards made room");
            assertEquals(count, storage.incidents().count(), "and are still in the store");
        }
    }
}
