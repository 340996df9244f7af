package io.messengerkit.testing;

import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import java.util.List;

/**
 * The made-up secrets tests use. {@link NoSecretsLeakedExtension} fails any test after which one
 * of these strings appears in a log line, and {@link #assertNotLeaked(Throwable)} checks exception
 * messages. Add a value here when a test needs another secret.
 */
public final class TestSecrets {
    public static final String APP_ID = "1234567890";
    public static final String APP_SECRET_VALUE = "appsecret-test-7f3c9a1e5b";
    public static final String USER_TOKEN_VALUE = "EAAuserTokenTest0001xyz";
    public static final String SHORT_USER_TOKEN_VALUE = "EAAshortUserToken0002abc";
    public static final String LONG_USER_TOKEN_VALUE = "EAAlongUserToken0003def";
    public static final String PAGE_TOKEN_VALUE = "EAApageTokenTest0004ghi";
    public static final String PAGE_TOKEN_2_VALUE = "EAApageTokenTest0005jkl";
    public static final String VERIFY_TOKEN_VALUE = "verify-token-test-0006";

    public static final AppSecret APP_SECRET = AppSecret.of(APP_SECRET_VALUE);
    public static final AccessToken USER_TOKEN = AccessToken.of(USER_TOKEN_VALUE);
    public static final AccessToken SHORT_USER_TOKEN = AccessToken.of(SHORT_USER_TOKEN_VALUE);
    public static final AccessToken PAGE_TOKEN = AccessToken.of(PAGE_TOKEN_VALUE);
    public static final AccessToken PAGE_TOKEN_2 = AccessToken.of(PAGE_TOKEN_2_VALUE);

    /** Every secret value, plus the app token and the proofs derived from the tokens. */
    public static final List<String> ALL = List.of(APP_SECRET_VALUE, USER_TOKEN_VALUE, SHORT_USER_TOKEN_VALUE,
            LONG_USER_TOKEN_VALUE, PAGE_TOKEN_VALUE, PAGE_TOKEN_2_VALUE, VERIFY_TOKEN_VALUE,
            APP_SECRET.appSecretProof(USER_TOKEN), APP_SECRET.appSecretProof(PAGE_TOKEN),
            APP_SECRET.appSecretProof(PAGE_TOKEN_2), APP_SECRET.appSecretProof(AccessToken.of(LONG_USER_TOKEN_VALUE)));

    private TestSecrets() {
    }

    /** The first secret found in {@code text}, or null. */
    public static String findIn(String text) {
        if (text == null) {
            return null;
        }
        for (String secret : ALL) {
            if (text.contains(secret)) {
                return secret;
            }
        }
        return null;
    }

    /** Fails when the throwable or any cause mentions a secret in its message or toString. */
    public static <T extends Throwable> T assertNotLeaked(T thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String text : new String[] {t.getMessage(), t.toString()}) {
                String found = findIn(text);
                if (found != null) {
                    throw new AssertionError("secret leaked into exception " + t.getClass().getName()
                            + " (secret of length " + found.length() + ")");
                }
            }
        }
        return thrown;
    }
}
