package vigil.storage;

import static vigil.storage.schema.Tables.INCIDENT;
import static vigil.storage.schema.Tables.INCIDENT_ACTION;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * What the other desks and recorders of a shared store write, told to this process: incidents
 * recorded and actions taken elsewhere. A connection of its own LISTENs on {@code vigil_changes}
 * (V14's triggers notify after each insert); each notification, each reconnection after a lost
 * connection and every {@link #QUIET} without one is followed by a query for the rows past the
 * last ids seen, so that nothing written while the connection was down is missed. Ids follow commit
 * order because every writer's transaction holds the audit chain's head from its start
 * ({@link AuditChain#takeHead}). This process's own rows are skipped: its writer marks them
 * ({@link #written}) before they commit. Node names are read again at each catch-up, so a rename
 * at another desk shows within one quiet period.
 */
final class OtherDesks implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OtherDesks.class.getName());
    static final String CHANNEL = "vigil_changes";
    static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final int PAGE = 500;

    private final SharedStore store;
    private final DSLContext ctx;
    private final IncidentStore incidents;
    private final NodeNames nodeNames;
    private final Set<Long> ownIncidents = ConcurrentHashMap.newKeySet();
    private final Set<Long> ownActions = ConcurrentHashMap.newKeySet();
    private final List<IncidentStore.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private long lastIncident;
    private long lastAction;

    OtherDesks(SharedStore store, DSLContext ctx, IncidentStore incidents, NodeNames nodeNames) {
        this.store = store;
        this.ctx = ctx;
        this.incidents = incidents;
        this.nodeNames = nodeNames;
        this.lastIncident = ctx.select(DSL.max(INCIDENT.ID)).from(INCIDENT).fetchOptional(0, Long.class).orElse(0L);
        this.lastAction = ctx.select(DSL.max(INCIDENT_ACTION.ID)).from(INCIDENT_ACTION).fetchOptional(0, Long.class).orElse(0L);
        this.thread = Thread.ofPlatform().name("vigil-other-desks").daemon(true).unstarted(this::run);
    }

    /** Marks rows this process's writer is about to commit, so that they are not told as others'. */
    Written written() {
        return new Written(ownIncidents::add, ownActions::add);
    }

    /** How a writer marks its own rows; a store no other desk shares marks nothing. */
    record Written(Consumer<Long> incident, Consumer<Long> action) {
        static final Written NONE = new Written(id -> { }, id -> { });
    }

    void listen(IncidentStore.Listener listener) {
        listeners.add(listener);
        synchronized (this) {
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            }
        }
    }

    private void run() {
        long wait = 1;
        while (!closed) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement sql = listening.createStatement()) {
                    sql.execute("LISTEN " + CHANNEL);
                }
                wait = 1;
                catchUp(); // what was written while this connection was not listening
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (!closed) {
                    notifications.getNotifications((int) QUIET.toMillis());
                    catchUp();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "lost the shared store's changes (" + e.getMessage() + "); listening again in " + wait + " s");
                try {
                    Thread.sleep(Duration.ofSeconds(wait));
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = Math.min(wait * 2, LONGEST_WAIT.toSeconds());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", store.user());
        if (store.password() != null) {
            properties.setProperty("password", store.password());
        }
        properties.setProperty("ApplicationName", "vigil: other desks");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(store.jdbcUrl(), properties);
    }

    private void catchUp() {
        nodeNames.refresh(); // first, so their incidents carry it; a rename has no notification of its own
        lastIncident = readPast(INCIDENT, INCIDENT.ID, lastIncident, row -> {
            if (!ownIncidents.remove(row.getId())) {
                Incident incident = incidents.incident(row);
                incidents.image(incident.imageSha256()).ifPresent(picture -> tell(l -> l.recorded(incident, picture)));
            }
        });
        lastAction = readPast(INCIDENT_ACTION, INCIDENT_ACTION.ID, lastAction, row -> {
            if (!ownActions.remove(row.getId())) {
                IncidentAction action = IncidentStore.action(row);
                incidents.find(action.incidentId()).ifPresent(incident -> tell(l -> l.acted(incident, action)));
            }
        });
        // A mark the cursor has passed will never be needed again (its row was rolled back, or seen).
        ownIncidents.removeIf(id -> id <= lastIncident);
        ownActions.removeIf(id -> id <= lastAction);
    }

    /** Hands each row of {@code table} past {@code last} to {@code each}, in id order; returns the last id read. */
    private <R extends Record> long readPast(Table<R> table, Field<Long> id, long last, Consumer<R> each) {
        long read = last;
        List<R> rows;
        do {
            rows = ctx.selectFrom(table).where(id.gt(read)).orderBy(id).limit(PAGE).fetch();
            for (R row : rows) {
                read = row.get(id);
                each.accept(row);
            }
        } while (rows.size() == PAGE);
        return read;
    }

    private void tell(Consumer<IncidentStore.Listener> news) {
        for (IncidentStore.Listener listener : listeners) {
            try {
                news.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener to the other desks failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection listening = connection;
        if (listening != null) {
            try {
                listening.close(); // wakes getNotifications
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
