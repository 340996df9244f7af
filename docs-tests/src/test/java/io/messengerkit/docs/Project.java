package io.messengerkit.docs;

import java.io.File;
import java.nio.file.Path;

/** Where the repository's files are, and the class path the docs' code is compiled against. */
final class Project {
    private Project() {
    }

    /** The repository root (the build passes it; from the module directory it is the parent). */
    static Path root() {
        return Path.of(System.getProperty("messengerkit.root", "..")).toAbsolutePath().normalize();
    }

    static Path docs() {
        return root().resolve("docs");
    }

    /** The test class path: Surefire and Failsafe start the JVM with a manifest-only jar and name the real one here. */
    static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        return classPath == null || classPath.isBlank() ? System.getProperty("java.class.path") : classPath;
    }

    static Path target() {
        return Path.of(System.getProperty("messengerkit.target", "target")).toAbsolutePath().normalize();
    }

    static String[] classPathEntries() {
        return testClassPath().split(File.pathSeparator);
    }
}
