package vigil.app.console;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way ViewModels leave the FX thread: {@code work} runs elsewhere and its result (or
 * failure) comes back on the FX thread. {@link #sameThread()} runs everything at once, for
 * ViewModel tests without a toolkit.
 */
public interface Tasks {

    <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed);

    /** Hands a future's outcome (a node's reply, a store write) to the FX thread. */
    <T> void whenDone(CompletableFuture<T> future, Consumer<T> done, Consumer<Throwable> failed);

    /** Reads from the store on one background thread, answers on the FX thread. */
    static Tasks background() {
        ExecutorService reads = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("vigil-reads").daemon().factory());
        return new Tasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                whenDone(CompletableFuture.supplyAsync(() -> call(work), reads), done, failed);
            }

            @Override
            public <T> void whenDone(CompletableFuture<T> future, Consumer<T> done, Consumer<Throwable> failed) {
                future.whenComplete((result, error) -> Platform.runLater(() -> {
                    if (error != null) {
                        failed.accept(unwrap(error));
                    } else {
                        done.accept(result);
                    }
                }));
            }
        };
    }

    /** Everything on the caller's thread; a future's outcome as soon as it completes. */
    static Tasks sameThread() {
        return new Tasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }

            @Override
            public <T> void whenDone(CompletableFuture<T> future, Consumer<T> done, Consumer<Throwable> failed) {
                future.whenComplete((result, error) -> {
                    if (error != null) {
                        failed.accept(unwrap(error));
                    } else {
                        done.accept(result);
                    }
                });
            }
        };
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
