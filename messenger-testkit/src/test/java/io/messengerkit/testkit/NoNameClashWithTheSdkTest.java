package io.messengerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Code that imports the SDK's packages and the testkit's on demand sees every simple name once. */
class NoNameClashWithTheSdkTest {

    @Test
    void noPublicTestkitTypeSharesItsSimpleNameWithAPublicSdkType() throws Exception {
        Map<String, String> sdk = publicTypes(AppSecret.class);
        Map<String, String> testkit = publicTypes(PlatformEmulator.class);
        assertTrue(sdk.containsKey("WebhookEvent") && testkit.containsKey("PlatformEmulator"), "types not found");

        Set<String> clashes = new TreeSet<>();
        testkit.forEach((name, type) -> {
            if (sdk.containsKey(name)) {
                clashes.add(type + " and " + sdk.get(name));
            }
        });

        assertEquals(Set.of(), clashes);
    }

    /** Simple name to full name of every public top-level type in the artifact that holds {@code member}. */
    private static Map<String, String> publicTypes(Class<?> member) throws IOException, URISyntaxException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> types = new TreeMap<>();
        if (Files.isDirectory(location)) {
            collect(location, member.getClassLoader(), types);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                collect(jar.getPath("/"), member.getClassLoader(), types);
            }
        }
        return types;
    }

    private static void collect(Path root, ClassLoader loader, Map<String, String> types) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.contains("$") || relative.endsWith("-info.class") || relative.startsWith("META-INF")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(name, false, loader);
                    if (Modifier.isPublic(type.getModifiers()) && !name.contains(".internal.")) {
                        types.put(type.getSimpleName(), name);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
    }
}
