package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.send.InstagramMessenger;
import io.messengerkit.send.Message;
import io.messengerkit.send.UnsupportedOnInstagramException;
import io.messengerkit.testing.GraphTestSupport;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Instagram API with Instagram Login: token exchange and messaging on graph.instagram.com. */
class InstagramLoginClientTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static final String IG_APP_ID = "990000000000001";
    private static final String IG_SECRET = "ig-app-secret-test-4b2d";
    private static final String SHORT = "IGQshortToken0001";
    private static final String LONG = "IGQlongToken0002";
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private InstagramLoginClient client;

    @BeforeEach
    void setUp() {
        URI base = URI.create(wm.baseUrl());
        client = InstagramLoginClient.builder(IG_APP_ID, AppSecret.of(IG_SECRET))
                .graphBaseUrl(base).authBaseUrl(URI.create(wm.baseUrl() + "/auth/"))
                .authorizeBaseUrl(URI.create("https://www.instagram.com"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void buildsTheAuthorizationUrl() {
        URI url = client.authorizationUrl("https://bot.example/ig/callback",
                List.of("instagram_business_basic", "instagram_business_manage_messages"), "s-1");
        assertEquals("https://www.instagram.com/oauth/authorize?client_id=" + IG_APP_ID
                + "&redirect_uri=https%3A%2F%2Fbot.example%2Fig%2Fcallback&response_type=code"
                + "&scope=instagram_business_basic%2Cinstagram_business_manage_messages&state=s-1", url.toString());
    }

    @Test
    void exchangesTheCodeThenForALongLivedTokenThenRefreshesIt() {
        wm.stubFor(post(urlPathEqualTo("/auth/oauth/access_token")).willReturn(okJson("{\"data\":[{\"access_token\":\""
                + SHORT + "\",\"user_id\":\"17841400000000009\",\"permissions\":\"instagram_business_basic,"
                + "instagram_business_manage_messages\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/access_token")).willReturn(okJson("{\"access_token\":\"" + LONG
                + "\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));
        wm.stubFor(get(urlPathEqualTo("/refresh_access_token")).willReturn(okJson("{\"access_token\":\"" + LONG
                + "-2\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));

        InstagramLoginToken token = client.exchangeCode("AQBx-code#_", "https://bot.example/ig/callback");
        assertEquals(SHORT, token.accessToken().reveal());
        assertEquals("17841400000000009", token.userId());
        assertEquals(List.of("instagram_business_basic", "instagram_business_manage_messages"), token.permissions());
        assertFalse(token.toString().contains(SHORT), "the token never reaches toString");
        assertFalse(wm.getAllServeEvents().get(0).getRequest().getBodyAsString().contains("%23_"),
                "the trailing #_ is stripped");
        wm.verify(postRequestedFor(urlPathEqualTo("/auth/oauth/access_token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("&code=AQBx-code"))
                .withRequestBody(containing("client_secret=" + IG_SECRET)));

        LongLivedToken longLived = client.exchangeForLongLivedToken(token.accessToken());
        assertEquals(LONG, longLived.accessToken().reveal());
        assertEquals(NOW.plusSeconds(5184000), longLived.expiresAt().orElseThrow());
        wm.verify(getRequestedFor(urlPathEqualTo("/access_token"))
                .withQueryParam("grant_type", equalTo("ig_exchange_token"))
                .withQueryParam("client_secret", equalTo(IG_SECRET))
                .withQueryParam("access_token", equalTo(SHORT)));

        LongLivedToken refreshed = client.refresh(longLived.accessToken());
        assertEquals(LONG + "-2", refreshed.accessToken().reveal());
        wm.verify(getRequestedFor(urlPathEqualTo("/refresh_access_token"))
                .withQueryParam("grant_type", equalTo("ig_refresh_token"))
                .withQueryParam("access_token", equalTo(LONG))
                .withQueryParam("client_secret", absent()));
    }

    @Test
    void aRefusedRefreshIsAGraphErrorWithoutTheToken() {
        wm.stubFor(get(urlPathEqualTo("/refresh_access_token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\","
                        + "\"code\":190,\"fbtrace_id\":\"Atrace\"}}")));
        TokenInvalidException e = assertThrows(TokenInvalidException.class,
                () -> client.refresh(AccessToken.of(LONG)));
        assertFalse(e.toString().contains(LONG));
    }

    @Test
    void sendsAsTheAccountWithTheInstagramUserTokenAndNoProof() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(okJson(
                "{\"recipient_id\":\"5310000000000001\",\"message_id\":\"ig_m_9\"}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(okJson("{\"id\":\"app-scoped-1\","
                + "\"user_id\":\"17841400000000009\",\"username\":\"coast.shop\"}")));
        InstagramMessenger ig = client.messenger(AccessToken.of(LONG));
        assertEquals("ig_m_9", ig.sendText("5310000000000001", "Hello from Instagram Login").messageId().orElseThrow());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages"))
                .withHeader("Authorization", equalTo("Bearer " + LONG))
                .withQueryParam("appsecret_proof", absent())
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"5310000000000001\"},"
                        + "\"message\":{\"text\":\"Hello from Instagram Login\"}}", true, true)));
        assertThrows(UnsupportedOnInstagramException.class, () -> ig.sendText("5310000000000001", "x".repeat(1001)));
        assertEquals(new InstagramAccount("17841400000000009", "coast.shop", null, null), client.me(AccessToken.of(LONG)));
        wm.verify(2, anyRequestedFor(anyUrl()));
        assertTrue(client.toString().contains(IG_APP_ID));
        assertFalse(client.toString().contains(IG_SECRET));
    }
}
