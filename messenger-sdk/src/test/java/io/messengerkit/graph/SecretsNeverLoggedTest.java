package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.RecordingLoggerFinder;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the leak check has something to check: the SDK's DEBUG exchange lines and WARNING retry
 * lines are recorded, they name the secret-carrying parameters, and the values are masked. (Every
 * test of the module is also checked after it runs, by NoSecretsLeakedExtension.)
 */
class SecretsNeverLoggedTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    @Test
    void exchangeDebugAndFailureLinesCarryNoSecrets() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"" + TestSecrets.LONG_USER_TOKEN_VALUE + "\",\"expires_in\":100}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/debug_token")).willReturn(okJson("{\"data\":{\"is_valid\":true}}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(aResponse().withStatus(500).withBody(
                "{\"error\":{\"message\":\"Invalid token " + TestSecrets.USER_TOKEN_VALUE + " access_token="
                        + TestSecrets.USER_TOKEN_VALUE + "\",\"type\":\"OAuthException\",\"code\":1,\"fbtrace_id\":\"TrLog\"}}")));
        int before = RecordingLoggerFinder.lines().size();

        GraphClient graph = GraphTestSupport.client(wm);
        graph.oauth().exchangeForLongLivedToken(TestSecrets.SHORT_USER_TOKEN);
        graph.oauth().debugToken(TestSecrets.PAGE_TOKEN);
        GraphException e = assertThrows(GraphException.class, () -> graph.me(TestSecrets.USER_TOKEN));

        List<String> lines = RecordingLoggerFinder.lines();
        List<String> ours = lines.subList(before, lines.size()).stream()
                .filter(l -> l.contains(" io.messengerkit.graph: ")).toList();
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("DEBUG") && l.contains("/debug_token?input_token=[redacted]")),
                ours.toString());
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("DEBUG") && l.contains("/me?fields=id%2Cname%2Cemail&appsecret_proof=[redacted]")),
                ours.toString());
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("TrLog")), ours.toString());
        for (String line : ours) {
            assertNull(TestSecrets.findIn(line), "a secret in: " + line.length() + " chars");
        }
        // Graph's own message echoed a token after "access_token=": that part is masked too.
        assertFalse(e.getMessage().contains("access_token=" + TestSecrets.USER_TOKEN_VALUE));
    }
}
