package vigil.app.cameras;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The wall's named views, kept beside the console's settings ({@code camera-views.properties}):
 * {@code view.N.side} and {@code view.N.tile.I} for the view under digit N. A view that cannot be
 * read is left out, never a reason not to open the wall.
 */
public final class CameraViewsFile {
    private final Path file;

    public CameraViewsFile(Path file) {
        this.file = file;
    }

    public Map<Integer, CameraWallModel.View> load() {
        Map<Integer, CameraWallModel.View> views = new TreeMap<>();
        if (!Files.exists(file)) {
            return views;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return views;
        }
        for (int digit = 1; digit <= 9; digit++) {
            String side = properties.getProperty("view." + digit + ".side");
            if (side == null) {
                continue;
            }
            try {
                int n = Integer.parseInt(side.trim());
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
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "Vigil camera wall views");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the camera views " + file, e);
        }
    }
}
