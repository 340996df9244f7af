package io.messengerkit.sample.standalone;

import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenStore;
import io.messengerkit.token.TokenVault;
import io.messengerkit.token.TokenVaultException;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Live mode's start check: the configured keyset must open the tokens already stored. A keyset that
 * does not hold the keys they were sealed with (a new container, a lost or swapped file) would
 * otherwise start a server whose every reply fails while token health says "undecided"; so the
 * start is refused, saying which keys are missing. A token that does not decrypt under a key the
 * keyset does hold was altered in the database: that is logged, and the start goes on (the token is
 * unusable either way, and the health check reports it).
 */
final class StoredTokenCheck {
    private static final System.Logger LOG = System.getLogger(StoredTokenCheck.class.getName());

    /** The configured keyset cannot open the stored tokens. The message names key ids, never key material. */
    static final class KeysetMismatch extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        KeysetMismatch(String message) {
            super(message);
        }
    }

    private StoredTokenCheck() {
    }

    /**
     * Opens every stored token with {@code keyset}.
     *
     * @throws KeysetMismatch when some token was sealed with a key the keyset does not hold
     */
    static void requireOpenable(TokenStore store, TokenKeyset keyset) {
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
            throw new KeysetMismatch("the token keyset (keys " + ids(keyset) + ") cannot open " + unopenable + " of the "
                    + total + " stored tokens: they were sealed with key " + String.join(", ", missingKeys)
                    + ". Start with the keyset they were sealed with (MESSENGER_TOKEN_KEYSET or MESSENGER_TOKEN_KEYSET_FILE)."
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
