package io.messengerkit.sample;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample WAR on Open Liberty 26 (RESTEasy-based JAX-RS, EclipseLink) with PostgreSQL as its default
 * datasource, in a schema of its own, when {@code MESSENGERKIT_TEST_POSTGRES_URL} names a server (as in CI);
 * otherwise on an H2 file database.
 */
class OpenLibertyIT extends DeployedWarChecks {

    private PostgresSchema schema;

    @Override
    ServerProcess deploy(Path war, Path target, Map<String, String> env) throws Exception {
        Path home = Path.of(System.getProperty("liberty.home", target.resolve("servers/wlp").toString()));
        Path workDir = target.resolve("liberty");
        OpenLiberty.DataSource dataSource;
        if (PostgresSchema.configured()) {
            schema = PostgresSchema.create("it_liberty");
            dataSource = OpenLiberty.DataSource.postgres(PostgresSchema.driverJar(), schema.host(), schema.port(),
                    schema.database(), schema.user(), schema.password(), schema.name());
        } else {
            dataSource = OpenLiberty.DataSource.h2(
                    Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    workDir.resolve("h2/messengerkit"));
        }
        return OpenLiberty.start(home, war, workDir, env, dataSource);
    }

    @Override
    void assertStoredInDatabase(String pageId) throws Exception {
        if (schema == null) {
            return;
        }
        try (Connection c = schema.connect();
             PreparedStatement query = c.prepareStatement("select count(*) from messenger_page where page_id = ? and chatbot_id = ?")) {
            query.setString(1, pageId);
            query.setString(2, CHATBOT);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next() && rows.getInt(1) == 1, "the linked page is a row in PostgreSQL schema " + schema.name());
            }
        }
    }

    @Override
    void cleanUp() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
