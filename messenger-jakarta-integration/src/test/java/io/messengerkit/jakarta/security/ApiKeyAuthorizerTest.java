package io.messengerkit.jakarta.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.config.ConfigurationProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyAuthorizerTest {
    static final String SHOP_KEY = "shop-key-0123456789abcdef";
    static final String OPS_KEY = "operator-key-0123456789ab";

    static Optional<Caller> call(ApiKeyAuthorizer keys, String authorization) {
        return keys.authenticate(null, new FakeHeaders(authorization));
    }

    @Test
    void aKeyMayActOnlyOnItsChatbots() {
        ApiKeyAuthorizer keys = ApiKeyAuthorizer.parse("shop-bot=" + SHOP_KEY + ",\n*=" + OPS_KEY);
        Caller shop = call(keys, "Bearer " + SHOP_KEY).orElseThrow();
        assertTrue(shop.mayActOn("shop-bot"));
        assertFalse(shop.mayActOn("other-bot"));
        Caller ops = call(keys, "bearer " + OPS_KEY).orElseThrow();
        assertTrue(ops.mayActOn("other-bot"));
    }

    @Test
    void unknownMissingOrMalformedCredentialsAreNobody() {
        ApiKeyAuthorizer keys = ApiKeyAuthorizer.parse("shop-bot=" + SHOP_KEY);
        assertTrue(call(keys, null).isEmpty());
        assertTrue(call(keys, "Bearer wrong-key-0123456789abc").isEmpty());
        assertTrue(call(keys, "Basic " + SHOP_KEY).isEmpty());
        assertTrue(call(keys, SHOP_KEY).isEmpty());
        assertTrue(call(keys, "Bearer ").isEmpty());
    }

    @Test
    void acceptsDigestsInsteadOfKeys() {
        ApiKeyAuthorizer keys = ApiKeyAuthorizer.parse("shop-bot=sha256:" + ApiKeyAuthorizer.digest(SHOP_KEY));
        assertTrue(call(keys, "Bearer " + SHOP_KEY).orElseThrow().mayActOn("shop-bot"));
    }

    @Test
    void rejectsShortKeysAndMalformedEntriesWithoutEchoingThem() {
        ConfigurationProblem shortKey = assertThrows(ConfigurationProblem.class, () -> ApiKeyAuthorizer.parse("shop-bot=short"));
        assertFalse(shortKey.getMessage().contains("=short"));
        assertThrows(ConfigurationProblem.class, () -> ApiKeyAuthorizer.parse("no-equals-sign"));
        assertThrows(ConfigurationProblem.class, () -> ApiKeyAuthorizer.parse("shop-bot=sha256:nothex"));
        assertEquals("ApiKeyAuthorizer[1 keys]", ApiKeyAuthorizer.parse("shop-bot=" + SHOP_KEY).toString());
    }

    /** Just enough of HttpHeaders for the authorizer: the Authorization header. */
    static final class FakeHeaders implements jakarta.ws.rs.core.HttpHeaders {
        private final String authorization;

        FakeHeaders(String authorization) {
            this.authorization = authorization;
        }

        @Override
        public String getHeaderString(String name) {
            return AUTHORIZATION.equalsIgnoreCase(name) ? authorization : null;
        }

        @Override
        public java.util.List<String> getRequestHeader(String name) {
            String v = getHeaderString(name);
            return v == null ? java.util.List.of() : java.util.List.of(v);
        }

        @Override
        public jakarta.ws.rs.core.MultivaluedMap<String, String> getRequestHeaders() {
            return new jakarta.ws.rs.core.MultivaluedHashMap<>();
        }

        @Override
        public java.util.List<jakarta.ws.rs.core.MediaType> getAcceptableMediaTypes() {
            return java.util.List.of();
        }

        @Override
        public java.util.List<java.util.Locale> getAcceptableLanguages() {
            return java.util.List.of();
        }

        @Override
        public jakarta.ws.rs.core.MediaType getMediaType() {
            return null;
        }

        @Override
        public java.util.Locale getLanguage() {
            return null;
        }

        @Override
        public java.util.Map<String, jakarta.ws.rs.core.Cookie> getCookies() {
            return java.util.Map.of();
        }

        @Override
        public java.util.Date getDate() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }
    }
}
