package vigil.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vigil.storage.Storage;

/** A command that only groups others ({@code vigil alerts}, {@code vigil alerts add}): alone, it prints its usage (exit 2). */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /**
     * Adds something to the store: {@code made} from the options (refused in words, exit 2, when they
     * do not make one), then {@code adding} it; prints "added …" (exit 0), or why the store refused it
     * after {@code command}'s name (exit 1).
     */
    static <T> int add(CommandLine commandLine, DataOption data, String command, Supplier<T> made,
                       BiFunction<Storage, T, CompletableFuture<?>> adding) {
        T added;
        try {
            added = made.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
        try (Storage storage = data.open()) {
            adding.apply(storage, added).get();
        } catch (ExecutionException e) {
            System.err.println(command + ": " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        System.out.println("added " + added);
        return 0;
    }

    /**
     * Removes something from the store: prints "removed {@code what}" (exit 0), or that there is no
     * such thing, after {@code command}'s name (exit 1).
     */
    static int remove(DataOption data, String command, String what, String missing, Function<Storage, CompletableFuture<Boolean>> removal)
            throws Exception {
        try (Storage storage = data.open()) {
            if (!removal.apply(storage).get()) {
                System.err.println(command + ": " + missing);
                return 1;
            }
        }
        System.out.println("removed " + what);
        return 0;
    }

    /** A certificate file's text, for a target's TLS; null where none is given. */
    static String certificate(Path file, CommandLine commandLine) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ParameterException(commandLine, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The first line of a password or secret file; a file that cannot be read is refused in words (exit 2). */
    static String firstLine(Path file, CommandLine commandLine) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new ParameterException(commandLine, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
