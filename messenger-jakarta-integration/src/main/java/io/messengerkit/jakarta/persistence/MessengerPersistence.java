package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the {@value #UNIT} persistence unit outside an application server: resource-local
 * transactions on a JDBC URL instead of JTA on the server's datasource.
 *
 * <pre>{@code
 * EntityManagerFactory emf = MessengerPersistence.standalone("jdbc:h2:file:./data/messenger", "sa", "");
 * JpaTransactions tx = new ResourceLocalTransactions(emf);
 * SchemaMigrator.migrate(tx);
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
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     */
    public static Map<String, Object> standaloneProperties(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.jdbc.url", jdbcUrl);
        properties.put("jakarta.persistence.jdbc.user", user == null ? "" : user);
        properties.put("jakarta.persistence.jdbc.password", password == null ? "" : password);
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.target-server", "None");
        properties.put("eclipselink.logging.level", "WARNING");
        return properties;
    }

    /**
     * Opens the unit on a JDBC URL with resource-local transactions. The caller closes the factory.
     *
     * @param jdbcUrl the JDBC URL
     * @param user the database user
     * @param password the database password
     * @return the factory of the {@code messengerkit} unit
     */
    public static EntityManagerFactory standalone(String jdbcUrl, String user, String password) {
        return Persistence.createEntityManagerFactory(UNIT, standaloneProperties(jdbcUrl, user, password));
    }
}
