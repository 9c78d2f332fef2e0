package vigil.app.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vigil.storage.DataDirectory;
import vigil.storage.SharedStore;
import vigil.storage.Storage;

/**
 * {@code --data DIR}: where the incident database is (else $VIGIL_DATA, else ~/.local/share/vigil);
 * {@code --store ADDRESS}: a shared PostgreSQL store instead (else $VIGIL_STORE), whose password
 * comes from {@code --store-password-file}, $VIGIL_STORE_PASSWORD or the driver's PGPASSFILE.
 */
public final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $VIGIL_DATA, else $XDG_DATA_HOME/vigil or ~/.local/share/vigil); with --store it keeps the clip files.")
    Path data;

    @Option(names = "--store", paramLabel = "ADDRESS",
            description = "A shared PostgreSQL store, postgresql://HOST:PORT/DATABASE?user=NAME (default: $VIGIL_STORE, else the data directory's own).")
    String store;

    @Option(names = "--store-password-file", paramLabel = "F",
            description = "A file whose first line is the shared store's password (else $VIGIL_STORE_PASSWORD, else PGPASSFILE or ~/.pgpass).")
    Path storePasswordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    public Path directory() {
        return DataDirectory.resolve(data, System.getenv());
    }

    /** The shared store asked for, or null for the data directory's own. */
    public SharedStore shared() {
        return shared((String) null);
    }

    /** The shared store asked for, else the one at {@code configured} (the console's settings; null or empty for none). */
    public SharedStore shared(String configured) {
        Map<String, String> environment = System.getenv();
        String address = store != null ? store : environment.get("VIGIL_STORE") != null ? environment.get("VIGIL_STORE") : configured;
        return shared(address, storePasswordFile, environment, spec.commandLine());
    }

    /**
     * The shared store at {@code address} (null or blank: none), its password from {@code passwordFile},
     * else $VIGIL_STORE_PASSWORD, else left to the driver (PGPASSFILE, ~/.pgpass).
     */
    static SharedStore shared(String address, Path passwordFile, Map<String, String> environment, CommandLine commandLine) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String password = passwordFile != null ? CommandGroup.firstLine(passwordFile, commandLine) : environment.get("VIGIL_STORE_PASSWORD");
        try {
            return SharedStore.parse(address, password);
        } catch (IllegalArgumentException wrong) {
            throw new ParameterException(commandLine, wrong.getMessage());
        }
    }

    public Storage open() {
        return Storage.open(directory(), shared());
    }
}
