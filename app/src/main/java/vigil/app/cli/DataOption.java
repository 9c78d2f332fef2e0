package vigil.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vigil.storage.DataDirectory;
import vigil.storage.Storage;

/** {@code --data DIR}: where the incident database is (else $VIGIL_DATA, else ~/.local/share/vigil). */
public final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $VIGIL_DATA, else $XDG_DATA_HOME/vigil or ~/.local/share/vigil).")
    Path data;

    public Path directory() {
        return DataDirectory.resolve(data, System.getenv());
    }

    public Storage open() {
        return Storage.open(directory());
    }
}
