package vigil.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** What differs between the embedded H2 store and a shared PostgreSQL one. */
enum Engine {
    /** One process's own file: the writer's transactions are the only ones. */
    H2(SQLDialect.H2, "classpath:db/migration/h2"),
    /** Shared by several consoles and recorders, each with its own writer. */
    POSTGRESQL(SQLDialect.POSTGRES, "classpath:db/migration/postgresql");

    static final String COMMON_MIGRATIONS = "classpath:db/migration/common";
    private static final String UNIQUE_VIOLATION = "23505";

    private final SQLDialect dialect;
    private final String migrations;

    Engine(SQLDialect dialect, String migrations) {
        this.dialect = dialect;
        this.migrations = migrations;
    }

    String[] migrations() {
        return new String[] {COMMON_MIGRATIONS, migrations};
    }

    /** Names unquoted, so that PostgreSQL folds them to lower case and H2 to upper case, as each made them. */
    DSLContext using(javax.sql.DataSource dataSource) {
        return DSL.using(dataSource, dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
    }

    /** Other writers may append to the audit chain between two of ours. */
    boolean shared() {
        return this == POSTGRESQL;
    }

    /**
     * Makes committed transactions durable. PostgreSQL's commit already is ({@code synchronous_commit}
     * is set on every connection); H2 would otherwise write committed changes up to a second later.
     */
    void makeDurable(DSLContext ctx) {
        if (this == H2) {
            ctx.execute("CHECKPOINT SYNC");
        }
    }

    /** {@code insert} made to insert nothing where a unique key already holds the row. */
    String unlessPresent(String insert) {
        return this == POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
    }

    /**
     * Runs an insert made by {@link #unlessPresent} and returns how many rows it inserted, 0 where the
     * row was there. PostgreSQL skips it; H2 refuses it and undoes only that statement.
     */
    int insertUnlessPresent(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate();
        } catch (SQLException e) {
            if (this == H2 && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
