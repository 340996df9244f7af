package io.messengerkit.keysettool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar the way an operator would, {@code java -jar messenger-keyset-tool.jar ...}, from an empty
 * directory with nothing else on the class path: no Maven, no checkout.
 */
class KeysetToolJarIT {

    private static final Pattern PRIMARY = Pattern.compile("primary key: (\\d+)");

    @TempDir
    Path dir;

    /** What one run printed and how it ended. */
    record Run(int status, String out, String err) {
    }

    private Run tool(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("keyset.tool.jar", "target/messenger-keyset-tool.jar"));
        assertTrue(Files.isRegularFile(jar), "missing " + jar + ": run through Maven (mvn verify), which builds it");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(TokenKeyset.KEYSET_ENV);
        builder.environment().remove(TokenKeyset.KEYSET_FILE_ENV);
        builder.environment().remove("CLASSPATH");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not finish");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static int primaryOf(Run info) {
        Matcher m = PRIMARY.matcher(info.out());
        assertTrue(m.find(), info.out());
        return Integer.parseUnsignedInt(m.group(1));
    }

    @Test
    void generatesRotatesAndInspectsAKeysetWhoseOldTokensStillOpen() throws Exception {
        Path keyset = dir.resolve("token-keyset.json");

        Run generated = tool(Map.of(), "generate", "--out", "token-keyset.json");
        assertEquals(0, generated.status(), generated.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));
        assertTrue(generated.err().contains("generated keyset"), generated.err());
        TokenKeyset first = TokenKeyset.fromFile(keyset);
        SealedToken sealedBefore = TokenVault.of(first).seal(TokenKey.page("bot", "100000000000001"),
                AccessToken.of("made-up-page-token"), Optional.empty(), Set.of());

        Run info = tool(Map.of(), "info", "--in", "token-keyset.json");
        assertEquals(0, info.status(), info.err());
        assertEquals(Integer.toUnsignedLong(first.primaryKeyId()), Integer.toUnsignedLong(primaryOf(info)));
        Matcher keyMaterial = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]{16,})\"")
                .matcher(Files.readString(keyset, StandardCharsets.UTF_8));
        assertTrue(keyMaterial.find(), "the keyset file holds the key");
        assertFalse(info.out().contains(keyMaterial.group(1)) || info.err().contains(keyMaterial.group(1)),
                "info never prints key material");

        Run rotated = tool(Map.of(), "rotate", "--in", "token-keyset.json");
        assertEquals(0, rotated.status(), rotated.err());
        TokenKeyset second = TokenKeyset.fromFile(keyset);
        assertEquals(2, second.keyIds().size());
        assertTrue(second.primaryKeyId() != first.primaryKeyId(), "rotate makes a new key primary");
        assertEquals("made-up-page-token", TokenVault.of(second).open(sealedBefore).reveal(),
                "a token sealed before the rotation still opens");

        Run fromEnvironment = tool(Map.of(TokenKeyset.KEYSET_FILE_ENV, keyset.toString()), "info");
        assertEquals(0, fromEnvironment.status(), fromEnvironment.err());
        assertEquals(Integer.toUnsignedLong(second.primaryKeyId()), Integer.toUnsignedLong(primaryOf(fromEnvironment)));
    }

    @Test
    void refusesToOverwriteAKeysetAndExplainsWithoutAStackTrace() throws Exception {
        assertEquals(0, tool(Map.of(), "generate", "--out", "token-keyset.json").status());
        String before = Files.readString(dir.resolve("token-keyset.json"));

        Run again = tool(Map.of(), "generate", "--out", "token-keyset.json");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("exists"), again.err());
        assertEquals(before, Files.readString(dir.resolve("token-keyset.json")), "the keyset is untouched");

        Run missing = tool(Map.of(), "info", "--in", "no-such-keyset.json");
        assertEquals(1, missing.status());
        assertFalse(missing.err().contains("\tat ") || missing.err().contains("NoClassDefFoundError"), missing.err());

        Run usage = tool(Map.of());
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("generate"), usage.err());
    }
}
