package vigil.storage.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import vigil.storage.SharedStore;
import vigil.storage.Storage;

/**
 * The two databases a store can be on, for tests that run on both: the embedded H2 file in a data
 * directory, and a database of its own on the test JVM's {@link PostgresServer} for each data
 * directory (so that a test which closes and reopens its store finds it again).
 */
public enum Database {
    H2, POSTGRESQL;

    private static final Map<Path, SharedStore> SHARED = new ConcurrentHashMap<>();

    /** Opens the store of {@code data} on this database. */
    public Storage open(Path data) {
        return Storage.open(data, shared(data));
    }

    /** The shared store of {@code data}, or null for H2. */
    public SharedStore shared(Path data) {
        return this == H2 ? null : SHARED.computeIfAbsent(data.toAbsolutePath(), directory -> PostgresServer.get().newDatabase());
    }

    /** A plain JDBC connection to the store of {@code data}, behind Vigil's back. */
    public Connection connect(Path data) throws SQLException {
        return dataSource(data).getConnection();
    }

    /** The store of {@code data} as a plain data source, behind Vigil's back. */
    public DataSource dataSource(Path data) {
        if (this == H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + data.toAbsolutePath().resolve("vigil"));
            h2.setUser("vigil");
            return h2;
        }
        SharedStore store = shared(data);
        PGSimpleDataSource postgresql = new PGSimpleDataSource();
        postgresql.setServerNames(new String[] {store.host()});
        postgresql.setPortNumbers(new int[] {store.port()});
        postgresql.setDatabaseName(store.database());
        postgresql.setUser(store.user());
        postgresql.setPassword(store.password());
        return postgresql;
    }

    /** Its own migrations' folder, beside the common one. */
    public String migrations() {
        return "classpath:db/migration/" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
