package vigil.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --since} and {@code --until}: an instant, or a local date (its start). */
final class PeriodOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--since", paramLabel = "ISO", description = "From this time on (2026-11-22T06:00:00Z, or a local date 2026-11-22).")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "Before this time (same forms as --since).")
    String until;

    Instant since() {
        return instant(since, "--since");
    }

    Instant until() {
        return instant(until, "--until");
    }

    private Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(command.commandLine(),
                    option + " takes an instant (2026-11-22T06:00:00Z) or a date (2026-11-22): '" + text + "'");
        }
    }
}
