package io.messengerkit.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Maven project a reader would make from the docs, in a directory of its own: a {@code pom.xml}, the
 * documented sources, and a settings file that builds it offline against a repository holding only this
 * build's artifacts plus, read through a {@code file:} mirror, the ones Maven already has on this machine.
 * Offline mode with only the {@code file} protocol allowed guarantees that nothing is fetched from a network.
 */
final class FreshProject {
    private final Path dir;
    private final Path repository;
    private final Path mavenCache;

    FreshProject(Path dir, Path repository, Path mavenCache) {
        this.dir = dir;
        this.repository = repository;
        this.mavenCache = mavenCache;
    }

    Path dir() {
        return dir;
    }

    /** Empties the directory and writes the settings file. */
    FreshProject create() {
        delete(dir);
        write("settings.xml", """
                <settings>
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                  <mirrors>
                    <mirror>
                      <id>maven-cache-on-this-machine</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                  <!-- A local repository keeps no checksum files for some artifacts: do not warn about each. -->
                  <profiles>
                    <profile>
                      <id>no-checksums</id>
                      <repositories>
                        <repository><id>central</id><url>https://repo.maven.apache.org/maven2</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>central</id><url>https://repo.maven.apache.org/maven2</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>no-checksums</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, mavenCache.toUri()));
        return this;
    }

    /** Writes a file of the project, creating its directories. */
    FreshProject write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The pom with more {@code <dependency>} elements added to its {@code <dependencies>}. */
    static String withDependencies(String pom, String dependencyElements) {
        int end = pom.lastIndexOf("</dependencies>");
        if (end < 0) {
            throw new AssertionError("the documented pom.xml has no <dependencies> to add to");
        }
        String indented = dependencyElements.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        return pom.substring(0, end) + "  <!-- added from docs/jakarta.md (standalone) -->\n" + indented + "\n  "
                + pom.substring(end);
    }

    /** Runs Maven in the project, offline; returns its exit status, with the output in {@code <name>.log}. */
    int maven(String name, Duration timeout, String... goals) throws IOException, InterruptedException {
        Path mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "-o", "-Daether.offline.protocols=file",
                "-s", "settings.xml", "-gs", "settings.xml"));
        Collections.addAll(command, goals);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        withoutApplicationSettings(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " did not finish within " + timeout + "\n" + tail(name));
        }
        return process.exitValue();
    }

    /** The last lines of a log, for failure messages. */
    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The class path a reader gets with {@code dependency:build-classpath}, plus the compiled classes. */
    String runtimeClassPath(String classPathFile) throws IOException {
        return dir.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(dir.resolve(classPathFile)).strip();
    }

    /** Starts {@code java -cp classPath mainClass} in the project with exactly the given application settings. */
    RunningApp start(String classPath, String mainClass, Map<String, String> settings) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classPath, mainClass)
                .directory(dir.toFile()).redirectErrorStream(true);
        withoutApplicationSettings(builder.environment());
        builder.environment().putAll(settings);
        return new RunningApp(mainClass, builder.start());
    }

    /** The test run's own MESSENGER_*, PORT and DB_* variables must not leak into what the reader would run. */
    private static void withoutApplicationSettings(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("MESSENGER_") || k.equals("PORT") || k.startsWith("DB_")
                || k.equals("PAGE_ACCESS_TOKEN") || k.equals("MAVEN_OPTS") || k.equals("MAVEN_ARGS"));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started application: its output, collected line by line, and a way to wait for a line. */
    static final class RunningApp implements AutoCloseable {
        private final String name;
        private final Process process;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());

        RunningApp(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (IOException e) {
                    output.add("(output ended: " + e + ")");
                }
            }, name + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix} and returns the rest of it. */
        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (output) {
                    for (String line : output) {
                        if (line.startsWith(prefix)) {
                            return line.substring(prefix.length()).strip();
                        }
                    }
                }
                if (!process.isAlive() && process.exitValue() != 0) {
                    Thread.sleep(200);   // let the reader take the last lines
                    throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + prefix
                            + "':\n" + output());
                }
                Thread.sleep(50);
            }
            throw new AssertionError(name + " did not print '" + prefix + "' within " + timeout + ":\n" + output());
        }

        /** Waits for the process to end by itself and returns its exit status. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + ":\n" + output());
            }
            Thread.sleep(200);
            return process.exitValue();
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        /** Stops it as Ctrl+C would (its shutdown hooks run), forcibly if it does not end. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
