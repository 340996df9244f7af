package io.messengerkit.jakarta.testing;

import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.MessengerPersistence;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, migrated database for one test class: an in-memory H2 database, a schema of its own on
 * the PostgreSQL server named by {@code MESSENGERKIT_TEST_POSTGRES_URL}, or a database of its own on
 * the MariaDB server named by {@code MESSENGERKIT_TEST_MARIADB_URL}, so runs never see each other's
 * rows. Closing it drops what it created.
 *
 * <p>The JPA provider is the one the system property {@value #PROVIDER_PROPERTY} names (the build
 * runs the tests once under EclipseLink and once under Hibernate), else whichever is on the class path.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL_VARIABLE = "MESSENGERKIT_TEST_POSTGRES_URL";
    public static final String POSTGRES_USER_VARIABLE = "MESSENGERKIT_TEST_POSTGRES_USER";
    public static final String MARIADB_URL_VARIABLE = "MESSENGERKIT_TEST_MARIADB_URL";
    public static final String MARIADB_USER_VARIABLE = "MESSENGERKIT_TEST_MARIADB_USER";
    public static final String PROVIDER_PROPERTY = "messengerkit.test.jpa.provider";

    /** The databases a test class can run on. */
    public enum Kind { H2, POSTGRESQL, MARIADB }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    /** Drops the PostgreSQL schema or MariaDB database this run created; null for H2. */
    private final Runnable dropScratch;
    private final EntityManagerFactory factory;
    private final JpaTransactions transactions;

    private TestDatabase(Kind kind, String url, String user, String password, Runnable dropScratch) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dropScratch = dropScratch;
        this.factory = MessengerPersistence.standalone(url, user, password, providerProperties());
        this.transactions = new ResourceLocalTransactions(factory);
    }

    /** An empty database, not migrated and without a factory: for tests of the migration itself. */
    public static Empty empty(Kind kind) {
        return switch (kind) {
            case H2 -> new Empty(kind, "jdbc:h2:mem:mk" + random() + ";DB_CLOSE_DELAY=-1", "sa", "", null);
            case POSTGRESQL -> {
                String base = System.getenv(POSTGRES_URL_VARIABLE);
                String user = System.getenv().getOrDefault(POSTGRES_USER_VARIABLE, "postgres");
                String password = System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", "");
                String schema = "mk_" + random().substring(0, 16);
                execute(base, user, password, "CREATE SCHEMA " + schema);
                yield new Empty(kind, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password,
                        () -> execute(base, user, password, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
            }
            case MARIADB -> {
                String base = System.getenv(MARIADB_URL_VARIABLE);
                String user = System.getenv().getOrDefault(MARIADB_USER_VARIABLE, "root");
                String password = System.getenv().getOrDefault("MESSENGERKIT_TEST_MARIADB_PASSWORD", "");
                String database = "mk_" + random().substring(0, 16);
                execute(base, user, password, "CREATE DATABASE " + database);
                yield new Empty(kind, withMariaDbDatabase(base, database), user, password,
                        () -> execute(base, user, password, "DROP DATABASE IF EXISTS " + database));
            }
        };
    }

    public static TestDatabase h2() {
        return empty(Kind.H2).open();
    }

    public static TestDatabase postgres() {
        return empty(Kind.POSTGRESQL).open();
    }

    public static TestDatabase mariadb() {
        return empty(Kind.MARIADB).open();
    }

    /** True when the environment names a PostgreSQL server for tests. */
    public static boolean postgresConfigured() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    /**
     * A second, independent factory on the same database, as a second application instance would
     * have. The schema is migrated already (MessengerSchemaTest proves instances migrate safely), so
     * this opens the unit without running Flyway again.
     */
    public EntityManagerFactory openAnotherFactory() {
        Map<String, Object> properties = new HashMap<>(MessengerPersistence.standaloneProperties(url, user, password));
        properties.putAll(providerProperties());
        return Persistence.createEntityManagerFactory(MessengerPersistence.UNIT, properties);
    }

    /** The provider the build asked for, as a property of the persistence unit. */
    public static Map<String, String> providerProperties() {
        String provider = System.getProperty(PROVIDER_PROPERTY, "");
        return provider.isBlank() ? Map.of() : Map.of("jakarta.persistence.provider", provider);
    }

    public String name() {
        return kind.name();
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRESQL;
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
        if (dropScratch != null) {
            dropScratch.run();
        } else {
            execute(url, user, password, "SHUTDOWN");
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * An empty database (schema) of its own, with its JDBC coordinates; closing it drops it.
     *
     * @param kind which database
     * @param url JDBC URL of the database, schema included
     * @param user the database user
     * @param password the database password
     * @param drop drops what this run created; null for H2, which is shut down instead
     */
    public record Empty(Kind kind, String url, String user, String password, Runnable drop) implements AutoCloseable {
        /** Migrates it and opens a factory on it; the returned database drops it on close. */
        public TestDatabase open() {
            return new TestDatabase(kind, url, user, password, drop);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public void close() {
            if (drop != null) {
                drop.run();
            } else {
                execute(url, user, password, "SHUTDOWN");
            }
        }
    }

    private static String withMariaDbDatabase(String base, String database) {
        // jdbc:mariadb://host:port/db?options: the database is the path after host and port.
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        int query = base.indexOf('?');
        String prefix = slash < 0 ? (query < 0 ? base : base.substring(0, query)) : base.substring(0, slash);
        String options = query < 0 ? "" : base.substring(query);
        return prefix + "/" + database + options;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + url, e);
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }
}
