package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.messengerkit.AccessToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysetTest {
    private static final TokenKey KEY = TokenKey.user("chatbot-1", "100200300");

    @TempDir
    Path dir;

    private static void assertSameKeys(TokenKeyset expected, TokenKeyset actual) {
        assertEquals(expected.primaryKeyId(), actual.primaryKeyId());
        assertEquals(expected.keyIds(), actual.keyIds());
        SealedToken sealed = TokenVault.of(expected).seal(KEY, AccessToken.of("made-up"), Optional.empty(), Set.of());
        assertEquals("made-up", TokenVault.of(actual).open(sealed).reveal());
    }

    @Test
    void survivesTinkJsonRoundTrip() {
        TokenKeyset keyset = TokenKeyset.generate().rotate();
        String json = keyset.toJson();
        assertTrue(json.contains("\"primaryKeyId\""), "Tink's JSON keyset format");
        assertTrue(json.contains("type.googleapis.com/google.crypto.tink.AesGcmKey"));
        assertSameKeys(keyset, TokenKeyset.fromJson(json));
    }

    @Test
    void loadsFromTheEnvironmentAsJsonAsBase64OrFromAFile() {
        TokenKeyset keyset = TokenKeyset.generate();
        String json = keyset.toJson();
        assertSameKeys(keyset, TokenKeyset.fromEnvironment(Map.of(TokenKeyset.KEYSET_ENV, json)));
        String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertSameKeys(keyset, TokenKeyset.fromEnvironment(Map.of(TokenKeyset.KEYSET_ENV, base64)));

        Path file = dir.resolve("keyset.json");
        keyset.writeTo(file);
        assertSameKeys(keyset, TokenKeyset.fromEnvironment(Map.of(TokenKeyset.KEYSET_FILE_ENV, file.toString())));
    }

    @Test
    void writesKeysetFilesReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("keyset.json");
        TokenKeyset.generate().writeTo(file);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void loadsTheKeysetTheMessengerConfigNames() {
        TokenKeyset keyset = TokenKeyset.generate();
        Path file = dir.resolve("from-config.json");
        keyset.writeTo(file);
        Map<String, String> base = Map.of("MESSENGER_APP_ID", "1234", "MESSENGER_APP_SECRET", "made-up-secret");
        java.util.HashMap<String, String> inline = new java.util.HashMap<>(base);
        inline.put(TokenKeyset.KEYSET_ENV, keyset.toJson());
        java.util.HashMap<String, String> fromFile = new java.util.HashMap<>(base);
        fromFile.put(TokenKeyset.KEYSET_FILE_ENV, file.toString());

        assertSameKeys(keyset, TokenKeyset.from(io.messengerkit.config.MessengerConfig.fromEnvironment(inline)));
        assertSameKeys(keyset, TokenKeyset.from(io.messengerkit.config.MessengerConfig.fromEnvironment(fromFile)));
        TokenVaultException e = assertThrows(TokenVaultException.class,
                () -> TokenKeyset.from(io.messengerkit.config.MessengerConfig.fromEnvironment(base)));
        assertTrue(e.getMessage().contains(TokenKeyset.KEYSET_ENV), e.getMessage());
    }

    @Test
    void missingConfigurationNamesTheVariables() {
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> TokenKeyset.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains(TokenKeyset.KEYSET_ENV));
        assertTrue(e.getMessage().contains(TokenKeyset.KEYSET_FILE_ENV));
    }

    @Test
    void brokenKeysetIsRejectedWithoutEchoingIt() {
        String broken = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"value\": \"c2VjcmV0LWtleS1ieXRlcw==\"}}]}";
        TokenVaultException e = assertThrows(TokenVaultException.class,
                () -> TokenKeyset.fromEnvironment(Map.of(TokenKeyset.KEYSET_ENV, broken)));
        assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
        assertTrue(e.getMessage().contains(TokenKeyset.KEYSET_ENV));
        assertThrows(TokenVaultException.class,
                () -> TokenKeyset.fromEnvironment(Map.of(TokenKeyset.KEYSET_ENV, "%%% not base64 %%%")));
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.json");
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> TokenKeyset.fromFile(missing));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void refusesKeysOtherThanAes256Gcm() throws Exception {
        KeysetHandle aes128 = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM, TokenKeyset.CONFIG);
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> TokenKeyset.of(aes128));
        assertTrue(e.getMessage().contains("AES-256-GCM"), e.getMessage());
    }

    @Test
    void encryptedKeysetOpensOnlyWithItsKeyEncryptionKey() throws Exception {
        // A local Tink AEAD stands in for a KMS key: TokenKeyset only ever sees the Aead interface.
        Aead kek = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TokenKeyset.CONFIG)
                .getPrimitive(TokenKeyset.CONFIG, Aead.class);
        Aead otherKek = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TokenKeyset.CONFIG)
                .getPrimitive(TokenKeyset.CONFIG, Aead.class);
        TokenKeyset keyset = TokenKeyset.generate();
        String wrapped = keyset.toEncryptedJson(kek);
        assertTrue(wrapped.contains("encryptedKeyset"));

        assertSameKeys(keyset, TokenKeyset.fromEncryptedJson(wrapped, kek));
        TokenVaultException e = assertThrows(TokenVaultException.class,
                () -> TokenKeyset.fromEncryptedJson(wrapped, otherKek));
        assertTrue(e.getMessage().contains("key-encryption key"), e.getMessage());
    }

    @Test
    void rotationAddsAPrimaryAndRetiringRemovesOnlyOldKeys() {
        TokenKeyset first = TokenKeyset.generate();
        TokenKeyset rotated = first.rotate();
        assertEquals(first.primaryKeyId(), rotated.keyIds().get(0));
        assertTrue(rotated.keyIds().contains(rotated.primaryKeyId()));

        assertThrows(TokenVaultException.class, () -> rotated.retire(rotated.primaryKeyId()));
        TokenKeyset retired = rotated.retire(first.primaryKeyId());
        assertEquals(java.util.List.of(rotated.primaryKeyId()), retired.keyIds());
        assertThrows(TokenVaultException.class, () -> retired.retire(first.primaryKeyId()));
    }

    @Test
    void describesItselfByKeyIdsOnly() {
        TokenKeyset keyset = TokenKeyset.generate();
        assertEquals("TokenKeyset[primary=" + Integer.toUnsignedString(keyset.primaryKeyId()) + ", keys=["
                + Integer.toUnsignedString(keyset.primaryKeyId()) + "]]", keyset.toString());
    }
}
