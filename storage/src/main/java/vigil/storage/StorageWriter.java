package vigil.storage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * The one thread that writes. Callers hand it writes and get futures; it takes whatever is waiting
 * (up to {@link #MAX_BATCH}) into one transaction, makes the transaction durable, and only then
 * completes the futures: a completed future means the write survives a crash or a power cut. A
 * write that fails does not take the others of its batch with it: the batch is retried one write
 * at a time.
 *
 * <p>While the store takes no writes (an {@link Outage}: a shared store out of reach, a full disk),
 * node incidents go to the {@link Spool} instead, in order, and every later one after them until the
 * spool is forwarded: the writer tries that every {@link #FORWARD_EVERY} and completes each
 * incident's future once it is in the store (with nothing spooled, it asks a shared store out of
 * reach whether it answers again as often). Other writes fail meanwhile. Whoever listens hears
 * when an outage begins and when it ends.
 */
final class StorageWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StorageWriter.class.getName());
    static final int MAX_BATCH = 1024;
    static final long FORWARD_EVERY = TimeUnit.SECONDS.toMillis(1);
    private static final int FORWARD_BATCH = 256;

    /** A write, run inside the writer's transaction. */
    interface Write<T> {
        T apply(DSLContext tx, AuditChain chain);
    }

    /** {@code incident}: the node incident this task records, which may wait in the spool; else null. */
    private record Task<T>(Write<T> write, CompletableFuture<T> result, Spool.Entry incident) {
        void complete(Object value) {
            @SuppressWarnings("unchecked") // the value came from this task's own write
            T typed = (T) value;
            result.complete(typed);
        }
    }

    private static final Task<Void> STOP = new Task<>((tx, chain) -> null, new CompletableFuture<>(), null);

    private final DSLContext ctx;
    private final Engine engine;
    private final Runnable onRollback;
    private final AuditChain chain;
    private final Spool spool;
    /** The futures of the spooled incidents this process handed in, oldest first (a previous run's have none). */
    private final List<CompletableFuture<Recorded>> spooledFutures = new ArrayList<>();
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final List<Outage.Listener> outageListeners = new CopyOnWriteArrayList<>();
    private Function<Spool.Entry, Write<Recorded>> recordIncident;
    private BiConsumer<Spool.Entry, Recorded> recorded;
    private volatile Outage outage;
    private Instant outageSince;
    private String outageReason;
    private int waitedInOutage;
    private volatile boolean closed;

    /**
     * {@code onRollback} lets caches kept on this thread drop what a failed transaction never wrote.
     * {@link #start} once wired.
     */
    StorageWriter(DSLContext ctx, Engine engine, Runnable onRollback, Spool spool) {
        this.ctx = ctx;
        this.engine = engine;
        this.onRollback = onRollback;
        this.chain = AuditChain.load(ctx);
        this.spool = spool;
        this.thread = Thread.ofPlatform().name("vigil-storage-writer").daemon(false).unstarted(this::run);
    }

    /**
     * How a node incident is written, and who hears of each once it is in the store (whether it came
     * through the spool or not).
     */
    void recordIncidentsWith(Function<Spool.Entry, Write<Recorded>> write, BiConsumer<Spool.Entry, Recorded> hear) {
        this.recordIncident = write;
        this.recorded = hear;
    }

    void start() {
        thread.start();
    }

    void listenToOutages(Outage.Listener listener) {
        outageListeners.add(listener);
    }

    /** Why the store takes no writes now, if it does not; any thread. */
    Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    <T> CompletableFuture<T> submit(Write<T> write) {
        return submit(new Task<>(write, new CompletableFuture<>(), null));
    }

    /** Records a node incident: through the spool when the shared store cannot be reached. */
    CompletableFuture<Recorded> submitIncident(Spool.Entry incident) {
        return submit(new Task<>(recordIncident.apply(incident), new CompletableFuture<>(), incident));
    }

    private <T> CompletableFuture<T> submit(Task<T> task) {
        if (closed) {
            task.result().completeExceptionally(new IllegalStateException("the store is closed"));
        } else {
            queue.add(task);
        }
        return task.result();
    }

    /** Incidents waiting in the spool for the store; any thread. */
    int spooled() {
        return spool.size();
    }

    /** Finishes every write already submitted, then stops; what is still spooled stays for the next run. */
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
        spool.close();
    }

    private boolean spooling() {
        return !spool.isEmpty();
    }

    /** Whether the writer tries the store every {@link #FORWARD_EVERY}: to forward the spool, or to see a shared store back. */
    private boolean retrying() {
        return spooling() || outage == Outage.UNREACHABLE;
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        long lastForward = 0;
        while (true) {
            try {
                Task<?> first = retrying() ? queue.poll(FORWARD_EVERY, TimeUnit.MILLISECONDS) : queue.take();
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            boolean stop = batch.remove(STOP);
            if (retrying() && System.currentTimeMillis() - lastForward >= FORWARD_EVERY) {
                if (spooling()) {
                    forward();
                } else {
                    askWhetherBack();
                }
                lastForward = System.currentTimeMillis();
            }
            if (!batch.isEmpty()) {
                if (spooling()) {
                    toSpool(batch); // behind the incidents already waiting
                } else if (!write(batch) && batch.size() > 1) {
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
            transaction(tx -> {
                for (Task<?> task : tasks) {
                    results.add(task.write().apply(tx, chain));
                }
            });
        } catch (RuntimeException e) {
            Outage why = Outage.of(e);
            if (why != null) {
                began(why, e);
                toSpool(tasks);
                return true;
            }
            if (tasks.size() == 1) {
                tasks.getFirst().result().completeExceptionally(unwrap(e));
            }
            return false;
        }
        try {
            engine.makeDurable(ctx);
        } catch (RuntimeException e) {
            Outage why = Outage.of(e);
            if (why != null) { // committed, perhaps in memory only: written again from the spool (a repeat if it was kept), the chain caught up
                onRollback.run();
                began(why, e);
                toSpool(tasks);
                return true;
            }
            IllegalStateException notDurable = new IllegalStateException("committed but not yet on disk: " + e.getMessage(), e);
            tasks.forEach(task -> task.result().completeExceptionally(notDurable));
            return true;
        }
        if (!spooling()) {
            ended(); // an outage that held no incident ends with the first write that gets through
        }
        for (int i = 0; i < tasks.size(); i++) {
            Task<?> task = tasks.get(i);
            if (task.incident() != null) {
                recorded.accept(task.incident(), (Recorded) results.get(i));
            }
            task.complete(results.get(i));
        }
        return true;
    }

    /** Node incidents into the spool, durably; the rest fail, as the store cannot take them now. */
    @SuppressWarnings("unchecked") // an incident task's future is a Recorded one
    private void toSpool(List<Task<?>> tasks) {
        List<Spool.Entry> entries = new ArrayList<>();
        List<CompletableFuture<Recorded>> futures = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (task.incident() != null) {
                entries.add(task.incident());
                futures.add((CompletableFuture<Recorded>) task.result());
            } else {
                task.result().completeExceptionally(new OutageException(outage));
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            spool.append(entries);
            spooledFutures.addAll(futures);
            waitedInOutage += entries.size();
        } catch (RuntimeException e) {
            IllegalStateException lost = new IllegalStateException((outage == null ? "" : outage.words() + ", and ") + e.getMessage(), e);
            LOG.severe("cannot keep " + entries.size() + " node incidents while the store takes no writes: " + lost.getMessage());
            futures.forEach(future -> future.completeExceptionally(lost));
        }
    }

    /** An outage begins, unless one already has: the listeners hear of it once. */
    private void began(Outage why, RuntimeException e) {
        if (outage == null) {
            outage = why;
            outageSince = Instant.now();
            outageReason = Outage.reason(e);
            waitedInOutage = 0;
            outageListeners.forEach(listener -> listener.began(why, outageSince, outageReason));
        }
    }

    /** Every incident that waited is in the store. */
    private void ended() {
        if (outage != null) {
            Outage ended = outage;
            outage = null;
            Instant now = Instant.now();
            outageListeners.forEach(listener -> listener.ended(ended, outageReason, outageSince, now, waitedInOutage));
        }
    }

    /**
     * A shared store out of reach, with nothing waiting for it, is asked whether it answers again:
     * its outage then ends now, not at the next write, which a quiet site may not make for hours.
     * (A full disk is not asked: only a write can tell that it has room again.)
     */
    private void askWhetherBack() {
        try {
            ctx.selectOne().fetch();
            ended();
        } catch (RuntimeException stillAway) {
            // asked again in a second
        }
    }

    /**
     * Forwards the spool's oldest incidents to the store, in order, while it takes them. A batch the
     * store refuses for another reason than being out of reach is retried one by one, and an incident
     * it refuses alone is set aside ({@link Spool#reject}) so that it does not hold up the rest.
     */
    private void forward() {
        int batch = FORWARD_BATCH;
        while (spooling()) {
            List<Spool.Entry> head = spool.head(batch);
            List<Recorded> results = new ArrayList<>(head.size());
            try {
                transaction(tx -> {
                    for (Spool.Entry entry : head) {
                        results.add(recordIncident.apply(entry).apply(tx, chain));
                    }
                });
                engine.makeDurable(ctx);
            } catch (RuntimeException e) {
                Outage why = Outage.of(e);
                if (why != null) {
                    onRollback.run(); // the commit, if there was one, may not have reached the disk
                    began(why, e);
                    return;
                }
                if (head.size() > 1) {
                    batch = 1;
                    continue;
                }
                reject(e);
                continue;
            }
            spool.forwarded(head.size());
            if (!spooling()) {
                ended();
            }
            for (int i = 0; i < head.size(); i++) {
                recorded.accept(head.get(i), results.get(i));
            }
            completeForwarded(head.size(), results);
        }
    }

    /** Sets the oldest spooled incident aside, saying why; its caller, if it is waiting, is told. */
    private void reject(RuntimeException why) {
        boolean hasFuture = spool.size() == spooledFutures.size();
        Spool.Entry refused = spool.reject();
        LOG.severe("the store refuses a spooled incident (object " + refused.detection().objectId() + " from " + refused.node()
                + "): " + reason(why) + "; kept beside the spool in incidents.rejected");
        if (hasFuture) {
            spooledFutures.removeFirst().completeExceptionally(unwrap(why));
        }
    }

    /** The futures of forwarded incidents: the spool's oldest entries may be a previous run's, which have none. */
    private void completeForwarded(int forwarded, List<Recorded> results) {
        int waiting = spool.size() + forwarded;
        int withoutFuture = waiting - spooledFutures.size();
        for (int i = 0; i < forwarded; i++) {
            if (i >= withoutFuture) {
                spooledFutures.removeFirst().complete(results.get(i));
            }
        }
    }

    private void transaction(java.util.function.Consumer<DSLContext> work) {
        try {
            ctx.transaction(configuration -> {
                DSLContext tx = configuration.dsl();
                if (engine.shared()) {
                    chain.takeHead(tx); // first: a writer holding it never waits on ours, so no deadlock
                } else if (outage != null) {
                    chain.catchUp(tx); // a full disk may have lost a commit that had not reached it
                }
                work.accept(tx);
            });
        } catch (RuntimeException e) {
            chain.rolledBack();
            onRollback.run();
            throw e;
        }
        chain.committed();
    }

    /** The database's own words for a failure, under jOOQ's wrapping. */
    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getMessage();
            }
        }
        return e.getMessage();
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
