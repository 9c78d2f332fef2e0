package vigil.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Vigil's incident database: an embedded H2 file in a data directory, migrated by Flyway on open,
 * read and written through jOOQ. All writes go through one writer thread; reads run on the
 * caller's thread. Open one per process: a second process gets a {@link StorageInUseException}.
 */
public final class Storage implements AutoCloseable {
    /** H2's "database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private final Path directory;
    private final JdbcConnectionPool pool;
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

    private Storage(Path directory, JdbcConnectionPool pool) {
        this.directory = directory;
        this.pool = pool;
        ClipStore.removeTemporaries(directory.resolve("clips")); // before the writer's thread starts: a failure here leaves none behind
        DSLContext ctx = DSL.using(pool, SQLDialect.H2);
        Nodes nodes = new Nodes();
        this.writer = new StorageWriter(ctx, nodes::forget);
        this.clips = new ClipStore(ctx, writer, directory.resolve("clips"));
        this.incidents = new IncidentStore(ctx, writer, nodes, clips);
        this.authority = new AuthorityLog(ctx, writer, nodes);
        this.siteEvents = new SiteEventLog(ctx, writer, nodes);
        this.cameras = new CameraStore(ctx, writer);
        this.operators = new OperatorStore(ctx, writer);
        this.alertTargets = new AlertTargetStore(ctx, writer);
        this.alertDeliveries = new AlertDeliveries(ctx, writer);
        this.siteActions = new SiteActionStore(ctx, writer);
        this.checklist = new ChecklistStore(ctx, writer);
    }

    /** Opens (creating it if need be) the database in {@code directory} and brings its schema up to date. */
    public static Storage open(Path directory) {
        Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the data directory " + absolute, e);
        }
        UncleanStop.recover(absolute, absolute.resolve("vigil.mv.db"));
        // WRITE_DELAY=0: H2 then stores each commit in the committing thread. With a delay, a write that
        // finds enough unsaved pages hands them to H2's own serialisation and save threads, and a later
        // CHECKPOINT SYNC neither stores them again nor waits for those threads (H2 2.5.252's
        // MVStore.commit): the writer could report an incident recorded while its chunk is still queued.
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + absolute.resolve("vigil") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "vigil", "");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new Storage(absolute, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            if (isAlreadyOpen(e)) {
                throw new StorageInUseException(absolute, e);
            }
            throw e;
        }
    }

    private static boolean isAlreadyOpen(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    public Path directory() {
        return directory;
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

    /** The site's emergency checklist. */
    public ChecklistStore checklist() {
        return checklist;
    }

    /**
     * Checks every image and clip file against its hash, the audit chain against every sealed row,
     * each incident's state and each operator account.
     */
    public AuditReport verify() {
        return AuditVerifier.verify(DSL.using(pool, SQLDialect.H2), clips, operators);
    }

    /** Finishes every submitted write, then closes the database. */
    @Override
    public void close() {
        writer.close();
        pool.dispose();
    }
}
