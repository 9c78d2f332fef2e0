package vigil.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import vigil.app.console.Tasks;
import vigil.app.evidence.EvidencePackage;
import vigil.app.incidents.IncidentBoard;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ActionKind;
import vigil.storage.Incident;
import vigil.storage.IncidentQuery;
import vigil.storage.IncidentState;
import vigil.storage.IncidentType;
import vigil.storage.Role;
import vigil.storage.Storage;

/** The review ViewModel over a real store, its work run on the test's thread. */
class ReviewViewModelTest {
    private static final NodeAddress NODE = new NodeAddress("node", 5100);

    @TempDir
    Path directory;

    private Storage storage;
    private ReviewViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // pictures are decoded with JavaFX
    }

    @BeforeEach
    void open() {
        storage = Storage.open(directory);
        model = new ReviewViewModel(storage, new IncidentBoard(storage.incidents(), Tasks.sameThread(),
                TestOperators.signedIn(storage, "sue", Role.SUPERVISOR)), Tasks.sameThread());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void theFiltersBecomeTheStoreQuery() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertEquals(now.minus(Duration.ofDays(1)), model.query(now).since(), "the last 24 hours by default");
        model.periodProperty().set(ReviewViewModel.Period.ALL);
        assertEquals(IncidentQuery.ALL, model.query(now));

        model.periodProperty().set(ReviewViewModel.Period.RANGE);
        model.rangeFromProperty().set(LocalDate.of(2026, 11, 1));
        model.rangeToProperty().set(LocalDate.of(2026, 11, 2));
        model.zones().add(Area.RWY_A);
        model.types().add(IncidentType.RESCUE);
        model.states().add(IncidentState.NEW);
        model.nodeProperty().set(NODE);
        model.noteTextProperty().set("  fox ");
        IncidentQuery query = model.query(now);
        ZoneId zone = ZoneId.systemDefault();
        assertEquals(LocalDate.of(2026, 11, 1).atStartOfDay(zone).toInstant(), query.since());
        assertEquals(LocalDate.of(2026, 11, 3).atStartOfDay(zone).toInstant(), query.until(), "the range's last day included");
        assertEquals(Set.of(Area.RWY_A), query.zones());
        assertEquals(Set.of(IncidentType.RESCUE), query.types());
        assertEquals(NODE, query.node());
        assertEquals("fox", query.noteText());
    }

    @Test
    void theTableIsPagedFromTheStoreNewestFirst() {
        record(ReviewViewModel.PAGE + 30, Area.TWY_B);
        model.search();
        assertEquals(ReviewViewModel.PAGE, model.rows().size());
        assertTrue(model.moreProperty().get());
        assertTrue(model.rows().getFirst().receivedAt().compareTo(model.rows().getLast().receivedAt()) >= 0);
        model.loadMore();
        assertEquals(ReviewViewModel.PAGE + 30, model.rows().size());
        assertFalse(model.moreProperty().get());
        assertEquals(ReviewViewModel.PAGE + 30, model.rows().stream().map(Incident::id).distinct().count());
    }

    @Test
    void actionsOnTheSelectionChangeTheRowsOnceStored() {
        record(3, Area.GRASS_B);
        model.search();
        List<Incident> selection = List.copyOf(model.rows().subList(0, 2));
        model.act(selection, ActionKind.RESOLVE, null);
        awaitMessage("");
        assertEquals(List.of(IncidentState.RESOLVED, IncidentState.RESOLVED, IncidentState.NEW),
                model.rows().stream().map(Incident::state).toList());
        assertEquals("resolve: 2 incidents", model.messageProperty().get());

        model.act(List.copyOf(model.rows()), ActionKind.ACKNOWLEDGE, null);
        awaitMessage("resolve: 2 incidents");
        assertEquals("acknowledge: 1 of 3 (cannot acknowledge an incident that is RESOLVED)", model.messageProperty().get());
    }

    @Test
    void openingAnIncidentShowsItsPictureAndHistory() {
        record(1, Area.RWY_B);
        model.search();
        Incident incident = model.rows().getFirst();
        model.act(List.of(incident), ActionKind.NOTE, "checked by patrol");
        awaitMessage("");
        model.open(model.rows().getFirst());
        ReviewViewModel.Detail detail = model.detailProperty().get();
        assertEquals(1, detail.actions().size());
        assertEquals("checked by patrol", detail.actions().getFirst().note());
        model.open(null);
        assertNull(model.detailProperty().get());
    }

    @Test
    void theSelectionExportsAsAVerifiableEvidencePackage() throws Exception {
        record(4, Area.TWY_D);
        model.search();
        List<Incident> selection = List.copyOf(model.rows().subList(1, 3));
        Path out = directory.resolve("evidence.zip");
        model.export(selection, out);
        awaitMessage("");
        assertEquals("Exported 2 incidents to " + out, model.messageProperty().get());
        assertEquals(-1, model.exportProgressProperty().get());
        assertEquals(List.of(), EvidencePackage.verify(out).problems());
        for (Incident incident : selection) {
            assertEquals(ActionKind.EXPORT, storage.incidents().actions(incident.id()).getLast().kind());
        }
    }

    @Test
    void anOperatorMayActButNotExport() {
        record(2, Area.TWY_D);
        ReviewViewModel asOperator = new ReviewViewModel(storage, new IncidentBoard(storage.incidents(), Tasks.sameThread(),
                TestOperators.signedIn(storage, "bo", Role.OPERATOR)), Tasks.sameThread());
        asOperator.search();
        Path out = directory.resolve("evidence.zip");
        asOperator.export(List.copyOf(asOperator.rows()), out);
        assertEquals("Refused: only a supervisor or an admin may export evidence (which puts it on hold) (bo is an operator)",
                asOperator.messageProperty().get());
        assertFalse(java.nio.file.Files.exists(out));
        assertTrue(storage.incidents().actions(asOperator.rows().getFirst().id()).isEmpty(), "no export recorded, no hold");
        asOperator.act(List.of(asOperator.rows().getFirst()), ActionKind.ACKNOWLEDGE, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (asOperator.messageProperty().get().startsWith("Refused") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("acknowledge: 1 incident", asOperator.messageProperty().get());
        assertEquals("bo", storage.incidents().actions(asOperator.rows().getFirst().id()).getLast().operator());
    }

    /** Waits for the outcome of an action: a message other than {@code before}. */
    private void awaitMessage(String before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (model.messageProperty().get().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no outcome");
            }
            Thread.onSpinWait();
        }
        String message = model.messageProperty().get();
        while (message.startsWith("Exporting")) { // the export's start; wait for its end
            Thread.onSpinWait();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the export did not end");
            }
            message = model.messageProperty().get();
        }
        if (message.startsWith("Failed")) {
            throw new AssertionError(message);
        }
    }

    private void record(int count, Area zone) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        double[] b = zone.bounds();
        for (int i = 0; i < count; i++) {
            writes.add(storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, 1_000 + i, ObjectClass.FOD,
                    (int) b[0] + 5, (int) b[1] + 5, zone, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(500, i)),
                    Instant.now().minusMillis(count - i)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
}
