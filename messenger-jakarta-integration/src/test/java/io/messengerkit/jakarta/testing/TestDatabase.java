package io.messengerkit.jakarta.testing;

import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.MessengerPersistence;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import io.messengerkit.jakarta.persistence.SchemaMigrator;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, migrated database for one test class: an in-memory H2 database, or a schema of its own
 * on the PostgreSQL server named by {@code MESSENGERKIT_TEST_POSTGRES_URL}, so runs never see each
 * other's rows. Closing it drops what it created.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL_VARIABLE = "MESSENGERKIT_TEST_POSTGRES_URL";
    public static final String POSTGRES_USER_VARIABLE = "MESSENGERKIT_TEST_POSTGRES_USER";

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final EntityManagerFactory factory;
    private final JpaTransactions transactions;

    private TestDatabase(String name, String url, String user, String password, String schema) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.factory = MessengerPersistence.standalone(url, user, password);
        this.transactions = new ResourceLocalTransactions(factory);
        SchemaMigrator.migrate(transactions);
    }

    public static TestDatabase h2() {
        return new TestDatabase("H2", "jdbc:h2:mem:mk" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1", "sa", "", null);
    }

    /** True when the environment names a PostgreSQL server for tests. */
    public static boolean postgresConfigured() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    public static TestDatabase postgres() {
        String base = System.getenv(POSTGRES_URL_VARIABLE);
        String user = System.getenv().getOrDefault(POSTGRES_USER_VARIABLE, "postgres");
        String password = System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", "");
        String schema = "mk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + base, e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase("PostgreSQL", url, user, password, schema);
    }

    /** A second, independent factory on the same database, as a second application instance would have. */
    public EntityManagerFactory openAnotherFactory() {
        return MessengerPersistence.standalone(url, user, password);
    }

    public String name() {
        return name;
    }

    public boolean isPostgres() {
        return schema != null;
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public JpaTransactions transactions() {
        return transactions;
    }

    /** A plain JDBC connection to the same database (and schema), for scans and direct checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        factory.close();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } else {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
