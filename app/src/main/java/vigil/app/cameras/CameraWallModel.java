package vigil.app.cameras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The camera wall's state, without a toolkit: the layout (1, 2×2, 3×3 or 4×4 tiles), which camera
 * each tile shows, the selected tile, whether it is maximised, and the named views (a layout and its
 * tiles, kept under a digit). Commands change it; {@link #shownCameras()} says which cameras must be
 * decoded: those in the tiles on screen, each once.
 */
public final class CameraWallModel {
    public static final int MAX_SIDE = 4;
    private static final int[] SIDES = {1, 2, 3, 4};

    /** A saved arrangement: the layout's side and the camera of each of its tiles (null: empty). */
    public record View(int side, List<String> tiles) {
        public View {
            if (side < 1 || side > MAX_SIDE) {
                throw new IllegalArgumentException("a wall is 1 to " + MAX_SIDE + " tiles a side: " + side);
            }
            List<String> padded = new ArrayList<>(side * side);
            for (int i = 0; i < side * side; i++) {
                String name = i < tiles.size() ? tiles.get(i) : null;
                padded.add(name == null ? "" : name);
            }
            tiles = List.copyOf(padded);
        }

        public String tile(int index) {
            String name = tiles.get(index);
            return name.isEmpty() ? null : name;
        }
    }

    private final List<String> cameras;
    private final Map<Integer, View> views = new TreeMap<>();
    private final String[] tiles = new String[MAX_SIDE * MAX_SIDE];
    private int side;
    private int selected;
    private boolean maximised;

    /**
     * A wall over {@code cameras} (by name, in order), first showing {@code placed} (the site's own
     * cameras: a node's cameras stream only when asked, one at a time) in the smallest layout that
     * holds them all.
     */
    public CameraWallModel(List<String> cameras, List<String> placed, Map<Integer, View> savedViews) {
        this.cameras = List.copyOf(cameras);
        this.views.putAll(savedViews);
        place(placed);
    }

    public int side() {
        return side;
    }

    public int selected() {
        return selected;
    }

    public boolean maximised() {
        return maximised;
    }

    /** The camera in a tile, or null. */
    public String tile(int index) {
        return tiles[index];
    }

    /** The tiles on screen: the maximised one alone, else the layout's. */
    public List<Integer> shownTiles() {
        if (maximised) {
            return List.of(selected);
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < side * side; i++) {
            shown.add(i);
        }
        return shown;
    }

    /** The cameras on screen, each once. */
    public Set<String> shownCameras() {
        Set<String> shown = new LinkedHashSet<>();
        for (int tile : shownTiles()) {
            if (tiles[tile] != null) {
                shown.add(tiles[tile]);
            }
        }
        return shown;
    }

    public Map<Integer, View> views() {
        return Map.copyOf(views);
    }

    // --- Commands ---

    /** Moves the selection by a column and a row, staying inside the layout. */
    public void move(int columns, int rows) {
        if (maximised) {
            return;
        }
        int column = Math.clamp(selected % side + columns, 0, side - 1);
        int row = Math.clamp(selected / side + rows, 0, side - 1);
        selected = row * side + column;
    }

    public void select(int tile) {
        if (tile >= 0 && tile < side * side) {
            selected = tile;
        }
    }

    public void toggleMaximised() {
        maximised = !maximised;
    }

    /** Esc: a maximised tile goes back into the wall; returns false when there was nothing to undo. */
    public boolean back() {
        if (maximised) {
            maximised = false;
            return true;
        }
        return false;
    }

    /** Puts the next ({@code +1}) or previous ({@code -1}) camera in the selected tile, an empty tile among them. */
    public void cycleCamera(int step) {
        if (cameras.isEmpty()) {
            return;
        }
        int positions = cameras.size() + 1; // the cameras, then empty
        int current = tiles[selected] == null ? cameras.size() : cameras.indexOf(tiles[selected]);
        int next = Math.floorMod(current + step, positions);
        tiles[selected] = next == cameras.size() ? null : cameras.get(next);
    }

    /** The next layout: 1, 2×2, 3×3, 4×4, then 1 again. */
    public void nextLayout() {
        int index = Arrays.binarySearch(SIDES, side);
        setSide(SIDES[(index + 1) % SIDES.length]);
    }

    public void setSide(int next) {
        side = next;
        maximised = false;
        selected = Math.min(selected, side * side - 1);
    }

    /** Shows exactly these cameras, in the smallest layout that holds them (sixteen at most), the first selected. */
    public void place(List<String> shown) {
        int next = 1;
        while (next < MAX_SIDE && next * next < shown.size()) {
            next++;
        }
        setSide(next);
        Arrays.fill(tiles, null);
        for (int i = 0; i < Math.min(tiles.length, shown.size()); i++) {
            tiles[i] = shown.get(i);
        }
        selected = 0;
    }

    /** Keeps the layout and its tiles under {@code digit}. */
    public View saveView(int digit) {
        View view = new View(side, Arrays.asList(Arrays.copyOf(tiles, side * side)));
        views.put(digit, view);
        return view;
    }

    /** Shows the view kept under {@code digit}; false when there is none. Cameras no longer there leave their tiles empty. */
    public boolean recallView(int digit) {
        View view = views.get(digit);
        if (view == null) {
            return false;
        }
        setSide(view.side());
        Arrays.fill(tiles, null);
        for (int i = 0; i < view.tiles().size(); i++) {
            String name = view.tile(i);
            tiles[i] = name != null && cameras.contains(name) ? name : null;
        }
        return true;
    }

    @Override
    public String toString() {
        return side + "x" + side + " " + Arrays.toString(Arrays.copyOf(tiles, side * side)) + " selected " + selected
                + (maximised ? " maximised" : "");
    }
}
