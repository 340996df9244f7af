package io.messengerkit.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.AccessToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One-way migration of Fernet-encrypted tokens (the reference Django backend's storage) into a
 * {@link TokenService}: each row is decrypted with the old Fernet key and sealed with the
 * vault's Tink keyset under its {@link TokenKey}.
 *
 * <p>Rows that fail (altered token, wrong key, malformed row) are reported and skipped; the
 * others are imported. A key that already holds a token is left alone unless
 * {@link #overwritingExisting()} is used, so running an import twice, or after users have
 * reconnected, never replaces newer tokens. Tokens whose expiry has passed are stored as
 * {@link TokenStatus#EXPIRED}.
 */
public final class FernetImporter {
    private static final Logger LOG = System.getLogger(FernetImporter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenService service;
    private final List<FernetKey> keys;
    private final boolean overwrite;

    /**
     * An importer into {@code service} that reads tokens made with any of {@code keys} (several
     * when the old system rotated Fernet keys, newest first).
     *
     * @param service where the imported tokens are sealed and stored
     * @param keys the old system's Fernet keys, newest first
     */
    public FernetImporter(TokenService service, List<FernetKey> keys) {
        this(service, keys, false);
    }

    private FernetImporter(TokenService service, List<FernetKey> keys, boolean overwrite) {
        this.service = Objects.requireNonNull(service, "service");
        this.keys = List.copyOf(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one Fernet key is needed");
        }
        this.overwrite = overwrite;
    }

    /**
     * The same importer, but replacing tokens already stored under a row's key.
     *
     * @return a new importer that overwrites
     */
    public FernetImporter overwritingExisting() {
        return new FernetImporter(service, keys, true);
    }

    /**
     * One token as the old system stored it.
     *
     * @param key where it goes
     * @param fernetToken the Fernet ciphertext of the access token
     * @param expiresAt its expiry, if the old system recorded one
     * @param scopes its permissions, if recorded
     */
    public record Row(TokenKey key, String fernetToken, Optional<Instant> expiresAt, Set<String> scopes) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param key where it goes
         * @param fernetToken the Fernet ciphertext of the access token
         * @param expiresAt its expiry, if the old system recorded one
         * @param scopes its permissions, if recorded
         */
        public Row {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fernetToken, "fernetToken");
            expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Row[key=" + key + ", fernetToken=[redacted], expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
        }
    }

    /**
     * What an import did.
     *
     * @param imported rows sealed into the store
     * @param alreadyPresent rows skipped because their key already holds a token
     * @param failures rows that could not be imported, with the reason (never the token)
     */
    public record Report(int imported, int alreadyPresent, List<Failure> failures) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param imported rows sealed into the store
         * @param alreadyPresent rows skipped because their key already holds a token
         * @param failures rows that could not be imported, with the reason (never the token)
         */
        public Report {
            failures = List.copyOf(failures);
        }

        /** A row that was not imported: its line or position, its key if known, and why. */
        public record Failure(int row, Optional<TokenKey> key, String reason) {
        }
    }

    /**
     * Imports one row.
     *
     * @param row the token to import
     * @return the sealed token as stored
     */
    public SealedToken importRow(Row row) {
        AccessToken token = decrypt(row.fernetToken());
        SealedToken sealed = service.save(row.key(), token, row.expiresAt(), row.scopes());
        if (sealed.expiredAt(service.clock().instant())) {
            SealedToken expired = sealed.withStatus(TokenStatus.EXPIRED);
            service.store().replace(sealed, expired);
            return expired;
        }
        return sealed;
    }

    /**
     * Imports every row, going on after failures, and reports counts.
     *
     * @param rows the tokens to import
     * @return counts and failures
     */
    public Report importAll(Iterable<Row> rows) {
        int imported = 0;
        int present = 0;
        int position = 0;
        List<Report.Failure> failures = new ArrayList<>();
        for (Row row : rows) {
            position++;
            if (!overwrite && service.find(row.key()).isPresent()) {
                present++;
                continue;
            }
            try {
                importRow(row);
                imported++;
            } catch (TokenVaultException | TokenStoreException | IllegalArgumentException e) {
                failures.add(new Report.Failure(position, Optional.of(row.key()), e.getMessage()));
            }
        }
        LOG.log(Level.INFO, "Fernet import: {0} imported, {1} already present, {2} failed",
                imported, present, failures.size());
        return new Report(imported, present, failures);
    }

    /**
     * Imports JSON lines, one object per line: {@code tenant}, {@code kind} ({@code USER} or
     * {@code PAGE}), {@code owner_id}, {@code token} (the Fernet token) and optionally
     * {@code expires_at} (ISO-8601, read as UTC without an offset, or epoch seconds; null or 0 for
     * none) and
     * {@code scopes} (array, or comma-separated text). Blank lines are ignored; a malformed line
     * is reported as a failure with its line number and the rest are imported.
     *
     * @param jsonLines the export, one JSON object per line
     * @return counts and failures (by line number)
     */
    public Report importJsonLines(Reader jsonLines) {
        List<Row> rows = new ArrayList<>();
        List<Integer> lineOfRow = new ArrayList<>();
        List<Report.Failure> failures = new ArrayList<>();
        BufferedReader reader = new BufferedReader(jsonLines);
        int lineNumber = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(parseLine(line));
                    lineOfRow.add(lineNumber);
                } catch (IllegalArgumentException e) {
                    failures.add(new Report.Failure(lineNumber, Optional.empty(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the rows to import", e);
        }
        Report report = importAll(rows);
        for (Report.Failure f : report.failures()) {
            failures.add(new Report.Failure(lineOfRow.get(f.row() - 1), f.key(), f.reason()));
        }
        failures.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new Report(report.imported(), report.alreadyPresent(), failures);
    }

    private AccessToken decrypt(String fernetToken) {
        TokenVaultException last = null;
        for (FernetKey key : keys) {
            try {
                return key.decrypt(fernetToken);
            } catch (FernetKey.SignatureMismatch e) {
                // Perhaps made with another of the old keys: try the next one.
                last = e;
            }
        }
        throw last;
    }

    private static Row parseLine(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        TokenKind kind;
        try {
            kind = TokenKind.valueOf(text(node, "kind").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be USER or PAGE");
        }
        TokenKey key = new TokenKey(text(node, "tenant"), kind, text(node, "owner_id"));
        return new Row(key, text(node, "token"), expiresAt(node.get("expires_at")), scopes(node.get("scopes")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value.asText();
    }

    private static Optional<Instant> expiresAt(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return value.asLong() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(value.asLong()));
        }
        String text = value.asText().strip();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                // Django stores UTC; databases without time zone columns drop the offset.
                return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expires_at is neither an ISO-8601 time nor epoch seconds");
            }
        }
    }

    private static Set<String> scopes(JsonNode value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return scopes;
        }
        if (value.isArray()) {
            value.forEach(s -> scopes.add(s.asText().strip()));
        } else {
            for (String s : value.asText().split(",")) {
                if (!s.isBlank()) {
                    scopes.add(s.strip());
                }
            }
        }
        return scopes;
    }
}
