package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassificationTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private PageMessenger messenger() {
        return GraphTestSupport.client(GraphTestSupport.config(wm).retryPolicy(RetryPolicy.none()).build(),
                FakeTime.autoAdvance(GraphTestSupport.START)).messenger(TestSecrets.PAGE_TOKEN);
    }

    private static String error(int code, Integer subcode, String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"AbCdTrace\"}}";
    }

    static Stream<Arguments> errorBodies() {
        return Stream.of(
                Arguments.of(400, 190, 460, "OAuthException", TokenInvalidException.class),
                Arguments.of(400, 190, 463, "OAuthException", TokenInvalidException.class),
                Arguments.of(400, 102, null, "OAuthException", TokenInvalidException.class),
                Arguments.of(400, 4, null, "OAuthException", RateLimitedException.class),
                Arguments.of(400, 613, null, "OAuthException", RateLimitedException.class),
                Arguments.of(400, 80006, null, "OAuthException", RateLimitedException.class),
                Arguments.of(403, 10, null, "OAuthException", PermissionMissingException.class),
                Arguments.of(403, 230, null, "OAuthException", PermissionMissingException.class),
                Arguments.of(400, 10, 2018278, "OAuthException", OutsideMessagingWindowException.class),
                Arguments.of(400, 10, 2018300, "OAuthException", ThreadControlledElsewhereException.class),
                Arguments.of(400, 100, 2534037, "OAuthException", ThreadControlledElsewhereException.class),
                Arguments.of(400, 100, 2018278, "OAuthException", OutsideMessagingWindowException.class),
                Arguments.of(400, 10, 2534022, "OAuthException", OutsideMessagingWindowException.class),
                Arguments.of(400, 551, 1545041, "OAuthException", RecipientUnavailableException.class),
                Arguments.of(400, 100, 2018001, "OAuthException", RecipientUnavailableException.class),
                Arguments.of(400, 10, 2018108, "OAuthException", RecipientUnavailableException.class),
                Arguments.of(400, 368, 1390008, "OAuthException", PolicyBlockedException.class),
                Arguments.of(400, 10, 1893063, "OAuthException", PolicyBlockedException.class),
                Arguments.of(500, 2, null, "OAuthException", TransientGraphException.class),
                Arguments.of(500, 1200, null, "OAuthException", TransientGraphException.class),
                Arguments.of(400, 100, null, "OAuthException", InvalidRequestException.class),
                Arguments.of(500, 1, 1357046, "OAuthException", GraphException.class),
                Arguments.of(429, 99999, null, "OAuthException", RateLimitedException.class),
                Arguments.of(400, 12345, null, "GraphMethodException", GraphException.class));
    }

    @ParameterizedTest(name = "HTTP {0} code {1}/{2} -> {4}")
    @MethodSource("errorBodies")
    void classifiesByCodeAndSubcode(int status, int code, Integer subcode, String type, Class<?> expected) {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(error(code, subcode, type, "Some message for code " + code))));

        GraphException e = TestSecrets.assertNotLeaked(assertThrows(GraphException.class,
                () -> messenger().sendText("psid-1", "hi")));

        assertEquals(expected, e.getClass());
        assertEquals(status, e.httpStatus());
        assertEquals(code, e.code());
        assertEquals(subcode == null ? 0 : subcode, e.subcode());
        assertEquals(type, e.type());
        assertEquals("AbCdTrace", e.fbtraceId().orElseThrow());
        assertTrue(e.getMessage().contains("fbtrace_id=AbCdTrace"), e.getMessage());
        assertTrue(e.getMessage().contains("Some message for code " + code), e.getMessage());
    }

    @Test
    void messageTextNeverDecidesTheClass() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(400)
                .withBody(error(100, null, "OAuthException", "Error validating access token: Session has expired"))));
        assertInstanceOf(InvalidRequestException.class, assertThrows(GraphException.class,
                () -> messenger().sendText("psid-1", "hi")));
    }

    @Test
    void tokenInvalidSaysReconnectNeeded() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(400)
                .withBody(error(190, 460, "OAuthException", "Error validating access token"))));
        TokenInvalidException e = assertThrows(TokenInvalidException.class, () -> messenger().sendText("psid-1", "hi"));
        assertTrue(e.reconnectNeeded());
        assertFalse(e.isRetryable());
    }

    @Test
    void proxyHtmlPageGivesClearException() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));
        TransientGraphException e = assertThrows(TransientGraphException.class, () -> messenger().sendText("psid-1", "hi"));
        assertEquals(502, e.httpStatus());
        assertEquals(0, e.code());
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        assertFalse(e.getMessage().contains("Bad Gateway</body>"), e.getMessage());
    }

    @Test
    void emptyErrorBodyGivesClearException() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(403)));
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> messenger().sendText("psid-1", "hi"));
        assertTrue(e.getMessage().contains("HTTP 403 with empty body"), e.getMessage());
    }

    @Test
    void rateLimitCarriesAdvisedWaitFromUsageHeader() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(400)
                .withHeader("X-Business-Use-Case-Usage", "{\"page-1\":[{\"type\":\"messenger\",\"call_count\":100,"
                        + "\"total_cputime\":20,\"total_time\":30,\"estimated_time_to_regain_access\":7}]}")
                .withBody(error(80006, null, "OAuthException", "There have been too many messages"))));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> messenger().sendText("psid-1", "hi"));
        assertEquals(Duration.ofMinutes(7), e.retryAfter().orElseThrow());
        assertEquals(100, e.usage().maxPercent());
    }
}
