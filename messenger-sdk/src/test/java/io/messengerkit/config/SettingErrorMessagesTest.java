package io.messengerkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.testing.TestSecrets;
import io.messengerkit.token.FernetKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVaultException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every missing or malformed setting names its variable and what a valid value looks like. */
class SettingErrorMessagesTest {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", TestSecrets.APP_ID);
        env.put("MESSENGER_APP_SECRET", TestSecrets.APP_SECRET_VALUE);
        return env;
    }

    private static String failure(Map<String, String> env) {
        return assertThrows(ConfigurationException.class, () -> MessengerConfig.fromEnvironment(env)).getMessage();
    }

    @Test
    void aMissingAppIdSaysWhereToFindIt() {
        Map<String, String> env = valid();
        env.remove("MESSENGER_APP_ID");

        assertEquals("MESSENGER_APP_ID is not set: set it to the numeric App ID from the App Dashboard"
                + " (App settings > Basic), such as 1234567890123456", failure(env));
    }

    @Test
    void aMissingAppSecretSaysWhereToFindIt() {
        Map<String, String> env = valid();
        env.put("MESSENGER_APP_SECRET", " ");

        assertEquals("MESSENGER_APP_SECRET is not set: set it to the App Secret from the App Dashboard"
                + " (App settings > Basic)", failure(env));
    }

    @Test
    void malformedValuesNameTheVariableAndAValidValueButNeverEchoTheirOwn() {
        Map<String, String> examples = Map.of(
                "MESSENGER_APP_ID", "such as 1234567890123456",
                "MESSENGER_API_VERSION", "such as v26.0",
                "MESSENGER_GRAPH_BASE_URL", "such as https://graph.facebook.com",
                "MESSENGER_HTTP_CONNECT_TIMEOUT_MS", "such as 10000",
                "MESSENGER_HTTP_REQUEST_TIMEOUT_MS", "such as 30000",
                "MESSENGER_RETRY_MAX_ATTEMPTS", "such as 4");
        String bad = "not-valid\u0000here";
        examples.forEach((variable, example) -> {
            Map<String, String> env = valid();
            env.put(variable, bad);
            String message = failure(env);
            assertTrue(message.startsWith(variable + " "), message);
            assertTrue(message.contains(example), message);
            assertFalse(message.contains(bad), message);
        });
    }

    @Test
    void outOfRangeNumbersSayWhatIsAllowed() {
        Map<String, String> env = valid();
        env.put("MESSENGER_RETRY_MAX_ATTEMPTS", "0");
        assertTrue(failure(env).contains("at least 1"));

        env = valid();
        env.put("MESSENGER_HTTP_REQUEST_TIMEOUT_MS", "-5");
        assertEquals("MESSENGER_HTTP_REQUEST_TIMEOUT_MS must be a positive whole number of milliseconds, such as 30000",
                failure(env));
    }

    @Test
    void theBuilderNamesTheVariableBesideTheSetting() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> MessengerConfig.builder().appSecret(TestSecrets.APP_SECRET).build());

        assertTrue(e.getMessage().startsWith("appId is not set (MESSENGER_APP_ID): set it to the numeric App ID"),
                e.getMessage());
    }

    @Test
    void aMissingVerifyTokenIsNamedWhereItIsNeeded() {
        MessengerConfig config = MessengerConfig.fromEnvironment(valid());

        ConfigurationException e = assertThrows(ConfigurationException.class, config::requireVerifyToken);

        assertTrue(e.getMessage().startsWith("MESSENGER_VERIFY_TOKEN is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("webhook settings"), e.getMessage());
    }

    @Test
    void aConfiguredVerifyTokenIsReturned() {
        Map<String, String> env = valid();
        env.put("MESSENGER_VERIFY_TOKEN", TestSecrets.VERIFY_TOKEN_VALUE);

        assertEquals(TestSecrets.VERIFY_TOKEN_VALUE, MessengerConfig.fromEnvironment(env).requireVerifyToken());
    }

    @Test
    void applicationVariablesAreNamedWithWhatTheyShouldHold() {
        EnvironmentVariables env = EnvironmentVariables.of(Map.of("PORT", "eighty", "BLANK", "  ",
                "PAGE_ACCESS_TOKEN", TestSecrets.PAGE_TOKEN_VALUE));

        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> env.require("BLANK", "the page's access token"));
        assertEquals("BLANK is not set: set it to the page's access token", missing.getMessage());

        ConfigurationException port = assertThrows(ConfigurationException.class, () -> env.port("PORT", 8080));
        assertEquals("PORT must be a port number from 0 to 65535, such as 8080 (0 picks a free port)", port.getMessage());

        assertEquals(TestSecrets.PAGE_TOKEN_VALUE, env.require("PAGE_ACCESS_TOKEN", "a token"));
        assertFalse(env.toString().contains(TestSecrets.PAGE_TOKEN_VALUE));
    }

    @Test
    void portsDefaultAndStayInRange() {
        assertEquals(8080, EnvironmentVariables.of(Map.of()).port("PORT", 8080));
        assertEquals(0, EnvironmentVariables.of(Map.of("PORT", " 0 ")).port("PORT", 8080));
        assertEquals(65535, EnvironmentVariables.of(Map.of("PORT", "65535")).port("PORT", 8080));
        assertThrows(ConfigurationException.class, () -> EnvironmentVariables.of(Map.of("PORT", "65536")).port("PORT", 1));
        assertThrows(ConfigurationException.class, () -> EnvironmentVariables.of(Map.of("PORT", "-1")).port("PORT", 1));
        assertEquals(Optional.empty(), EnvironmentVariables.of(Map.of("X", "")).get("X"));
    }

    @Test
    void tokenSettingsNameTheirVariablesAndHowToGetAValue() {
        String keyset = assertThrows(TokenVaultException.class, () -> TokenKeyset.fromEnvironment(Map.of())).getMessage();
        assertTrue(keyset.contains("MESSENGER_TOKEN_KEYSET or MESSENGER_TOKEN_KEYSET_FILE"), keyset);
        assertTrue(keyset.contains("TokenKeysetTool generate"), keyset);

        String fernet = assertThrows(TokenVaultException.class, () -> FernetKey.fromEnvironment(Map.of())).getMessage();
        assertTrue(fernet.startsWith("MESSENGER_ENCRYPTION_KEY is not set: set it to the Fernet key"), fernet);
        String malformed = assertThrows(TokenVaultException.class,
                () -> FernetKey.fromEnvironment(Map.of("MESSENGER_ENCRYPTION_KEY", "short"))).getMessage();
        assertTrue(malformed.endsWith("(from MESSENGER_ENCRYPTION_KEY)"), malformed);
        assertFalse(malformed.contains("short"), malformed);
    }
}
