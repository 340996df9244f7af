package io.messengerkit.token;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.messengerkit.config.MessengerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The keys a {@link TokenVault} seals and opens tokens with: a Tink keyset of AES-256-GCM keys,
 * one of them primary.
 *
 * <p>New tokens are sealed with the primary key; every enabled key opens the tokens it sealed, so
 * after {@link #rotate()} old ciphertexts keep working until {@link TokenService#resealAll()} has
 * moved them to the new primary and the old key is {@link #retire retired}.
 *
 * <p>Keysets are read in Tink's JSON keyset format: in clear from {@value #KEYSET_ENV} or the
 * file named by {@value #KEYSET_FILE_ENV}, or wrapped by a key-encryption key held in a KMS with
 * {@link #fromEncryptedJson} (the production path: the keyset at rest is useless without the
 * KMS). {@link TokenKeysetTool} generates and rotates keysets from the command line.
 *
 * <p>{@link #toString()} shows key ids only; key material leaves this object only through
 * {@link #toJson()}, {@link #toEncryptedJson} and {@link #writeTo}.
 */
public final class TokenKeyset {
    /** Environment variable holding a keyset in Tink JSON (or that JSON in base64). */
    public static final String KEYSET_ENV = "MESSENGER_TOKEN_KEYSET";
    /** Environment variable naming a file that holds a keyset in Tink JSON. */
    public static final String KEYSET_FILE_ENV = "MESSENGER_TOKEN_KEYSET_FILE";

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    /** Tink's registry configuration, with the AEAD key types registered below. */
    static final Configuration CONFIG;

    static {
        try {
            AeadConfig.register();
            CONFIG = RegistryConfiguration.get();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;

    private TokenKeyset(KeysetHandle handle) {
        this.handle = handle;
    }

    /**
     * A new keyset with one fresh AES-256-GCM key.
     *
     * @return the keyset
     */
    public static TokenKeyset generate() {
        try {
            return new TokenKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, CONFIG));
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not generate an AES-256-GCM keyset", e);
        }
    }

    /**
     * Wraps a keyset obtained some other way (a KMS, a secrets manager). Every key must be an
     * AES-256-GCM key with Tink's key-id prefix.
     *
     * @param handle the Tink keyset
     * @return the wrapped keyset
     */
    public static TokenKeyset of(KeysetHandle handle) {
        Objects.requireNonNull(handle, "handle");
        return new TokenKeyset(validated(handle));
    }

    /**
     * Parses a cleartext keyset in Tink's JSON keyset format.
     *
     * @param json the keyset JSON
     * @return the keyset
     */
    public static TokenKeyset fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return of(TinkJsonProtoKeysetFormat.parseKeyset(json, CONFIG, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof TokenVaultException vaultException) {
                throw vaultException;
            }
            // The cause may quote the input, which is key material: keep it out.
            throw new TokenVaultException("the token keyset is not a valid Tink JSON keyset");
        }
    }

    /**
     * Parses a keyset in Tink's JSON format whose key material is encrypted by a key-encryption
     * key, typically a KMS key ({@code tinkey create-keyset --master-key-uri ...} writes such
     * files). Tink's KMS integrations ({@code tink-gcpkms}, {@code tink-awskms}) give the
     * {@link Aead} for a key URI.
     *
     * @param json the encrypted keyset JSON
     * @param keyEncryptionKey the key-encryption key, usually from a KMS
     * @return the keyset
     */
    public static TokenKeyset fromEncryptedJson(String json, Aead keyEncryptionKey) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        try {
            return of(TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, keyEncryptionKey, NO_ASSOCIATED_DATA, CONFIG));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof TokenVaultException vaultException) {
                throw vaultException;
            }
            throw new TokenVaultException(
                    "the encrypted token keyset could not be decrypted with the given key-encryption key", e);
        }
    }

    /**
     * Reads a cleartext keyset in Tink's JSON keyset format from a file.
     *
     * @param path the file
     * @return the keyset
     */
    public static TokenKeyset fromFile(Path path) {
        Objects.requireNonNull(path, "path");
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenVaultException("cannot read the token keyset file " + path + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(json);
        } catch (TokenVaultException e) {
            throw new TokenVaultException(e.getMessage() + " (file " + path + ")");
        }
    }

    /**
     * Loads the keyset named by this process's environment; see {@link #fromEnvironment(Map)}.
     *
     * @return the keyset
     */
    public static TokenKeyset fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Loads the keyset from {@value #KEYSET_ENV} (Tink JSON, or that JSON base64-encoded for
     * platforms that mangle multi-line variables) or else from the file named by
     * {@value #KEYSET_FILE_ENV}.
     *
     * @param env the environment to read
     * @return the keyset
     * @throws TokenVaultException if neither is set or the keyset is unusable
     */
    public static TokenKeyset fromEnvironment(Map<String, String> env) {
        String inline = env.get(KEYSET_ENV);
        if (inline != null && !inline.isBlank()) {
            String json = inline.strip();
            if (!json.startsWith("{")) {
                try {
                    json = new String(Base64.getMimeDecoder().decode(json), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new TokenVaultException(KEYSET_ENV + " is neither Tink JSON nor base64 of it");
                }
            }
            try {
                return fromJson(json);
            } catch (TokenVaultException e) {
                throw new TokenVaultException(e.getMessage() + " (from " + KEYSET_ENV + ")");
            }
        }
        String file = env.get(KEYSET_FILE_ENV);
        if (file != null && !file.isBlank()) {
            return fromFile(Path.of(file.strip()));
        }
        throw new TokenVaultException("no token keyset configured: set " + KEYSET_ENV + " or " + KEYSET_FILE_ENV
                + " (generate one with: java io.messengerkit.token.TokenKeysetTool generate)");
    }

    /**
     * Loads the keyset a {@link MessengerConfig} names: its inline {@code tokenKeyset} (Tink JSON,
     * or base64 of it) or else its {@code tokenKeysetFile}. {@code MessengerConfig.fromEnvironment()}
     * reads them from {@value #KEYSET_ENV} and {@value #KEYSET_FILE_ENV}.
     *
     * @param config the configuration that names the keyset
     * @return the keyset
     * @throws TokenVaultException if the configuration names no keyset or it is unusable
     */
    public static TokenKeyset from(MessengerConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, String> settings = new HashMap<>();
        config.tokenKeyset().ifPresent(json -> settings.put(KEYSET_ENV, json));
        config.tokenKeysetFile().ifPresent(file -> settings.put(KEYSET_FILE_ENV, file.toString()));
        return fromEnvironment(settings);
    }

    /**
     * A copy of this keyset with a fresh AES-256-GCM key added as primary. The old keys stay
     * enabled, so tokens they sealed still open.
     *
     * @return the new keyset; this one is unchanged
     */
    public TokenKeyset rotate() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return new TokenKeyset(rotated);
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not add a new primary key to the token keyset", e);
        }
    }

    /**
     * A copy of this keyset with a fresh AES-256-GCM key that is <em>not</em> primary yet: the
     * first half of a rotation across several running instances. Deploy it everywhere, so every
     * instance can open what the new key will seal, then {@link #promote} it.
     *
     * @return the new keyset; this one is unchanged
     */
    public TokenKeyset withNewKey() {
        try {
            return new TokenKeyset(KeysetHandle.newBuilder(handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not add a key to the token keyset", e);
        }
    }

    /**
     * A copy of this keyset with {@code keyId} as primary: new tokens are sealed with it.
     *
     * @param keyId the key to make primary
     * @return the new keyset; this one is unchanged
     * @throws TokenVaultException if the key is not in the keyset
     */
    public TokenKeyset promote(int keyId) {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        for (int i = 0; i < builder.size(); i++) {
            if (handle.getAt(i).getId() == keyId) {
                builder.getAt(i).makePrimary();
                try {
                    return new TokenKeyset(builder.build());
                } catch (GeneralSecurityException e) {
                    throw new TokenVaultException("could not make key " + Integer.toUnsignedString(keyId) + " primary", e);
                }
            }
        }
        throw new TokenVaultException("key " + Integer.toUnsignedString(keyId) + " is not in this keyset " + keyIdsText());
    }

    /**
     * A copy of this keyset without the key {@code keyId}. Tokens that key sealed no longer open:
     * retire a key only after {@link TokenService#resealAll()} reported none left on it.
     *
     * @param keyId the key to remove
     * @return the new keyset; this one is unchanged
     * @throws TokenVaultException if the key is unknown or primary
     */
    public TokenKeyset retire(int keyId) {
        if (keyId == primaryKeyId()) {
            throw new TokenVaultException("key " + Integer.toUnsignedString(keyId)
                    + " is the primary key; rotate first, re-seal, then retire it");
        }
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        for (int i = 0; i < builder.size(); i++) {
            if (handle.getAt(i).getId() == keyId) {
                builder.deleteAt(i);
                try {
                    return new TokenKeyset(builder.build());
                } catch (GeneralSecurityException e) {
                    throw new TokenVaultException("could not remove key " + Integer.toUnsignedString(keyId), e);
                }
            }
        }
        throw new TokenVaultException("key " + Integer.toUnsignedString(keyId) + " is not in this keyset " + keyIdsText());
    }

    /**
     * Id of the key new tokens are sealed with.
     *
     * @return the primary key's Tink key id
     */
    public int primaryKeyId() {
        return handle.getPrimary().getId();
    }

    /**
     * Ids of all keys in the keyset, in keyset order.
     *
     * @return the key ids
     */
    public List<Integer> keyIds() {
        List<Integer> ids = new ArrayList<>(handle.size());
        for (int i = 0; i < handle.size(); i++) {
            ids.add(handle.getAt(i).getId());
        }
        return List.copyOf(ids);
    }

    /**
     * True when this keyset holds an enabled key with that id.
     *
     * @param keyId a Tink key id
     * @return true when the key is present and enabled
     */
    public boolean hasEnabledKey(int keyId) {
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (entry.getId() == keyId) {
                return entry.getStatus().equals(KeyStatus.ENABLED);
            }
        }
        return false;
    }

    /**
     * The keyset in Tink's cleartext JSON format. This is secret key material: store it like a password.
     *
     * @return the keyset JSON
     */
    public String toJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, CONFIG, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not serialise the token keyset", e);
        }
    }

    /**
     * The keyset in Tink's JSON format with its key material encrypted by {@code keyEncryptionKey}.
     *
     * @param keyEncryptionKey the key-encryption key, usually from a KMS
     * @return the encrypted keyset JSON
     */
    public String toEncryptedJson(Aead keyEncryptionKey) {
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        try {
            return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, keyEncryptionKey, NO_ASSOCIATED_DATA, CONFIG);
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not encrypt the token keyset", e);
        }
    }

    /**
     * Writes {@link #toJson()} to {@code path}: through a temporary file in the same directory
     * that is moved over the target, so a crash never leaves half a keyset, and readable by the
     * owner only where the file system supports POSIX permissions.
     *
     * @param path the file to write
     */
    public void writeTo(Path path) {
        Objects.requireNonNull(path, "path");
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".keyset-", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows and friends: the directory's ACL is all we have.
                }
                Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TokenVaultException("cannot write the token keyset to " + path + ": " + e.getMessage(), e);
        }
    }

    KeysetHandle handle() {
        return handle;
    }

    private String keyIdsText() {
        return keyIds().stream().map(Integer::toUnsignedString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static KeysetHandle validated(KeysetHandle handle) {
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (!(entry.getKey().getParameters() instanceof AesGcmParameters params)
                    || params.getKeySizeBytes() != 32
                    || params.getVariant() != AesGcmParameters.Variant.TINK) {
                throw new TokenVaultException("token keysets hold AES-256-GCM keys (Tink template AES256_GCM) only;"
                        + " key " + Integer.toUnsignedString(entry.getId()) + " is not one");
            }
        }
        return handle;
    }

    @Override
    public String toString() {
        return "TokenKeyset[primary=" + Integer.toUnsignedString(primaryKeyId()) + ", keys=" + keyIdsText() + "]";
    }
}
