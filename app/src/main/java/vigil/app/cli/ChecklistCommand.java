package vigil.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.app.operators.Accounts;
import vigil.storage.ChecklistStep;
import vigil.storage.IncidentType;
import vigil.storage.Storage;

/** {@code vigil checklist}: the site's emergency checklist, the steps to take for each event type. */
@Command(name = "checklist", mixinStandardHelpOptions = true,
        description = "Add, list and remove the steps of the site's emergency checklist for each event type.",
        subcommands = {ChecklistCommand.Add.class, ChecklistCommand.ListSteps.class, ChecklistCommand.Remove.class})
public final class ChecklistCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a step after the event type's last one.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TYPE", description = "The event type: ${COMPLETION-CANDIDATES}.")
        IncidentType type;

        @Parameters(index = "1", paramLabel = "TEXT", description = "What to do (\"Call the ambulance\").")
        String text;

        @Option(names = "--contact", paramLabel = "NAME", description = "Whom to call.")
        String contact;

        @Option(names = "--phone", paramLabel = "NUMBER", description = "The number to call.")
        String phone;

        @Option(names = "--action", paramLabel = "NAME", description = "The site action that does it (an SMS or call gateway).")
        String action;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws InterruptedException {
            try (Storage storage = data.open()) {
                ChecklistStep step = storage.checklist().add(type, text, contact, phone, action, Accounts.commandLineUser()).get();
                System.out.println(type + " step " + step.position() + ": " + step.words());
                return 0;
            } catch (ExecutionException e) {
                System.err.println("vigil checklist add: " + e.getCause().getMessage());
                return 1;
            } catch (IllegalArgumentException refused) {
                throw new ParameterException(spec.commandLine(), refused.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every step, by event type, in order, with its id.")
    static final class ListSteps implements Callable<Integer> {
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try (Storage storage = data.open()) {
                for (ChecklistStep step : storage.checklist().all()) {
                    System.out.printf("%4d  %-8s  %2d. %s%n", step.id(), step.type(), step.position(), step.words());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a step (by its id); the later steps move up.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            return remove(data, "vigil checklist remove", "step " + id, "no step " + id,
                    storage -> storage.checklist().remove(id, Accounts.commandLineUser()));
        }
    }
}
