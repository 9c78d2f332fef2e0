package vigil.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jooq.DSLContext;

/**
 * The one thread that writes. Callers hand it writes and get futures; it takes whatever is waiting
 * (up to {@link #MAX_BATCH}) into one transaction, makes the transaction durable, and only then
 * completes the futures: a completed future means the write survives a crash or a power cut. A
 * write that fails does not take the others of its batch with it: the batch is retried one write
 * at a time.
 */
final class StorageWriter implements AutoCloseable {
    static final int MAX_BATCH = 1024;

    /** A write, run inside the writer's transaction. */
    interface Write<T> {
        T apply(DSLContext tx, AuditChain chain);
    }

    private record Task<T>(Write<T> write, CompletableFuture<T> result) {
        void complete(Object value) {
            @SuppressWarnings("unchecked") // the value came from this task's own write
            T typed = (T) value;
            result.complete(typed);
        }
    }

    private static final Task<Void> STOP = new Task<>((tx, chain) -> null, new CompletableFuture<>());

    private final DSLContext ctx;
    private final Engine engine;
    private final Runnable onRollback;
    private final AuditChain chain;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code onRollback} lets caches kept on this thread drop what a failed transaction never wrote. */
    StorageWriter(DSLContext ctx, Engine engine, Runnable onRollback) {
        this.ctx = ctx;
        this.engine = engine;
        this.onRollback = onRollback;
        this.chain = AuditChain.load(ctx);
        this.thread = Thread.ofPlatform().name("vigil-storage-writer").daemon(false).start(this::run);
    }

    <T> CompletableFuture<T> submit(Write<T> write) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the store is closed"));
        } else {
            queue.add(new Task<>(write, result));
        }
        return result;
    }

    /** Finishes every write already submitted, then stops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                if (!write(batch) && batch.size() > 1) {
                    for (Task<?> task : batch) {
                        write(List.of(task));
                    }
                }
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Runs the tasks in one durable transaction; false (futures untouched) if it failed and can be split. */
    private boolean write(List<Task<?>> tasks) {
        List<Object> results = new ArrayList<>(tasks.size());
        try {
            ctx.transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                if (engine.shared()) {
                    chain.takeHead(tx); // first: a writer holding it never waits on ours, so no deadlock
                }
                for (Task<?> task : tasks) {
                    results.add(task.write().apply(tx, chain));
                }
            });
        } catch (RuntimeException e) {
            chain.rolledBack();
            onRollback.run();
            if (tasks.size() == 1) {
                tasks.getFirst().result().completeExceptionally(unwrap(e));
            }
            return false;
        }
        chain.committed();
        try {
            engine.makeDurable(ctx);
        } catch (RuntimeException e) {
            IllegalStateException notDurable = new IllegalStateException("committed but not yet on disk: " + e.getMessage(), e);
            tasks.forEach(task -> task.result().completeExceptionally(notDurable));
            return true;
        }
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).complete(results.get(i));
        }
        return true;
    }

    /** jOOQ wraps what a write threw; callers want the write's own exception. */
    private static Throwable unwrap(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof org.jooq.exception.DataAccessException && cause.getCause() != null
                && !(cause.getCause() instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
