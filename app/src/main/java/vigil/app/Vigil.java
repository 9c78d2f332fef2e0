package vigil.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vigil.app.cli.ActionsCommand;
import vigil.app.cli.AlertsCommand;
import vigil.app.cli.CamerasCommand;
import vigil.app.cli.ChecklistCommand;
import vigil.app.cli.DataOption;
import vigil.app.cli.EventsCommand;
import vigil.app.cli.ExportCommand;
import vigil.app.cli.IncidentsCommand;
import vigil.app.cli.KeysCommand;
import vigil.app.cli.NodesCommand;
import vigil.app.cli.OperatorsCommand;
import vigil.app.cli.PasswordInput;
import vigil.app.cli.ProbeOptions;
import vigil.app.cli.RecordCommand;
import vigil.app.cli.SimCommand;
import vigil.app.cli.StoreCommand;
import vigil.app.cli.TapCommand;
import vigil.app.cli.VerifyCommand;
import vigil.app.console.ConsoleLauncher;
import vigil.app.console.SettingsException;
import vigil.app.shell.Screen;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Camera;
import vigil.storage.SharedStoreUnreachableException;
import vigil.storage.StorageInUseException;

/** The {@code vigil} command: with no subcommand the operator console, else one of its tools. */
@Command(name = "vigil",
        description = "Operator console for security control rooms.",
        mixinStandardHelpOptions = true,
        versionProvider = Vigil.Version.class,
        subcommands = {SimCommand.class, TapCommand.class, RecordCommand.class, IncidentsCommand.class,
                EventsCommand.class, CamerasCommand.class, AlertsCommand.class, ActionsCommand.class, ChecklistCommand.class,
                NodesCommand.class, OperatorsCommand.class, ExportCommand.class, VerifyCommand.class, KeysCommand.class, StoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Vigil implements Callable<Integer> {

    /** Held so that the JUL loggers keep their levels (JUL holds loggers weakly). */
    private static final List<Logger> QUIET_LIBRARIES = List.of(Logger.getLogger("org.flywaydb"), Logger.getLogger("org.jooq"),
            Logger.getLogger("com.zaxxer.hikari"));
    /**
     * jOOQ's free edition warns on every start that PostgreSQL 15 is older than its dialect supports;
     * every query Vigil makes is tested on it (STACK.md), so the warning would only alarm operators.
     */
    private static final Logger JOOQ_VERSION_WARNING = Logger.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport");

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    /** Flyway's and jOOQ's start-up chatter (a banner, tips, each migration step) is not for operators. */
    static void quietLibraries() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        QUIET_LIBRARIES.forEach(logger -> logger.setLevel(Level.WARNING));
        JOOQ_VERSION_WARNING.setLevel(Level.SEVERE);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Vigil())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof StorageInUseException || error instanceof SharedStoreUnreachableException) { // a situation to explain, not a bug to dump
                        commandLine.getErr().println("vigil: " + error.getMessage());
                        return 3;
                    }
                    if (error instanceof SettingsException) {
                        commandLine.getErr().println("vigil: " + error.getMessage() + " (fix or remove the file)");
                        return 2;
                    }
                    throw error;
                });
    }

    @Option(names = "--node", paramLabel = "HOST:PORT",
            description = "A node to follow (repeatable); for this run, instead of the saved settings. With none saved or given, the console runs its own simulated node.")
    List<String> nodes = List.of();

    @Mixin
    DataOption data;

    @Mixin
    ProbeOptions probes;

    @Option(names = "--screen", paramLabel = "SCREEN", defaultValue = "LIVE",
            description = "The screen to start on: ${COMPLETION-CANDIDATES}.")
    Screen screen;

    @Option(names = "--camera", paramLabel = "CAMERA",
            description = "Start on the Cameras screen, streaming camera ${COMPLETION-CANDIDATES} of the first node.")
    Camera camera;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Write a PNG of the window when --exit-after expires.")
    Path screenshot;

    @Option(names = "--exit-after", paramLabel = "SECONDS", description = "Close the console after this many seconds.")
    Double exitAfter;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Sign in as this operator at start, as if typed at the sign-in screen (the password from --password-file or the terminal).")
    String operator;

    @Mixin
    PasswordInput password;

    @Option(names = "--sim-objects", paramLabel = "N", defaultValue = "16",
            description = "How many objects the built-in simulated node moves around (default: ${DEFAULT-VALUE}).")
    int simulatedObjects;

    @Override
    public Integer call() throws InterruptedException {
        if (screenshot != null && exitAfter == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--screenshot needs --exit-after");
        }
        ConsoleLauncher.SignInAtStart signIn = operator == null ? null
                : new ConsoleLauncher.SignInAtStart(operator, password.read("Password for " + operator, false, new CommandLine(this)));
        return ConsoleLauncher.run(new ConsoleLauncher.Options(nodes.stream().map(NodeAddress::parse).toList(),
                probes::over, data.directory(), data::shared, screen, camera, screenshot, exitAfter, simulatedObjects, signIn));
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
            String version = properties.getProperty("version");
            String build = properties.getProperty("build");
            return new String[] {"vigil " + version + (build.equals(version) ? "" : " (build " + build + ")")};
        }
    }
}
