package io.messengerkit.jakarta.persistence;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades this module's tables with Flyway, from the versioned SQL scripts in
 * {@code META-INF/messengerkit/schema} ({@code V<n>__<what>.sql}), on H2, PostgreSQL and MariaDB.
 * It is the one place the schema is migrated: {@link MessengerPersistence#standalone} calls it
 * before opening the persistence unit, and on an application server the CDI producers call it on
 * the unit's datasource before building the backend.
 *
 * <p>Several instances may start at once on one database: the migration runs under a database
 * lock (an advisory lock on PostgreSQL, a named lock on MariaDB), so one instance applies the
 * versions and the others wait and find them applied. Applied versions are recorded in {@value #HISTORY_TABLE},
 * a table of its own so the host application can use Flyway's default table for its own scripts.
 *
 * <p>The scripts are plain SQL with four placeholders for what the databases spell differently:
 * <table>
 *   <caption>Placeholders</caption>
 *   <tr><th>placeholder</th><th>H2 and PostgreSQL</th><th>MariaDB</th></tr>
 *   <tr><td>{@code ${timestamp}}</td><td>{@code TIMESTAMP}</td><td>{@code DATETIME(6)} (keeps microseconds,
 *       no time zone conversion, no 2038 limit)</td></tr>
 *   <tr><td>{@code ${bytes}}</td><td>{@code BYTEA}</td><td>{@code LONGBLOB}</td></tr>
 *   <tr><td>{@code ${text}(n)}</td><td>{@code VARCHAR(n)}</td><td>{@code TEXT(n)} (VARCHAR stops at 16,383
 *       characters and 65,535 bytes per row)</td></tr>
 *   <tr><td>{@code ${table_options}}</td><td>nothing</td><td>{@code CHARACTER SET utf8mb4 COLLATE
 *       utf8mb4_nopad_bin}: every character, and keys compared exactly as the other databases do</td></tr>
 * </table>
 *
 * <p>Databases created by the hand-written migrator of earlier versions (which recorded versions in
 * {@code messenger_schema_version}) are baselined at the last version recorded there: Flyway takes
 * them over without running those scripts again. That table is left in place and no longer read.
 */
public final class MessengerSchema {
    /** Where the scripts are, on the class path. */
    public static final String LOCATION = "classpath:META-INF/messengerkit/schema";
    /** The table in which Flyway records the applied versions. */
    public static final String HISTORY_TABLE = "messenger_schema_history";

    private static final System.Logger LOG = System.getLogger(MessengerSchema.class.getName());
    /** Where the migrator of earlier versions recorded what it applied. */
    private static final String LEGACY_TABLE = "messenger_schema_version";

    private MessengerSchema() {
    }

    /**
     * Applies every version the database lacks; safe to call on every start, from several
     * instances at once.
     *
     * @param dataSource the database (on a server, the persistence unit's datasource; used outside
     *     any transaction)
     * @return the versions this call applied, oldest first; empty when the schema was up to date
     */
    public static List<String> migrate(DataSource dataSource) {
        return migrate(configuration().dataSource(Objects.requireNonNull(dataSource, "dataSource")));
    }

    /**
     * {@link #migrate(DataSource)} on a JDBC URL, with connections of its own that are closed before this returns.
     *
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     * @return the versions this call applied, oldest first
     */
    public static List<String> migrate(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return migrate(configuration().dataSource(jdbcUrl, user == null ? "" : user, password == null ? "" : password));
    }

    private static FluentConfiguration configuration() {
        return Flyway.configure(MessengerSchema.class.getClassLoader())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // A scan that finds no scripts (a container whose class loader Flyway cannot read) must fail, not pass.
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                // The schema usually holds the host's own tables too: baseline before version 1 rather than refuse.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("MessengerKit schema taken over by Flyway");
    }

    private static List<String> migrate(FluentConfiguration configuration) {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            connection.setAutoCommit(true);
            Dialect dialect = Dialect.of(connection.getMetaData());
            configuration.placeholders(dialect.placeholders);
            dialect.lock(connection);
            try {
                String legacyVersion = legacyVersion(connection);
                if (legacyVersion != null) {
                    configuration.baselineVersion(legacyVersion).baselineDescription("MessengerKit schema from " + LEGACY_TABLE);
                }
                MigrateResult result = configuration.load().migrate();
                List<String> applied = result.migrations.stream().map(m -> m.version).filter(Objects::nonNull).toList();
                if (!applied.isEmpty()) {
                    LOG.log(Level.INFO, "Applied MessengerKit schema versions {0} on {1}; now at version {2}", applied,
                            result.database, result.targetSchemaVersion);
                }
                return applied;
            } finally {
                try {
                    dialect.unlock(connection);
                } catch (SQLException e) {
                    // Closing the connection ends the lock as well.
                    LOG.log(Level.DEBUG, "Could not release the MessengerKit schema lock: {0}", e.toString());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate the MessengerKit schema", e);
        }
    }

    /** The last version the earlier migrator recorded, or null when this database never saw it. */
    private static String legacyVersion(Connection connection) {
        try (Statement s = connection.createStatement();
                var rs = s.executeQuery("SELECT MAX(version) FROM " + LEGACY_TABLE)) {
            return rs.next() && rs.getObject(1) != null ? Integer.toString(rs.getInt(1)) : null;
        } catch (SQLException missing) {
            return null;
        }
    }

    /**
     * How the scripts' placeholders are spelled on each database, and the lock held around a whole
     * migration. Flyway locks while it applies versions, but decides whether to baseline a schema
     * that has no history table yet before it locks: two instances taking over one schema at once
     * could both decide to, and one would fail. Holding a lock of our own around the decision and
     * the migration makes the instances take turns; the second finds the history and applies nothing.
     */
    private enum Dialect {
        H2("TIMESTAMP", "BYTEA", "VARCHAR", "") {
            // H2 runs embedded, one process per database (instances that share a database use PostgreSQL or
            // MariaDB), so a lock in this JVM is enough.
            @Override
            void lock(Connection connection) {
                H2_LOCK.lock();
            }

            @Override
            void unlock(Connection connection) {
                H2_LOCK.unlock();
            }
        },
        POSTGRESQL("TIMESTAMP", "BYTEA", "VARCHAR", "") {
            // A session-level advisory lock per schema; it ends with the connection if the unlock never runs.
            @Override
            void lock(Connection connection) throws SQLException {
                execute(connection, "SELECT pg_advisory_lock(" + LOCK_KEY + ", hashtext(current_schema()))");
            }

            @Override
            void unlock(Connection connection) throws SQLException {
                execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ", hashtext(current_schema()))");
            }
        },
        MARIADB("DATETIME(6)", "LONGBLOB", "TEXT", "CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin") {
            // A named lock per database (names are limited to 64 characters, hence the digest).
            @Override
            void lock(Connection connection) throws SQLException {
                try (Statement s = connection.createStatement();
                        var rs = s.executeQuery("SELECT GET_LOCK(CONCAT('messengerkit_schema_', MD5(DATABASE())), 600)")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new SQLException("another instance held the MessengerKit schema lock for 10 minutes");
                    }
                }
            }

            @Override
            void unlock(Connection connection) throws SQLException {
                execute(connection, "SELECT RELEASE_LOCK(CONCAT('messengerkit_schema_', MD5(DATABASE())))");
            }
        };

        /** The first key of the PostgreSQL advisory lock: "MK" and a version number. */
        private static final int LOCK_KEY = 0x4d4b0001;
        private static final ReentrantLock H2_LOCK = new ReentrantLock();

        final Map<String, String> placeholders;

        Dialect(String timestamp, String bytes, String text, String tableOptions) {
            this.placeholders = Map.of("timestamp", timestamp, "bytes", bytes, "text", text, "table_options", tableOptions);
        }

        abstract void lock(Connection connection) throws SQLException;

        abstract void unlock(Connection connection) throws SQLException;

        static Dialect of(DatabaseMetaData database) throws SQLException {
            String name = database.getDatabaseProductName().toLowerCase(Locale.ROOT);
            String version = database.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
            if (name.contains("mariadb") || version.contains("mariadb")) {
                return MARIADB;
            }
            if (name.equals("h2")) {
                return H2;
            }
            if (name.equals("postgresql")) {
                return POSTGRESQL;
            }
            // MySQL proper has no sequences, which every id here comes from.
            throw new IllegalStateException("MessengerKit's schema runs on H2, PostgreSQL and MariaDB, not on "
                    + database.getDatabaseProductName() + " " + database.getDatabaseProductVersion());
        }

        private static void execute(Connection connection, String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
