package io.messengerkit.sample.standalone;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How the standalone sample runs, read from environment variables (all optional).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>{@code PORT}</td><td>HTTP port, default 8080 (0 picks a free one)</td></tr>
 *   <tr><td>{@code HOST}</td><td>address to bind, default 127.0.0.1; 0.0.0.0 for all interfaces</td></tr>
 *   <tr><td>{@code DATA_DIR}</td><td>where the H2 database and demo key material live, default ./data</td></tr>
 *   <tr><td>{@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}</td><td>a JDBC database instead of H2 under DATA_DIR
 *       (PostgreSQL: {@code jdbc:postgresql://host:5432/db})</td></tr>
 *   <tr><td>{@code PUBLIC_URL}</td><td>the HTTPS address Meta reaches this app at, used to print the callback URL</td></tr>
 *   <tr><td>{@code MESSENGERKIT_MODE}</td><td>{@code demo} or {@code live}; unset: demo only when no live variable
 *       is set (see {@link StartupMode})</td></tr>
 *   <tr><td>{@code SAMPLE_WEBHOOK_WORKERS}</td><td>threads processing stored deliveries, 1 to 256</td></tr>
 *   <tr><td>{@code SAMPLE_BOT}</td><td>{@code echo}: answer every message with "You said: " and its text instead of the
 *       sample bot (for tests that match replies to messages)</td></tr>
 * </table>
 * Live mode needs {@code MESSENGER_APP_ID}, {@code MESSENGER_APP_SECRET}, {@code MESSENGER_VERIFY_TOKEN},
 * {@code MESSENGER_API_KEYS} and a token keyset; a partial live configuration is refused, naming what is missing.
 *
 * @param host       bind address
 * @param port       HTTP port; 0 means any free port
 * @param dataDir    directory for the file database and demo key material
 * @param dbUrl      JDBC URL
 * @param dbUser     JDBC user
 * @param dbPassword JDBC password, never printed
 * @param publicUrl  the externally visible base URL, or null when unknown
 * @param demo       true in demo mode (see {@link StartupMode})
 */
public record StandaloneSettings(String host, int port, Path dataDir, String dbUrl, String dbUser,
                                 String dbPassword, URI publicUrl, boolean demo) {

    private static final String PORT_EXPECTED = "PORT must be a port number from 0 to 65535, such as 8080 (0 picks a free"
            + " port)";

    public StandaloneSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dbUrl, "dbUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT_EXPECTED + ", was " + port);
        }
    }

    /**
     * Reads the variables described above from {@code env}.
     *
     * @throws IllegalArgumentException naming the variable (or every missing one) when the configuration cannot work
     */
    public static StandaloneSettings fromEnvironment(Map<String, String> env) {
        Path dataDir = Path.of(orDefault(env.get("DATA_DIR"), "data")).toAbsolutePath().normalize();
        boolean demo = StartupMode.demo(env, dataDir);
        SampleServer.workerThreads(env); // refused here, before anything starts
        String port = orDefault(env.get("PORT"), "8080");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_EXPECTED + ", was '" + port + "'");
        }
        // Demo and live data never share a database: demo tokens are the emulator's, not Meta's. WRITE_DELAY=0 writes
        // each commit to the file before the commit returns: with H2's default delay a kill -9 lost the last half
        // second of webhook deliveries that had already been answered 200 (the crash check of webhook-load.sh).
        String defaultDb = "jdbc:h2:file:" + dataDir.resolve(demo ? "demo" : "messengerkit").toString().replace('\\', '/')
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
        String publicUrl = env.get("PUBLIC_URL");
        return new StandaloneSettings(
                orDefault(env.get("HOST"), "127.0.0.1"),
                portNumber,
                dataDir,
                orDefault(env.get("DB_URL"), defaultDb),
                orDefault(env.get("DB_USER"), blank(env.get("DB_URL")) ? "sa" : ""),
                orDefault(env.get("DB_PASSWORD"), ""),
                blank(publicUrl) ? null : publicUrl(publicUrl),
                demo);
    }

    private static URI publicUrl(String value) {
        try {
            URI uri = new URI(value.trim().replaceAll("/+$", ""));
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalArgumentException("PUBLIC_URL must be the address Meta reaches this app at, such as"
                + " https://bot.example.com; was '" + value + "'");
    }

    /** True when the database is the built-in H2 file database. */
    public boolean h2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "StandaloneSettings[host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", dbUrl=" + dbUrl.replaceAll("(?i)(password=)[^;&]*", "$1***") + ", dbUser=" + dbUser
                + ", dbPassword=***, publicUrl=" + publicUrl + ", demo=" + demo + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orDefault(String s, String dflt) {
        return blank(s) ? dflt : s.trim();
    }
}
