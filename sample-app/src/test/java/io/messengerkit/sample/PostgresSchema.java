package io.messengerkit.sample;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own on the PostgreSQL server named by {@code MESSENGERKIT_TEST_POSTGRES_URL}
 * ({@code jdbc:postgresql://host:port/database}), so runs never see each other's rows; closing drops it.
 */
final class PostgresSchema implements AutoCloseable {

    static final String URL_VARIABLE = "MESSENGERKIT_TEST_POSTGRES_URL";

    private final String baseUrl;
    private final String user;
    private final String password;
    private final String name;

    private PostgresSchema(String baseUrl, String user, String password, String name) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static boolean configured() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    static PostgresSchema create(String prefix) throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set");
        }
        String user = System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", "");
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(url, user, password, name);
    }

    /** The PostgreSQL driver jar on the test class path, for servers that need it in their own directories. */
    static Path driverJar() throws URISyntaxException {
        return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private URI uri() {
        return URI.create(baseUrl.substring("jdbc:".length()));
    }

    String host() {
        return uri().getHost();
    }

    int port() {
        return uri().getPort() < 0 ? 5432 : uri().getPort();
    }

    String database() {
        return uri().getPath().substring(1);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String name() {
        return name;
    }

    /** The JDBC URL of the schema. */
    String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
