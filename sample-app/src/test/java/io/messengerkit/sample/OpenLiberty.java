package io.messengerkit.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Open Liberty running one WAR, set up as {@code docs/deployment.md} describes: a server directory
 * {@code usr/servers/NAME} with {@code server.xml}, {@code server.env} (the application's environment) and
 * {@code bootstrap.properties} (the port), the WAR in its {@code apps/} and the JDBC driver in its {@code jdbc/},
 * then {@code bin/server run NAME}. The user directory lives outside the unpacked distribution
 * ({@code WLP_USER_DIR}), so the distribution stays untouched and every run starts clean.
 */
final class OpenLiberty {

    private static final String SERVER = "messengerkit";

    /**
     * The {@code DefaultDataSource} the WAR's persistence unit uses.
     *
     * @param driverJar  the JDBC driver
     * @param properties the {@code <properties.*>} element with the connection settings
     */
    record DataSource(Path driverJar, String properties) {

        static DataSource postgres(Path driverJar, String host, int port, String database, String user, String password,
                                   String schema) {
            return new DataSource(driverJar, "<properties.postgresql serverName=\"" + host + "\" portNumber=\"" + port
                    + "\" databaseName=\"" + database + "\" user=\"" + user + "\" password=\"" + password
                    + "\" currentSchema=\"" + schema + "\"/>");
        }

        static DataSource h2(Path driverJar, Path databaseFile) {
            return new DataSource(driverJar, "<properties URL=\"jdbc:h2:file:" + databaseFile.toAbsolutePath()
                    + "\" user=\"sa\" password=\"\"/>");
        }
    }

    private OpenLiberty() {
    }

    static ServerProcess start(Path home, Path war, Path workDir, Map<String, String> env, DataSource dataSource)
            throws IOException, InterruptedException {
        Path script = home.resolve("bin/server");
        PayaraMicro.requireFile(script, "Open Liberty");
        PayaraMicro.requireFile(war, "the WAR");
        Path userDir = workDir.resolve("usr");
        ServerProcess.deleteTree(userDir);
        Path server = Files.createDirectories(userDir.resolve("servers").resolve(SERVER));
        Files.createDirectories(server.resolve("apps"));
        Files.createDirectories(server.resolve("jdbc"));
        Files.copy(war, server.resolve("apps/sample-app.war"));
        Files.copy(dataSource.driverJar(), server.resolve("jdbc").resolve(dataSource.driverJar().getFileName()));

        int port = ServerProcess.freePort();
        Files.writeString(server.resolve("server.xml"), serverXml(dataSource));
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\n");
        Files.writeString(server.resolve("jvm.options"), "-Xmx512m\n-XX:TieredStopAtLevel=1\n");
        Files.writeString(server.resolve("server.env"), env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));

        Map<String, String> processEnv = new HashMap<>();
        processEnv.put("JAVA_HOME", ServerProcess.javaHome().toString());
        processEnv.put("WLP_USER_DIR", userDir.toAbsolutePath().toString());
        return ServerProcess.start("Open Liberty", List.of("/bin/sh", script.toString(), "run", SERVER),
                processEnv, workDir, URI.create("http://127.0.0.1:" + port + "/"), workDir.resolve("liberty.log"),
                // CWWKZ0002E: an application failed to start; CWWKZ0004E: it failed at startup.
                log -> log.contains("CWWKZ0002E") || log.contains("CWWKZ0004E"));
    }

    private static String serverXml(DataSource dataSource) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="MessengerKit sample">
                  <featureManager>
                    <feature>webProfile-10.0</feature>
                  </featureManager>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                  <library id="jdbc"><fileset dir="${server.config.dir}/jdbc" includes="*.jar"/></library>
                  <dataSource id="DefaultDataSource">
                    <jdbcDriver libraryRef="jdbc"/>
                    %s
                  </dataSource>
                  <webApplication location="sample-app.war" contextRoot="/"/>
                </server>
                """.formatted(dataSource.properties());
    }
}
