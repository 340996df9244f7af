package io.messengerkit.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health checker asking the real Graph client's {@code debug_token} against answers WireMock serves. */
class TokenHealthCheckerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final String TENANT = "chatbot-1";
    private static final String APP_ID = "1234";
    private static final String APP_SECRET = "made-up-app-secret";
    private static final String DEBUG_TOKEN = "/v26.0/debug_token";

    private static WireMockServer graph;

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final TokenService tokens =
            new TokenService(store, TokenVault.of(TokenKeyset.generate()), Clock.fixed(NOW, ZoneOffset.UTC));
    private GraphClient client;
    private TokenHealthChecker checker;

    private final TokenKey validUser = TokenKey.user(TENANT, "100200300");
    private final TokenKey validPage = TokenKey.page(TENANT, "555000111");
    private final TokenKey expiredUser = TokenKey.user(TENANT, "100200301");
    private final TokenKey passwordChangedPage = TokenKey.page(TENANT, "555000222");

    @BeforeAll
    static void startGraph() {
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void serveDebugTokenAnswers() {
        graph.resetAll();
        client = GraphClient.create(MessengerConfig.builder()
                .appId(APP_ID)
                .appSecret(AppSecret.of(APP_SECRET))
                .apiVersion("v26.0")
                .baseUrl(graph.baseUrl())
                .retryPolicy(RetryPolicy.none())
                .build());
        checker = new TokenHealthChecker(tokens, client.oauth()::debugToken);
        answer("EAAvalidUser", """
                {"data":{"app_id":"1234","type":"USER","application":"Test app","data_access_expires_at":1800000000,
                "expires_at":1800000000,"is_valid":true,"scopes":["email","pages_show_list","pages_messaging"],
                "user_id":"100200300"}}""");
        answer("EAAvalidPage", """
                {"data":{"app_id":"1234","type":"PAGE","application":"Test app","data_access_expires_at":1800000000,
                "expires_at":0,"is_valid":true,"profile_id":"555000111",
                "scopes":["pages_show_list","pages_messaging"],"user_id":"100200300"}}""");
        answer("EAAexpiredUser", """
                {"data":{"app_id":"1234","type":"USER","application":"Test app","data_access_expires_at":1771000000,
                "error":{"code":190,"message":"Error validating access token: Session has expired.","subcode":463},
                "expires_at":1764000000,"is_valid":false,"scopes":["email"],"user_id":"100200301"}}""");
        answer("EAApasswordChanged", """
                {"data":{"app_id":"1234","type":"PAGE","application":"Test app","data_access_expires_at":1800000000,
                "error":{"code":190,"message":"Error validating access token: The session has been invalidated because the user changed their password.","subcode":460},
                "expires_at":0,"is_valid":false,"profile_id":"555000222","scopes":[],"user_id":"100200300"}}""");
    }

    private void answer(String inputToken, String body) {
        graph.stubFor(get(urlPathEqualTo(DEBUG_TOKEN))
                .withQueryParam("input_token", equalTo(inputToken))
                .withHeader("Authorization", equalTo("Bearer " + APP_ID + "|" + APP_SECRET))
                .willReturn(okJson(body)));
    }

    private int inspections(String inputToken) {
        return graph.findAll(getRequestedFor(urlPathEqualTo(DEBUG_TOKEN))
                .withQueryParam("input_token", equalTo(inputToken))).size();
    }

    @Test
    void confirmsValidTokensAndRecordsExpiryAndScopes() {
        tokens.save(validUser, AccessToken.of("EAAvalidUser"), Optional.of(NOW.plusSeconds(60)), Set.of("email"));
        tokens.save(validPage, AccessToken.of("EAAvalidPage"), Optional.empty(), Set.of());

        HealthReport report = checker.check(TENANT);

        assertEquals(2, report.valid());
        assertEquals(List.of(), report.needsReconnect());
        SealedToken user = store.get(validUser).orElseThrow();
        assertEquals(TokenStatus.VALID, user.status());
        assertEquals(Optional.of(Instant.ofEpochSecond(1_800_000_000L)), user.expiresAt());
        assertEquals(Set.of("email", "pages_show_list", "pages_messaging"), user.scopes());
        SealedToken page = store.get(validPage).orElseThrow();
        assertEquals(Optional.empty(), page.expiresAt(), "expires_at 0 means never");
        assertEquals(1, inspections("EAAvalidUser"));
        assertEquals(1, inspections("EAAvalidPage"));
    }

    @Test
    void expiredTokenIsMarkedExpiredAndReportedBeforeAnyCall() {
        tokens.save(expiredUser, AccessToken.of("EAAexpiredUser"), Optional.of(NOW.plusSeconds(86_400)), Set.of());

        HealthReport report = checker.check(TENANT);

        assertEquals(List.of(expiredUser), report.needsReconnect());
        TokenHealth health = report.results().get(0);
        assertEquals(TokenStatus.VALID, health.previousStatus());
        assertEquals(TokenStatus.EXPIRED, health.status());
        assertEquals(Optional.of(463), health.errorSubcode());
        assertEquals(Optional.of(Instant.ofEpochSecond(1_764_000_000L)), store.get(expiredUser).orElseThrow().expiresAt());
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, () -> tokens.tokenFor(expiredUser));
        assertEquals(TokenUnavailableException.Reason.EXPIRED, e.reason());
    }

    @Test
    void tokenInvalidatedByAPasswordChangeNeedsReconnecting() {
        tokens.save(passwordChangedPage, AccessToken.of("EAApasswordChanged"), Optional.empty(), Set.of("pages_messaging"));
        tokens.save(validPage, AccessToken.of("EAAvalidPage"), Optional.empty(), Set.of());

        HealthReport report = checker.check(TENANT);

        assertEquals(List.of(passwordChangedPage), report.needsReconnect());
        assertEquals(1, report.newlyUnusable().size());
        assertEquals(Optional.of(460), report.newlyUnusable().get(0).errorSubcode());
        assertEquals(TokenStatus.RECONNECT_NEEDED, store.get(passwordChangedPage).orElseThrow().status());
        TokenUnavailableException e =
                assertThrows(TokenUnavailableException.class, () -> tokens.tokenFor(passwordChangedPage));
        assertEquals(TokenUnavailableException.Reason.RECONNECT_NEEDED, e.reason());

        HealthReport again = checker.checkAll();
        assertEquals(List.of(passwordChangedPage), again.needsReconnect());
        assertEquals(List.of(), again.newlyUnusable(), "already known, not news");
        assertEquals(1, inspections("EAApasswordChanged"), "a dead token is not sent to Meta again");
        assertEquals(2, inspections("EAAvalidPage"));
    }

    @Test
    void tokenPastItsStoredExpiryIsNotSentToMeta() {
        tokens.save(expiredUser, AccessToken.of("EAAexpiredUser"), Optional.of(NOW.minusSeconds(1)), Set.of());
        HealthReport report = checker.check(TENANT);
        assertEquals(TokenStatus.EXPIRED, report.results().get(0).status());
        assertFalse(report.results().get(0).inspected());
        assertEquals(0, inspections("EAAexpiredUser"));
    }

    @Test
    void unreachableGraphChangesNothingAndIsReported() {
        tokens.save(validUser, AccessToken.of("EAAunknownToGraph"), Optional.empty(), Set.of());
        graph.stubFor(get(urlPathEqualTo(DEBUG_TOKEN))
                .withQueryParam("input_token", equalTo("EAAunknownToGraph"))
                .willReturn(aResponse().withStatus(500)));

        HealthReport report = checker.check(TENANT);

        assertEquals(1, report.problems().size());
        String problem = report.problems().get(0).problem().orElseThrow();
        assertTrue(problem.startsWith("inspection failed"), problem);
        assertFalse(problem.contains("EAAunknownToGraph"), problem);
        assertEquals(TokenStatus.VALID, store.get(validUser).orElseThrow().status());
        assertEquals(List.of(), report.needsReconnect());
    }

    @Test
    void tokenSavedAgainDuringTheCheckIsLeftAlone() {
        tokens.save(passwordChangedPage, AccessToken.of("EAApasswordChanged"), Optional.empty(), Set.of());
        TokenHealthChecker racing = new TokenHealthChecker(tokens, token -> {
            // The user reconnects while Meta is being asked about the old token.
            tokens.save(passwordChangedPage, AccessToken.of("EAAreconnected"), Optional.empty(), Set.of());
            return client.oauth().debugToken(token);
        });

        TokenHealth health = racing.check(passwordChangedPage).orElseThrow();

        assertTrue(health.problem().isPresent());
        assertEquals(TokenStatus.VALID, health.status());
        assertEquals(AccessToken.of("EAAreconnected"), tokens.tokenFor(passwordChangedPage));
    }

    @Test
    void callerThatGotCode190MarksTheToken() {
        tokens.save(validPage, AccessToken.of("EAAvalidPage"), Optional.empty(), Set.of());
        assertTrue(checker.markReconnectNeeded(validPage, AccessToken.of("EAAvalidPage")));
        assertEquals(List.of(validPage), checker.check(TENANT).needsReconnect());
        assertEquals(0, inspections("EAAvalidPage"));
    }
}
