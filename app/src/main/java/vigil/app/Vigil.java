package vigil.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vigil.app.cli.ExportCommand;
import vigil.app.cli.IncidentsCommand;
import vigil.app.cli.RecordCommand;
import vigil.app.cli.SimCommand;
import vigil.app.cli.TapCommand;
import vigil.app.cli.VerifyCommand;
import vigil.storage.StorageInUseException;

/** The {@code vigil} command: the console (with a later version), and its subcommands. */
@Command(name = "vigil",
        description = "Operator console for security control rooms.",
        mixinStandardHelpOptions = true,
        versionProvider = Vigil.Version.class,
        subcommands = {SimCommand.class, TapCommand.class, RecordCommand.class, IncidentsCommand.class,
                ExportCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Vigil implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Vigil())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof StorageInUseException) { // a situation to explain, not a bug to dump
                        commandLine.getErr().println("vigil: " + error.getMessage());
                        return 3;
                    }
                    throw error;
                });
    }

    @Override
    public void run() {
        // The JavaFX console becomes the default with the console issue; until then, say what there is.
        CommandLine.usage(this, System.out);
    }

    /** The version Maven wrote into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Vigil.class.getResourceAsStream("version.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"vigil " + properties.getProperty("version")};
        }
    }
}
