package io.messengerkit.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An application server started as a child process with the sample WAR deployed: considered up when the
 * application itself (not just the server's HTTP port) answers its health check, stopped by its PID and the
 * PIDs of its descendants (start scripts fork the JVM).
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(150);

    private final String name;
    private final Process process;
    private final URI appUri;
    private final Path log;
    private Duration startTime;

    private ServerProcess(String name, Process process, URI appUri, Path log) {
        this.name = name;
        this.process = process;
        this.appUri = appUri;
        this.log = log;
    }

    /**
     * Starts {@code command}, waits until {@code appUri + "sample/health"} answers 200 and returns the process.
     *
     * @param name             the server's name, for messages
     * @param command          the command line
     * @param env              environment variables added to this JVM's
     * @param workDir          the command's working directory
     * @param appUri           where the WAR answers, with a trailing slash
     * @param log              where the server's console output goes
     * @param deploymentFailed recognises a failed deployment in the log, after which the server stays up with nothing deployed
     */
    static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir, URI appUri,
                               Path log, Predicate<String> deploymentFailed) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, process, appUri, log);
        try {
            server.awaitApplication(deploymentFailed);
        } catch (RuntimeException | InterruptedException | Error e) {
            server.close();
            throw e;
        }
        server.startTime = Duration.ofNanos(System.nanoTime() - started);
        return server;
    }

    /** The HTTP port opens long before the WAR is deployed (404s first): wait for the app's own answer. */
    private void awaitApplication(Predicate<String> deploymentFailed) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + DEPLOY_DEADLINE.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(log));
            }
            if (deploymentFailed.test(readLog())) {
                throw new IllegalStateException(name + " could not deploy the WAR:\n" + logTail(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(appUri.resolve("sample/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port is not open yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The WAR on " + name + " did not answer sample/health within " + DEPLOY_DEADLINE
                + " (last status " + lastStatus + "):\n" + logTail(log));
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Where the WAR answers, with a trailing slash (the context root included). */
    URI appUri() {
        return appUri;
    }

    /** The server's console output. */
    Path log() {
        return log;
    }

    /** From starting the process to the application's first 200. */
    Duration startTime() {
        return startTime;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.toHandle().destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The end of a server's log, for failure messages. */
    static String logTail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A TCP port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when every port in {@code ports} can be bound on loopback right now. */
    static boolean allFree(int... ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** The java launcher running this test, so servers use the same JDK. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** {@code java.home} of the JVM running this test. */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /** Deletes a directory tree left by an earlier run. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Copies a directory tree. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
