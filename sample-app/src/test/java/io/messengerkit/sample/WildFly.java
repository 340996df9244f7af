package io.messengerkit.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WildFly running one WAR from its deployment scanner, as {@code docs/deployment.md} describes: the WAR copied
 * to {@code deployments/} and {@code bin/standalone.sh} started. The unpacked distribution stays untouched: each
 * run gets a server base directory of its own (a copy of {@code standalone/configuration}), and all ports move
 * by one offset chosen so that every one of them is free. The default datasource is WildFly's in-memory H2
 * ({@code ExampleDS}); JPA is Hibernate, JAX-RS is RESTEasy.
 */
final class WildFly {

    /** The ports of the default {@code standalone.xml} socket bindings, all moved by the offset. */
    private static final int[] DEFAULT_PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};
    private static final int HTTP = 8080;

    private WildFly() {
    }

    /**
     * Deploys {@code war} as {@code deployments/<warName>}; WildFly serves it at {@code /<warName without .war>/}
     * ({@code ROOT.war} at {@code /}).
     */
    static ServerProcess start(Path home, Path war, String warName, Path workDir, Map<String, String> env)
            throws IOException, InterruptedException {
        Path script = home.resolve("bin/standalone.sh");
        PayaraMicro.requireFile(script, "WildFly");
        PayaraMicro.requireFile(war, "the WAR");
        Path base = workDir.resolve("base");
        ServerProcess.deleteTree(base);
        ServerProcess.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, base.resolve("deployments").resolve(warName));

        int offset = freeOffset();
        int port = HTTP + offset;
        Map<String, String> processEnv = new HashMap<>(env);
        processEnv.put("JAVA_HOME", ServerProcess.javaHome().toString());
        processEnv.put("JAVA_OPTS", "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true");
        String context = warName.equals("ROOT.war") ? "/" : "/" + warName.substring(0, warName.length() - ".war".length()) + "/";
        return ServerProcess.start("WildFly", List.of("/bin/sh", script.toString(),
                        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                        "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                        "-Djboss.socket.binding.port-offset=" + offset),
                processEnv, workDir, URI.create("http://127.0.0.1:" + port + context), workDir.resolve("wildfly.log"),
                // The scanner writes a .failed marker next to a WAR it could not deploy.
                log -> Files.exists(base.resolve("deployments").resolve(warName + ".failed")));
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 55_000);
            int[] ports = new int[DEFAULT_PORTS.length];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = DEFAULT_PORTS[i] + offset;
            }
            if (ServerProcess.allFree(ports)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all of WildFly's ports free");
    }
}
