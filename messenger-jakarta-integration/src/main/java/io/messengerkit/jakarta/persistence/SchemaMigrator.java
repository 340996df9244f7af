package io.messengerkit.jakarta.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates and upgrades this module's tables from versioned SQL scripts
 * ({@code META-INF/messengerkit/schema/V<n>__<name>.sql}), recording each applied version in
 * {@code messenger_schema_version}. The scripts are portable between H2 and PostgreSQL and
 * idempotent, so running the migrator on every start is safe and gives the same schema on every
 * database.
 */
public final class SchemaMigrator {
    /** The scripts, oldest first. A new schema version is a new script appended here. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__deduplication_claims.sql",
            "V20__reply_latency.sql");

    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());
    private static final String LOCATION = "/META-INF/messengerkit/schema/";

    private SchemaMigrator() {
    }

    /**
     * Applies every script not yet recorded, each version in its own transaction.
     *
     * @param transactions runs units of work in database transactions
     * @return the versions applied by this call, possibly none
     */
    public static List<Integer> migrate(JpaTransactions transactions) {
        transactions.requiresNew(em -> em.createNativeQuery(
                "CREATE TABLE IF NOT EXISTS messenger_schema_version ("
                        + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)")
                .executeUpdate());
        Set<Integer> applied = appliedVersions(transactions);
        List<Integer> now = new ArrayList<>();
        for (String script : SCRIPTS) {
            int version = versionOf(script);
            if (applied.contains(version)) {
                continue;
            }
            List<String> statements = statements(read(script));
            transactions.requiresNew(em -> {
                for (String sql : statements) {
                    em.createNativeQuery(sql).executeUpdate();
                }
                em.createNativeQuery("INSERT INTO messenger_schema_version (version, script, applied_at) VALUES (?, ?, ?)")
                        .setParameter(1, version)
                        .setParameter(2, script)
                        .setParameter(3, java.sql.Timestamp.from(Instant.now()))
                        .executeUpdate();
                return null;
            });
            LOG.log(Level.INFO, "Applied MessengerKit schema version {0} ({1})", version, script);
            now.add(version);
        }
        return now;
    }

    /**
     * Versions recorded in {@code messenger_schema_version}.
     *
     * @param transactions runs units of work in database transactions
     * @return the applied versions
     */
    public static Set<Integer> appliedVersions(JpaTransactions transactions) {
        return transactions.requiresNew(em -> {
            Set<Integer> versions = new TreeSet<>();
            for (Object v : em.createNativeQuery("SELECT version FROM messenger_schema_version").getResultList()) {
                versions.add(((Number) v).intValue());
            }
            return versions;
        });
    }

    static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    static String read(String script) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the jar: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script into statements: drops comment lines, splits on semicolons at line ends. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
