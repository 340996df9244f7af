package io.messengerkit.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process running one WAR: started with {@code java -jar payara-micro.jar --deploy},
 * considered up when the application (not just the HTTP port) answers, stopped by its PID.
 */
final class PayaraMicro implements AutoCloseable {

    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(120);

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private PayaraMicro(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    static PayaraMicro start(Path payaraJar, Path war, Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        if (!Files.isRegularFile(payaraJar)) {
            throw new IllegalStateException("Payara Micro not found at " + payaraJar + ": run through Maven (mvn verify), which fetches it");
        }
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("WAR not found at " + war + ": run through Maven (mvn verify)");
        }
        Files.createDirectories(workDir);
        Path rootDir = workDir.resolve("rt-" + ProcessHandle.current().pid());
        Path log = workDir.resolve("payara.log");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", payaraJar.toAbsolutePath().toString(),
                "--nocluster",
                "--deploy", war.toAbsolutePath().toString(), "--contextroot", "/",
                "--port", Integer.toString(port),
                "--rootdir", rootDir.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        PayaraMicro payara = new PayaraMicro(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        try {
            payara.awaitApplication();
        } catch (RuntimeException | InterruptedException e) {
            payara.close();
            throw e;
        }
        return payara;
    }

    /** The HTTP port opens long before the WAR is deployed (404s first): wait for the app's own answer. */
    private void awaitApplication() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + DEPLOY_DEADLINE.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + ":\n" + logTail(log));
            }
            if (deploymentFailed()) {
                throw new IllegalStateException("Payara Micro could not deploy the WAR:\n" + logTail(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(baseUri.resolve("sample/health")).timeout(Duration.ofSeconds(5)).build(),
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
        throw new IllegalStateException("The WAR did not answer /health within " + DEPLOY_DEADLINE
                + " (last status " + lastStatus + "):\n" + logTail(log));
    }

    /** Payara reports a failed deployment in its log and then carries on, ready, with nothing deployed. */
    private boolean deploymentFailed() {
        try {
            return Files.readString(log).contains("Exception while loading the app");
        } catch (IOException e) {
            return false;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle == null) {
            return;
        }
        handle.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The end of the server's log, for failure messages. */
    static String logTail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
