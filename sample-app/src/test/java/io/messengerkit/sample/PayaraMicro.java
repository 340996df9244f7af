package io.messengerkit.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro running one WAR: {@code java -jar payara-micro.jar --deploy app.war --contextroot /}, with a
 * root directory of its own for each run. Its {@code java:comp/DefaultDataSource} is its bundled H2.
 */
final class PayaraMicro {

    private PayaraMicro() {
    }

    static ServerProcess start(Path payaraJar, Path war, Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        requireFile(payaraJar, "Payara Micro");
        requireFile(war, "the WAR");
        Files.createDirectories(workDir);
        Path rootDir = workDir.resolve("rt-" + ProcessHandle.current().pid());
        int port = ServerProcess.freePort();
        return ServerProcess.start("Payara Micro", List.of(
                        ServerProcess.java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", payaraJar.toAbsolutePath().toString(),
                        "--nocluster",
                        "--deploy", war.toAbsolutePath().toString(), "--contextroot", "/",
                        "--port", Integer.toString(port),
                        "--rootdir", rootDir.toAbsolutePath().toString()),
                env, workDir, URI.create("http://127.0.0.1:" + port + "/"), workDir.resolve("payara.log"),
                // Payara reports a failed deployment in its log and then carries on, ready, with nothing deployed.
                log -> log.contains("Exception while loading the app"));
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " not found at " + file + ": run through Maven (mvn verify), which fetches it");
        }
    }
}
