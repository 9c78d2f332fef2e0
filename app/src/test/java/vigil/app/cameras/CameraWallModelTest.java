package vigil.app.cameras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraWallModelTest {
    private static final List<String> SITE = List.of("Apron", "Gate", "Ramp", "Fuel", "Tower");
    private static final List<String> ALL = List.of("Apron", "Gate", "Ramp", "Fuel", "Tower", "node A", "node B");

    @TempDir
    Path directory;

    @Test
    void theSiteCamerasAreLaidOutInTheSmallestLayoutThatHoldsThem() {
        CameraWallModel wall = new CameraWallModel(ALL, SITE, Map.of());
        assertEquals(3, wall.side());
        assertEquals(Set.of("Apron", "Gate", "Ramp", "Fuel", "Tower"), wall.shownCameras());
        assertEquals(1, new CameraWallModel(ALL, List.of(), Map.of()).side());
        assertNull(new CameraWallModel(ALL, List.of(), Map.of()).tile(0), "node cameras stream only when asked");
    }

    @Test
    void arrowsMoveInsideTheLayoutAndEnterMaximises() {
        CameraWallModel wall = new CameraWallModel(ALL, SITE, Map.of());
        wall.move(1, 0);
        wall.move(0, 1);
        assertEquals(4, wall.selected());
        wall.move(5, 5);
        assertEquals(8, wall.selected());
        wall.move(-9, -9);
        assertEquals(0, wall.selected());
        wall.move(1, 0);
        wall.toggleMaximised();
        assertEquals(List.of(1), wall.shownTiles());
        assertEquals(Set.of("Gate"), wall.shownCameras(), "a maximised tile alone is decoded");
        assertTrue(wall.back());
        assertFalse(wall.back(), "nothing left to restore: Esc goes back to the Live view");
        assertEquals(9, wall.shownTiles().size());
    }

    @Test
    void periodAndCommaCycleThroughEveryCameraAndAnEmptyTile() {
        CameraWallModel wall = new CameraWallModel(ALL, SITE, Map.of());
        wall.select(8); // empty
        wall.cycleCamera(1);
        assertEquals("Apron", wall.tile(8));
        assertEquals(Set.of("Apron", "Gate", "Ramp", "Fuel", "Tower"), wall.shownCameras(), "a camera shown twice is decoded once");
        wall.cycleCamera(-1);
        assertNull(wall.tile(8));
        wall.cycleCamera(-1);
        assertEquals("node B", wall.tile(8));
    }

    @Test
    void viewsAreKeptUnderADigitRecalledAndOutliveTheConsole() {
        CameraViewsFile file = new CameraViewsFile(directory.resolve("vigil/camera-views.properties"));
        CameraWallModel wall = new CameraWallModel(ALL, SITE, Map.of());
        wall.nextLayout();
        assertEquals(4, wall.side());
        wall.select(15);
        wall.cycleCamera(-1); // from empty back to the last camera, node B
        CameraWallModel.View kept = wall.saveView(2);
        file.save(wall.views());

        CameraWallModel later = new CameraWallModel(List.of("Apron", "Gate", "Ramp", "Fuel", "node B"), List.of("Apron"), file.load());
        assertFalse(later.recallView(3));
        assertTrue(later.recallView(2));
        assertEquals(4, later.side());
        assertEquals("node B", later.tile(15));
        assertNull(later.tile(4), "Tower is gone: its tile is empty");
        assertEquals(16, kept.tiles().size());
        assertEquals(Arrays.asList("Apron", "Gate", "Ramp", "Fuel"), Arrays.asList(later.tile(0), later.tile(1), later.tile(2), later.tile(3)));
    }
}
