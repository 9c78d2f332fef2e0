package vigil.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    /** Held so that the JUL loggers keep their levels (JUL holds loggers weakly). */
    private static final List<Logger> QUIET_LIBRARIES = List.of(Logger.getLogger("org.flywaydb"), Logger.getLogger("org.jooq"));

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    /** Flyway's and jOOQ's start-up chatter (a banner, tips, each migration step) is not for operators. */
    static void quietLibraries() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        QUIET_LIBRARIES.forEach(logger -> logger.setLevel(Level.WARNING));
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
