package io.messengerkit.token;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A start-up check that the configured keyset opens the tokens already stored. A keyset that does not
 * hold the keys they were sealed with (a new container, a lost or swapped file) would otherwise start
 * an application whose every reply fails; the check refuses that start, naming the missing key ids
 * (never key material). A token that does not decrypt under a key the keyset does hold was altered
 * in the store: that is logged, and the start goes on (the token is unusable either way, and the
 * token health check reports it).
 *
 * <pre>{@code
 * StoredTokenCheck.requireOpenable(tokenStore, TokenKeyset.fromEnvironment());
 * }</pre>
 */
public final class StoredTokenCheck {
    private static final System.Logger LOG = System.getLogger(StoredTokenCheck.class.getName());

    private StoredTokenCheck() {
    }

    /** The configured keyset cannot open some stored tokens. The message names key ids, never key material. */
    public static final class KeysetMismatchException extends TokenVaultException {
        private static final long serialVersionUID = 1L;

        KeysetMismatchException(String message) {
            super(message);
        }
    }

    /**
     * Opens every stored token with {@code keyset}.
     *
     * @param store the stored tokens, of every tenant
     * @param keyset the keyset the application is configured with
     * @throws KeysetMismatchException when some token was sealed with a key the keyset does not hold
     */
    public static void requireOpenable(TokenStore store, TokenKeyset keyset) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keyset, "keyset");
        TokenVault vault = TokenVault.of(keyset);
        int total = 0;
        int unopenable = 0;
        int altered = 0;
        Set<String> missingKeys = new TreeSet<>();
        for (String tenant : store.tenants()) {
            for (SealedToken token : store.list(tenant)) {
                total++;
                if (!keyset.hasEnabledKey(token.keyId())) {
                    unopenable++;
                    missingKeys.add(Integer.toUnsignedString(token.keyId()));
                    continue;
                }
                try {
                    vault.open(token);
                } catch (TokenVaultException e) {
                    altered++;
                }
            }
        }
        if (unopenable > 0) {
            throw new KeysetMismatchException("the token keyset (keys " + ids(keyset) + ") cannot open " + unopenable
                    + " of the " + total + " stored tokens: they were sealed with key " + String.join(", ", missingKeys)
                    + ". Start with the keyset they were sealed with (" + TokenKeyset.KEYSET_ENV + " or "
                    + TokenKeyset.KEYSET_FILE_ENV + ")."
                    + " If it is lost, those tokens are too: delete them and have the users link their accounts again.");
        }
        if (altered > 0) {
            LOG.log(Level.WARNING, "{0} of the {1} stored tokens do not decrypt although the keyset holds their key:"
                    + " their rows were altered; those accounts must be linked again", altered, total);
        }
    }

    private static String ids(TokenKeyset keyset) {
        return keyset.keyIds().stream().map(Integer::toUnsignedString).collect(Collectors.joining(", "));
    }
}
