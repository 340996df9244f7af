package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.RecordingLoggerFinder;
import io.messengerkit.testing.TestSecrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryAndRateLimitTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private final FakeTime time = FakeTime.autoAdvance(GraphTestSupport.START);

    private GraphClient client(RetryPolicy policy) {
        return GraphTestSupport.client(GraphTestSupport.config(wm).retryPolicy(policy).build(), time);
    }

    private static RetryPolicy policy(int attempts, Duration budget) {
        return new RetryPolicy(attempts, Duration.ofMillis(200), Duration.ofSeconds(2), budget);
    }

    private static ResponseDefinitionBuilder graphError(int status, int code, Integer subcode) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(
                "{\"error\":{\"message\":\"failure " + code + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"Tr" + code + "\"}}");
    }

    private static void sequence(String method, String path, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var mapping = (method.equals("GET") ? get(urlPathEqualTo(path)) : post(urlPathEqualTo(path)))
                    .inScenario(path).whenScenarioStateIs(i == 0 ? STARTED : "step" + i);
            if (i + 1 < answers.length) {
                mapping = mapping.willSetStateTo("step" + (i + 1));
            }
            wm.stubFor(mapping.willReturn(answers[i]));
        }
    }

    @Test
    void retriesTransientReadWithExponentialJitteredBackoffThenSucceeds() {
        sequence("GET", "/v26.0/me", graphError(500, 2, null),
                aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<h1>busy</h1>"),
                okJson("{\"id\":\"1\",\"name\":\"Ada\"}"));

        UserInfo me = client(policy(4, Duration.ofSeconds(30))).me(TestSecrets.USER_TOKEN);

        assertEquals("Ada", me.name());
        wm.verify(3, getRequestedFor(urlPathEqualTo("/v26.0/me")));
        List<Duration> sleeps = time.sleeps();
        assertEquals(2, sleeps.size());
        assertBetween(sleeps.get(0), 100, 200);
        assertBetween(sleeps.get(1), 200, 400);
        assertTrue(RecordingLoggerFinder.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("Tr2")));
    }

    private static void assertBetween(Duration d, long minMillis, long maxMillis) {
        assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d + " not in [" + minMillis + "," + maxMillis + "] ms");
    }

    @Test
    void givesUpAfterMaxAttempts() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(graphError(500, 1, null)));
        TransientGraphException e = assertThrows(TransientGraphException.class,
                () -> client(policy(4, Duration.ofSeconds(30))).me(TestSecrets.USER_TOKEN));
        assertEquals(1, e.code());
        wm.verify(4, getRequestedFor(urlPathEqualTo("/v26.0/me")));
        assertEquals(3, time.sleeps().size());
    }

    @Test
    void stopsWhenTheTotalTimeBudgetIsSpent() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(graphError(500, 1, null)));
        assertThrows(TransientGraphException.class,
                () -> client(policy(10, Duration.ofMillis(500))).me(TestSecrets.USER_TOKEN));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/v26.0/me")));
    }

    @Test
    void permanentErrorsAreNotRetried() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(graphError(400, 190, 460)));
        assertThrows(TokenInvalidException.class, () -> client(policy(4, Duration.ofSeconds(30))).me(TestSecrets.USER_TOKEN));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v26.0/me")));
    }

    @Test
    void sendIsRetriedWhenGraphSaysItFailedTemporarily() {
        sequence("POST", "/v26.0/me/messages", graphError(500, 1200, null), okJson("{\"recipient_id\":\"1\",\"message_id\":\"m_1\"}"));
        var result = client(policy(4, Duration.ofSeconds(30))).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi");
        assertEquals("m_1", result.messageId().orElseThrow());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void sendIsNotRetriedOnAProxyErrorPageBecauseItMayHaveBeenDelivered() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>bad gateway</html>")));
        assertThrows(TransientGraphException.class,
                () -> client(policy(4, Duration.ofSeconds(30))).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi"));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void sendIsNotRetriedWhenMetaMayHaveDeliveredIt() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(graphError(500, 1, 1357046)));
        GraphException e = assertThrows(GraphException.class,
                () -> client(policy(4, Duration.ofSeconds(30))).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi"));
        assertEquals(1357046, e.subcode());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void sendIsNotRetriedAfterATimeout() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(okJson("{\"message_id\":\"m\"}").withFixedDelay(4000)));
        MessengerConfig config = GraphTestSupport.config(wm).requestTimeout(Duration.ofMillis(1000)).build();
        GraphConnectionException e = assertThrows(GraphConnectionException.class,
                () -> GraphTestSupport.client(config, time).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi"));
        assertTrue(e.requestMayHaveBeenSent());
        TestSecrets.assertNotLeaked(e);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void sendIsRetriedWhenTheConnectionWasRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MessengerConfig config = GraphTestSupport.config(wm).baseUrl("http://127.0.0.1:" + closedPort).build();
        GraphConnectionException e = assertThrows(GraphConnectionException.class,
                () -> GraphTestSupport.client(config, time).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi"));
        assertFalse(e.requestMayHaveBeenSent());
        assertEquals(3, time.sleeps().size());
        TestSecrets.assertNotLeaked(e);
        assertFalse(e.getMessage().contains(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN)), e.getMessage());
    }

    @Test
    void rateLimitedCallWaitsTheAdvisedTimeThenRetries() {
        sequence("POST", "/v26.0/me/messages",
                graphError(400, 80006, null).withHeader("X-Business-Use-Case-Usage",
                        "{\"555\":[{\"type\":\"messenger\",\"call_count\":100,\"total_cputime\":10,\"total_time\":10,"
                                + "\"estimated_time_to_regain_access\":1}]}"),
                okJson("{\"recipient_id\":\"1\",\"message_id\":\"m_2\"}"));

        var result = client(policy(4, Duration.ofMinutes(5))).messenger(TestSecrets.PAGE_TOKEN).sendText("1", "hi");

        assertEquals("m_2", result.messageId().orElseThrow());
        assertEquals(List.of(Duration.ofMinutes(1)), time.sleeps());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v26.0/me/messages")));
    }

    @Test
    void rateLimitLongerThanTheBudgetIsThrownAtOnce() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(graphError(400, 4, null).withHeader(
                "X-Business-Use-Case-Usage", "{\"1\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":30}]}")));
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> client(policy(4, Duration.ofMinutes(1))).me(TestSecrets.USER_TOKEN));
        assertEquals(Duration.ofMinutes(30), e.retryAfter().orElseThrow());
        assertTrue(time.sleeps().isEmpty());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v26.0/me")));
    }

    @Test
    void callsWithAPausedTokenFailFastUntilThePauseEnds() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).inScenario("pause").whenScenarioStateIs(STARTED)
                .willSetStateTo("over").willReturn(graphError(400, 32, null).withHeader("X-Business-Use-Case-Usage",
                        "{\"1\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":30}]}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).inScenario("pause").whenScenarioStateIs("over")
                .willReturn(okJson("{\"id\":\"1\",\"name\":\"Ada\"}")));
        GraphClient graph = client(policy(4, Duration.ofMinutes(1)));

        assertThrows(RateLimitedException.class, () -> graph.me(TestSecrets.USER_TOKEN));
        time.advance(Duration.ofMinutes(10));
        RateLimitedException paused = assertThrows(RateLimitedException.class, () -> graph.me(TestSecrets.USER_TOKEN));
        assertEquals(Duration.ofMinutes(20), paused.retryAfter().orElseThrow());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v26.0/me")));

        assertEquals("1", GraphTestSupport.client(wm).me(TestSecrets.USER_TOKEN).id(), "another client is not paused");
        time.advance(Duration.ofMinutes(20));
        wm.resetRequests();
        assertEquals("Ada", graph.me(TestSecrets.USER_TOKEN).name());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v26.0/me")));
    }

    @Test
    void aShortPauseIsWaitedOutByTheNextCall() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).inScenario("short").whenScenarioStateIs(STARTED)
                .willSetStateTo("over").willReturn(graphError(400, 4, null).withHeader("X-Business-Use-Case-Usage",
                        "{\"1\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":2}]}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).inScenario("short").whenScenarioStateIs("over")
                .willReturn(okJson("{\"id\":\"1\",\"name\":\"Ada\"}")));
        GraphClient graph = client(new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5)));

        assertThrows(RateLimitedException.class, () -> graph.me(TestSecrets.USER_TOKEN));
        assertEquals("Ada", graph.me(TestSecrets.USER_TOKEN).name());
        assertEquals(List.of(Duration.ofMinutes(2)), time.sleeps());
    }

    @Test
    void usageHeadersAreParsedAndExposed() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(okJson("{\"id\":\"1\",\"name\":\"A\"}")
                .withHeader("X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":24}")
                .withHeader("X-Page-Usage", "{\"call_count\":91,\"total_time\":5,\"total_cputime\":4}")
                .withHeader("X-Business-Use-Case-Usage",
                        "{\"555\":[{\"type\":\"pages\",\"call_count\":12,\"total_cputime\":3,\"total_time\":4,\"estimated_time_to_regain_access\":0}]}")));
        List<GraphUsage> seen = new CopyOnWriteArrayList<>();
        GraphClient graph = GraphClient.builder(GraphTestSupport.config(wm).build()).clock(time).sleeper(time)
                .usageListener(seen::add).build();

        graph.me(TestSecrets.USER_TOKEN);

        GraphUsage usage = graph.lastUsage();
        assertEquals(List.of(usage), seen);
        assertEquals(new GraphUsage.Figures(28, 24, 25, java.util.Optional.empty()), usage.app().orElseThrow());
        assertEquals(91, usage.page().orElseThrow().callCount());
        assertEquals(new GraphUsage.BusinessUseCase("pages", 12, 3, 4, Duration.ZERO), usage.businessUseCase().get("555").get(0));
        assertEquals(91, usage.maxPercent());
        assertTrue(usage.advisedWait().isEmpty());
        assertTrue(RecordingLoggerFinder.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("91%")));
    }

    @Test
    void aTransportThatThrowsBecomesAConnectionFailure() {
        GraphClient graph = GraphClient.builder(GraphTestSupport.config(wm).retryPolicy(RetryPolicy.none()).build())
                .transport(request -> {
                    throw new IllegalStateException("broken transport");
                }).build();
        GraphConnectionException e = assertThrows(GraphConnectionException.class, () -> graph.me(TestSecrets.USER_TOKEN));
        assertTrue(e.requestMayHaveBeenSent());
    }

    @Test
    void malformedUsageHeaderIsIgnored() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(okJson("{\"id\":\"1\",\"name\":\"A\"}")
                .withHeader("X-App-Usage", "not json")));
        GraphClient graph = client(policy(1, Duration.ZERO));
        assertEquals("A", graph.me(TestSecrets.USER_TOKEN).name());
        assertTrue(graph.lastUsage().isEmpty());
    }
}
