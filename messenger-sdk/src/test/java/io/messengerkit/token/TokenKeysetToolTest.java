package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysetToolTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return TokenKeysetTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatesRotatesAndRetiresAKeysetFileWithoutLosingTokens() {
        Path file = dir.resolve("token-keyset.json");
        assertEquals(0, run(Map.of(), "generate", "--out", file.toString()), stderr());
        TokenKeyset generated = TokenKeyset.fromFile(file);
        SealedToken old = TokenVault.of(generated).seal(TokenKey.page("bot", "1"), AccessToken.of("EAAold"),
                Optional.empty(), Set.of());

        assertEquals(0, run(Map.of(), "rotate", "--in", file.toString()), stderr());
        assertTrue(stderr().contains("new primary key"));
        TokenKeyset rotated = TokenKeyset.fromFile(file);
        assertEquals(2, rotated.keyIds().size());
        assertEquals("EAAold", TokenVault.of(rotated).open(old).reveal(), "old tokens still open");

        InMemoryTokenStore store = new InMemoryTokenStore();
        store.put(old);
        assertEquals(1, new TokenService(store, TokenVault.of(rotated)).resealAll().resealed());

        String oldId = Integer.toUnsignedString(generated.primaryKeyId());
        assertEquals(0, run(Map.of(), "retire", "--key-id", oldId, "--in", file.toString()), stderr());
        TokenKeyset retired = TokenKeyset.fromFile(file);
        assertEquals(java.util.List.of(rotated.primaryKeyId()), retired.keyIds());
        assertEquals("EAAold", TokenVault.of(retired).open(store.get(old.key()).orElseThrow()).reveal());

        assertEquals(0, run(Map.of(), "info", "--in", file.toString()));
        assertTrue(stdout().contains("primary key: " + Integer.toUnsignedString(retired.primaryKeyId())));
        assertFalse(stdout().contains("value"), "info shows no key material");
    }

    @Test
    void addsAKeyThenPromotesItForRollingDeploys() {
        Path file = dir.resolve("token-keyset.json");
        TokenKeyset original = TokenKeyset.generate();
        original.writeTo(file);

        assertEquals(0, run(Map.of(), "add-key", "--in", file.toString()), stderr());
        TokenKeyset staged = TokenKeyset.fromFile(file);
        assertEquals(original.primaryKeyId(), staged.primaryKeyId(), "the new key is not used yet");
        int added = staged.keyIds().get(1);
        SealedToken sealedByNewKey = TokenVault.of(staged.promote(added))
                .seal(TokenKey.user("bot", "1"), AccessToken.of("EAAnew"), Optional.empty(), Set.of());
        assertEquals("EAAnew", TokenVault.of(staged).open(sealedByNewKey).reveal(),
                "instances with the staged keyset open what the promoted key seals");

        assertEquals(0, run(Map.of(), "promote", "--key-id", Integer.toUnsignedString(added), "--in", file.toString()),
                stderr());
        assertEquals(added, TokenKeyset.fromFile(file).primaryKeyId());
        assertEquals(1, run(Map.of(), "promote", "--key-id", "12345", "--in", file.toString()));
        assertTrue(stderr().contains("not in this keyset"), stderr());
    }

    @Test
    void generateToStdoutGivesOnlyKeysetJson() {
        assertEquals(0, run(Map.of(), "generate"));
        TokenKeyset keyset = TokenKeyset.fromJson(stdout());
        assertTrue(stderr().contains(Integer.toUnsignedString(keyset.primaryKeyId())));
    }

    @Test
    void rotatesTheKeysetFromTheEnvironmentToStdout() {
        TokenKeyset current = TokenKeyset.generate();
        assertEquals(0, run(Map.of(TokenKeyset.KEYSET_ENV, current.toJson()), "rotate"));
        TokenKeyset rotated = TokenKeyset.fromJson(stdout());
        assertTrue(rotated.keyIds().contains(current.primaryKeyId()));
        assertEquals(2, rotated.keyIds().size());
    }

    @Test
    void refusesToOverwriteAKeysetWithANewOne() throws Exception {
        Path file = dir.resolve("k.json");
        TokenKeyset.generate().writeTo(file);
        String before = Files.readString(file);
        assertEquals(1, run(Map.of(), "generate", "--out", file.toString()));
        assertTrue(stderr().contains("--force"));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void reportsProblemsWithExitStatus() {
        assertEquals(2, run(Map.of()));
        assertEquals(2, run(Map.of(), "explode"));
        assertEquals(2, run(Map.of(), "rotate", "--bogus"));
        assertEquals(2, run(Map.of(), "retire", "--in", "x.json"));
        assertEquals(1, run(Map.of(), "info"));
        assertTrue(stderr().contains(TokenKeyset.KEYSET_ENV), stderr());
        assertEquals(1, run(Map.of(), "rotate", "--in", dir.resolve("missing.json").toString()));
        assertEquals(0, run(Map.of(), "help"));
    }
}
