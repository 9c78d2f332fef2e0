package vigil.app.cameras;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import vigil.app.console.PropertiesFile;

/**
 * The wall's named views, kept beside the console's settings ({@code camera-views.properties}):
 * {@code view.N.side} and {@code view.N.tile.I} for the view under digit N. A view that cannot be
 * read is left out, never a reason not to open the wall.
 */
public final class CameraViewsFile {
    private static final Logger LOG = Logger.getLogger(CameraViewsFile.class.getName());

    private final Path file;

    public CameraViewsFile(Path file) {
        this.file = file;
    }

    public Map<Integer, CameraWallModel.View> load() {
        Map<Integer, CameraWallModel.View> views = new TreeMap<>();
        Properties properties;
        try {
            properties = PropertiesFile.read(file);
        } catch (UncheckedIOException | IllegalArgumentException unreadable) { // not UTF-8, a broken \\u escape: no views kept
            LOG.log(Level.WARNING, "camera views not read from " + file + ": " + unreadable.getMessage());
            return views;
        }
        for (int digit = 1; digit <= 9; digit++) {
            String side = properties.getProperty("view." + digit + ".side");
            if (side == null) {
                continue;
            }
            try {
                int n = Integer.parseInt(side.trim());
                if (n < 1 || n > CameraWallModel.MAX_SIDE) {
                    continue; // never n × n tiles of a side nobody can show
                }
                List<String> tiles = new ArrayList<>();
                for (int tile = 0; tile < n * n; tile++) {
                    tiles.add(properties.getProperty("view." + digit + ".tile." + tile, ""));
                }
                views.put(digit, new CameraWallModel.View(n, tiles));
            } catch (IllegalArgumentException unreadable) {
                // left out
            }
        }
        return views;
    }

    /** Writes every view, through a temporary file so that a crash never leaves half of them. */
    public void save(Map<Integer, CameraWallModel.View> views) {
        Properties properties = new Properties();
        views.forEach((digit, view) -> {
            properties.setProperty("view." + digit + ".side", Integer.toString(view.side()));
            for (int tile = 0; tile < view.tiles().size(); tile++) {
                properties.setProperty("view." + digit + ".tile." + tile, view.tiles().get(tile));
            }
        });
        PropertiesFile.write(file, properties, "Vigil camera wall views");
    }
}
