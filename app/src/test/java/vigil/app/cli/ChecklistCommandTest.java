package vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.storage.OperatorEvent;
import vigil.storage.Storage;

/** vigil checklist, end to end with a real store. */
class ChecklistCommandTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @Test
    void stepsAreAddedInOrderListedAndRemovedAndEachChangeIsSealed() throws Exception {
        String data = work.resolve("data").toString();
        assertEquals(0, captured.vigil("checklist", "add", "rescue", "Call the ambulance", "--contact", "Dispatch", "--phone", "112",
                "--data", data), () -> captured.stderr());
        assertEquals("RESCUE step 1: Call the ambulance: Dispatch, 112", captured.stdout().strip());
        assertEquals(0, captured.vigil("checklist", "add", "rescue", "Send the apron car", "--data", data));
        assertEquals(0, captured.vigil("checklist", "add", "hazard", "Close the runway to traffic", "--data", data));
        assertEquals(2, captured.vigil("checklist", "add", "rescue", " ", "--data", data));
        assertTrue(captured.stderr().contains("a checklist step says what to do in 1 to 500 characters"), captured.stderr());
        assertEquals(1, captured.vigil("checklist", "add", "rescue", "Page the doctor", "--action", "Pager", "--data", data));
        assertTrue(captured.stderr().contains("no site action named 'Pager'"), captured.stderr());

        assertEquals(0, captured.vigil("checklist", "list", "--data", data));
        List<String> lines = captured.stdout().lines().toList();
        assertEquals(3, lines.size(), captured.stdout());
        assertTrue(lines.get(0).endsWith("HAZARD     1. Close the runway to traffic"), lines.get(0));
        assertTrue(lines.get(1).endsWith("RESCUE     1. Call the ambulance: Dispatch, 112"), lines.get(1));
        long first = Long.parseLong(lines.get(1).strip().split("\\s+")[0]);
        assertEquals(0, captured.vigil("checklist", "remove", Long.toString(first), "--data", data));
        assertEquals(1, captured.vigil("checklist", "remove", Long.toString(first), "--data", data));
        assertEquals(0, captured.vigil("checklist", "list", "--data", data));
        assertTrue(captured.stdout().contains("RESCUE     1. Send the apron car"), "the later step moved up: " + captured.stdout());

        try (Storage storage = Storage.open(Path.of(data))) {
            assertEquals(4, storage.operators().history(100).stream().filter(event -> event.kind() == OperatorEvent.Kind.CHECKLIST_CHANGED).count());
            assertTrue(storage.verify().intact());
        }
    }
}
