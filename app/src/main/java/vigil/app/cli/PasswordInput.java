package vigil.app.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --password-file F}, else the terminal, without echo. */
public final class PasswordInput {
    @Option(names = "--password-file", paramLabel = "F",
            description = "A file whose first line is the password (otherwise it is asked for on the terminal, without echo).")
    Path file;

    /** The password; a new one ({@code twice}) is asked for twice on the terminal, to catch a typing slip. */
    public char[] read(String prompt, boolean twice, CommandLine commandLine) {
        if (file != null) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                return lines.findFirst().orElse("").toCharArray();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new ParameterException(commandLine, "cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        Console terminal = System.console();
        if (terminal == null) {
            throw new ParameterException(commandLine, "no terminal to ask the password on: give --password-file");
        }
        char[] password = terminal.readPassword("%s: ", prompt);
        if (password == null) {
            throw new ParameterException(commandLine, "no password given");
        }
        if (twice) {
            char[] again = terminal.readPassword("%s again: ", prompt);
            if (!Arrays.equals(password, again)) {
                throw new ParameterException(commandLine, "the two passwords differ");
            }
        }
        return password;
    }
}
