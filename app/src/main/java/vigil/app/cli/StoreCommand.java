package vigil.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.storage.DataDirectory;
import vigil.storage.SharedStore;
import vigil.storage.StoreCopy;

/** {@code vigil store}: the store itself, as a whole. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "The store as a whole: move a history into a shared store.",
        subcommands = StoreCommand.Copy.class)
public final class StoreCommand {

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy a data directory's whole history (incidents, pictures, clips' links, actions, authority changes, site events,"
                    + " accounts, alerts, the audit chain) into an empty shared store, then verify it there; exit 1 naming what fails.")
    static final class Copy implements Callable<Integer> {
        @Option(names = "--from", paramLabel = "DIR", description = "The data directory to copy (default: $VIGIL_DATA, else ~/.local/share/vigil).")
        Path from;

        @Option(names = "--to", paramLabel = "ADDRESS", required = true,
                description = "The shared store, postgresql://HOST:PORT/DATABASE?user=NAME: an empty database.")
        String to;

        @Option(names = "--store-password-file", paramLabel = "F",
                description = "A file whose first line is the shared store's password (else $VIGIL_STORE_PASSWORD, else PGPASSFILE or ~/.pgpass).")
        Path passwordFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path directory = DataDirectory.resolve(from, System.getenv());
            SharedStore target = DataOption.shared(to, passwordFile, System.getenv(), spec.commandLine());
            StoreCopy.Report report;
            try {
                report = StoreCopy.copy(directory, target);
            } catch (IllegalStateException refused) {
                System.err.println("vigil store copy: " + refused.getMessage());
                return 1;
            }
            report.rows().forEach((table, rows) -> System.out.println(table + ": " + rows));
            report.verified().problems().forEach(problem -> System.out.println("FAILED: " + problem));
            System.out.println((report.verified().intact() ? "OK: copied " : "copied ") + directory + " into " + target + "; verified "
                    + report.verified().entries() + " audit entries and " + report.verified().incidents() + " incidents there"
                    + (report.verified().intact() ? "" : ": " + report.verified().problems().size() + " problems")
                    + ". Clip files stay in " + directory.resolve("clips") + ".");
            return report.verified().intact() ? 0 : 1;
        }
    }
}
