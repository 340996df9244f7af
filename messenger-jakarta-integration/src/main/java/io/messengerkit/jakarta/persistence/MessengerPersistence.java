package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the {@value #UNIT} persistence unit outside an application server: resource-local
 * transactions on a JDBC URL instead of JTA on the server's datasource, on a schema migrated
 * first. Works with EclipseLink and Hibernate, on H2, PostgreSQL and MariaDB.
 *
 * <pre>{@code
 * EntityManagerFactory emf = MessengerPersistence.standalone("jdbc:h2:file:./data/messenger", "sa", "");
 * JpaTransactions tx = new ResourceLocalTransactions(emf);
 * }</pre>
 */
public final class MessengerPersistence {
    /** The persistence unit name in this module's {@code META-INF/persistence.xml}. */
    public static final String UNIT = "messengerkit";

    private MessengerPersistence() {
    }

    /**
     * {@return the property overrides that turn the container unit into a standalone one}
     *
     * <p>The unit's JTA datasource is left alone rather than overridden with an empty name:
     * resource-local transactions with JDBC settings make both providers ignore it, while an empty
     * name makes Hibernate fail on a JNDI lookup of "".
     *
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     */
    public static Map<String, Object> standaloneProperties(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jdbc.url", jdbcUrl);
        properties.put("jakarta.persistence.jdbc.user", user == null ? "" : user);
        properties.put("jakarta.persistence.jdbc.password", password == null ? "" : password);
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.target-server", "None");
        properties.put("eclipselink.logging.level", "WARNING");
        // EclipseLink's own connection pool keeps each connection's prepared statements: the queue's statements,
        // run several times per event, are then parsed and planned once per connection, not at every use.
        properties.put("eclipselink.jdbc.cache-statements", "true");
        return properties;
    }

    /**
     * Migrates the schema ({@link MessengerSchema}), then opens the unit on a JDBC URL with
     * resource-local transactions. The caller closes the factory.
     *
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     * @return the factory of the {@code messengerkit} unit
     */
    public static EntityManagerFactory standalone(String jdbcUrl, String user, String password) {
        return standalone(jdbcUrl, user, password, Map.of());
    }

    /**
     * {@link #standalone(String, String, String)} with more properties for the provider (tuning,
     * or {@code jakarta.persistence.provider} when several providers are on the class path).
     *
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     * @param more provider properties added to (and overriding) the standalone ones
     * @return the factory of the {@code messengerkit} unit
     */
    public static EntityManagerFactory standalone(String jdbcUrl, String user, String password, Map<String, ?> more) {
        MessengerSchema.migrate(jdbcUrl, user, password);
        Map<String, Object> properties = standaloneProperties(jdbcUrl, user, password);
        properties.putAll(more);
        return Persistence.createEntityManagerFactory(UNIT, properties);
    }
}
