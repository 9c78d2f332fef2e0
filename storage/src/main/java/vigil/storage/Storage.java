package vigil.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;

/**
 * Vigil's incident database: an embedded H2 file in a data directory, or a {@link SharedStore shared
 * PostgreSQL database}, migrated by Flyway on open, read and written through jOOQ. All of a process's
 * writes go through its one writer thread; reads run on the caller's thread. An H2 file is one
 * process's: a second gets a {@link StorageInUseException}. Clip files stay in the data directory.
 */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Storage.class.getName());
    /** H2's "database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private final Path directory;
    private final SharedStore shared;
    private final Engine engine;
    private final DataSource pool;
    private final Runnable closePool;
    private final StorageWriter writer;
    private final IncidentStore incidents;
    private final AuthorityLog authority;
    private final SiteEventLog siteEvents;
    private final CameraStore cameras;
    private final ClipStore clips;
    private final OperatorStore operators;
    private final AlertTargetStore alertTargets;
    private final AlertDeliveries alertDeliveries;
    private final SiteActionStore siteActions;
    private final ChecklistStore checklist;
    private final NodeNames nodeNames;
    private final OtherDesks otherDesks;

    private Storage(Path directory, SharedStore shared, Spool spool, Engine engine, DataSource pool, Runnable closePool) {
        this.directory = directory;
        this.shared = shared;
        this.engine = engine;
        this.pool = pool;
        this.closePool = closePool;
        ClipStore.removeTemporaries(directory.resolve("clips")); // before the writer's thread starts: a failure here leaves none behind
        DSLContext ctx = engine.using(pool);
        Nodes nodes = new Nodes();
        this.writer = new StorageWriter(ctx, engine, nodes::forget, spool);
        this.clips = new ClipStore(ctx, writer, directory.resolve("clips"));
        this.incidents = new IncidentStore(ctx, engine, writer, nodes, clips);
        this.authority = new AuthorityLog(ctx, writer, nodes);
        this.siteEvents = new SiteEventLog(ctx, writer, nodes);
        this.cameras = new CameraStore(ctx, writer);
        this.operators = new OperatorStore(ctx, writer);
        this.alertTargets = new AlertTargetStore(ctx, writer);
        this.alertDeliveries = new AlertDeliveries(ctx, writer);
        this.siteActions = new SiteActionStore(ctx, writer);
        this.checklist = new ChecklistStore(ctx, writer);
        this.nodeNames = new NodeNames(ctx, writer);
        if (shared != null) {
            this.otherDesks = new OtherDesks(shared, ctx, incidents, nodeNames);
            incidents.markWritten(otherDesks.written());
        } else {
            this.otherDesks = null;
        }
        writer.listenToOutages(new Outage.Listener() {
            @Override
            public void began(Outage outage, Instant at, String reason) {
                // nothing can be written now: the log hears of it when it ends
            }

            @Override
            public void ended(Outage outage, String reason, Instant since, Instant at, int waited) {
                siteEvents.record(SiteEvent.ofStorage(outage.name(), outage.words() + ": " + reason, since));
                siteEvents.record(SiteEvent.ofStorage("OK", Outage.ended(since, at, waited), at));
            }
        });
        writer.start(); // wired: a spool left by a previous run is forwarded from here on
    }

    /** Why the store takes no writes now, if it does not. */
    public Optional<Outage> outage() {
        return writer.outage();
    }

    /** Hears, on the writer's thread, when the store stops and starts taking writes again. */
    public void listenToOutages(Outage.Listener listener) {
        writer.listenToOutages(listener);
    }

    /** Opens (creating it if need be) the database in {@code directory} and brings its schema up to date. */
    public static Storage open(Path directory) {
        return open(directory, null);
    }

    /**
     * Opens {@code shared}, bringing its schema up to date, or the embedded database in {@code directory}
     * when {@code shared} is null. Clip files are kept in {@code directory} either way.
     */
    public static Storage open(Path directory, SharedStore shared) {
        Path absolute = createDirectory(directory);
        return shared == null ? openEmbedded(absolute) : openShared(absolute, shared, null);
    }

    /**
     * Opens {@code shared} as above, taking over {@code offline}: what a recorder spooled while the
     * store could not be opened is forwarded first, in order.
     */
    public static Storage open(Path directory, SharedStore shared, OfflineSpool offline) {
        return openShared(createDirectory(directory), shared, offline);
    }

    /** Where node incidents wait while the shared store cannot be reached. */
    static Path spoolFile(Path directory) {
        return directory.resolve("spool").resolve("incidents");
    }

    private static Path createDirectory(Path directory) {
        Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the data directory " + absolute, e);
        }
        return absolute;
    }

    private static Storage openEmbedded(Path absolute) {
        UncleanStop.recover(absolute, absolute.resolve("vigil.mv.db"));
        // WRITE_DELAY=0: H2 then stores each commit in the committing thread. With a delay, a write that
        // finds enough unsaved pages hands them to H2's own serialisation and save threads, and a later
        // CHECKPOINT SYNC neither stores them again nor waits for those threads (H2 2.5.252's
        // MVStore.commit): the writer could report an incident recorded while its chunk is still queued.
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + absolute.resolve("vigil") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "vigil", "");
        try {
            migrate(pool, Engine.H2);
            return new Storage(absolute, null, Spool.inMemory(spoolFile(absolute), Spool.MEMORY_LIMIT), Engine.H2, pool, pool::dispose);
        } catch (RuntimeException e) {
            pool.dispose();
            if (isAlreadyOpen(e)) {
                throw new StorageInUseException(absolute, e);
            }
            throw e;
        }
    }

    /**
     * A pool that replaces the connections a restarted server broke. Every commit waits for
     * PostgreSQL's write-ahead log to reach the disk, whatever the server's default.
     */
    private static Storage openShared(Path absolute, SharedStore shared, OfflineSpool offline) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vigil-store");
        config.setJdbcUrl(shared.jdbcUrl());
        config.setUsername(shared.user());
        config.setPassword(shared.password());
        config.setMaximumPoolSize(8);
        config.setConnectionInitSql("SET synchronous_commit = on");
        config.setConnectionTimeout(2_000); // a writer waits no longer before it spools
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SharedStoreUnreachableException(shared, e);
        }
        try {
            migrate(pool, Engine.POSTGRESQL);
            return new Storage(absolute, shared, offline != null ? offline.spool : Spool.open(spoolFile(absolute)), Engine.POSTGRESQL,
                    pool, pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Several processes may migrate a shared store at once: Flyway locks it. A missing location fails. */
    private static void migrate(DataSource pool, Engine engine) {
        Flyway.configure().dataSource(pool).locations(engine.migrations()).failOnMissingLocations(true).load().migrate();
    }

    private static boolean isAlreadyOpen(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** For the store's own tools (a copy between databases): reads and writes outside the writer. */
    DSLContext dsl() {
        return engine.using(pool);
    }

    /** The data directory: the embedded database's, and the clip files' either way. */
    public Path directory() {
        return directory;
    }

    /** Where the incidents are, for people: the shared store's address, or the data directory. */
    public String location() {
        return shared != null ? shared.toString() : directory.toString();
    }

    public IncidentStore incidents() {
        return incidents;
    }

    public AuthorityLog authority() {
        return authority;
    }

    public SiteEventLog siteEvents() {
        return siteEvents;
    }

    public CameraStore cameras() {
        return cameras;
    }

    public ClipStore clips() {
        return clips;
    }

    public OperatorStore operators() {
        return operators;
    }

    public AlertTargetStore alertTargets() {
        return alertTargets;
    }

    public AlertDeliveries alertDeliveries() {
        return alertDeliveries;
    }

    public SiteActionStore siteActions() {
        return siteActions;
    }

    /** The names operators gave nodes. */
    public NodeNames nodeNames() {
        return nodeNames;
    }

    /** The site's emergency checklist. */
    public ChecklistStore checklist() {
        return checklist;
    }

    /**
     * Checks every image and clip file against its hash, the audit chain against every sealed row,
     * each incident's state and each operator account.
     */
    public AuditReport verify() {
        return AuditVerifier.verify(engine.using(pool), clips, operators);
    }

    /**
     * Tells {@code listener}, on a thread of the store's, of the incidents recorded and the actions
     * taken by the other desks and recorders of a shared store, within about a second of their
     * commit (and, after a lost connection, as soon as it is back). An embedded store has no others.
     */
    public void listenToOtherDesks(IncidentStore.Listener listener) {
        if (otherDesks != null) {
            otherDesks.listen(listener);
        }
    }

    /**
     * Waits, at most {@code patience}, until every write submitted so far is done and whoever
     * listens has heard of it. Whatever logs in the store what it heard (the alerts, their
     * deliveries) is closed after this and before {@link #close()}.
     */
    public void settle(Duration patience) {
        try {
            writer.submit((tx, chain) -> null).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException outage) {
            // the store takes no writes: what waits is in the spool, and heard of when it is forwarded
        } catch (TimeoutException slow) {
            LOG.warning("the store did not finish its writes in " + patience.toSeconds() + " s; closing it finishes them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes every submitted write, then closes the database. */
    @Override
    public void close() {
        if (otherDesks != null) {
            otherDesks.close();
        }
        writer.close();
        closePool.run();
    }
}
