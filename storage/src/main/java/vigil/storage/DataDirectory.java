package vigil.storage;

import java.nio.file.Path;
import java.util.Map;

/** Where Vigil keeps its data: {@code --data}, else {@code $VIGIL_DATA}, else the XDG data home. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code option} is the {@code --data} value, or null when none was given. */
    public static Path resolve(Path option, Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String vigilData = environment.get("VIGIL_DATA");
        if (vigilData != null && !vigilData.isBlank()) {
            return Path.of(vigilData);
        }
        String xdgDataHome = environment.get("XDG_DATA_HOME");
        Path base = xdgDataHome != null && Path.of(xdgDataHome).isAbsolute()
                ? Path.of(xdgDataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("vigil");
    }
}
