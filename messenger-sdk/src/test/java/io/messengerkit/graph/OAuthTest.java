package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.AccessToken;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OAuthTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    @Test
    void exchangesShortTokenInPostBodyAndComputesExpiresAt() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"" + TestSecrets.LONG_USER_TOKEN_VALUE + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));

        LongLivedToken token = GraphTestSupport.client(wm).oauth().exchangeForLongLivedToken(TestSecrets.SHORT_USER_TOKEN);

        assertEquals(TestSecrets.LONG_USER_TOKEN_VALUE, token.accessToken().reveal());
        assertEquals(GraphTestSupport.START.plusSeconds(5183944), token.expiresAt().orElseThrow());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/oauth/access_token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withQueryParam("client_secret", absent())
                .withQueryParam("fb_exchange_token", absent())
                .withFormParam("grant_type", equalTo("fb_exchange_token"))
                .withFormParam("client_id", equalTo(TestSecrets.APP_ID))
                .withFormParam("client_secret", equalTo(TestSecrets.APP_SECRET_VALUE))
                .withFormParam("fb_exchange_token", equalTo(TestSecrets.SHORT_USER_TOKEN_VALUE)));
        assertFalse(token.toString().contains(TestSecrets.LONG_USER_TOKEN_VALUE));
    }

    @Test
    void exchangeWithoutExpiresInLeavesExpiryEmpty() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"" + TestSecrets.LONG_USER_TOKEN_VALUE + "\",\"token_type\":\"bearer\"}")));
        LongLivedToken token = GraphTestSupport.client(wm).oauth()
                .exchangeForLongLivedTokenAsync(TestSecrets.SHORT_USER_TOKEN).join();
        assertTrue(token.expiresAt().isEmpty());
    }

    @Test
    void debugsTokenWithAppTokenInHeader() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/debug_token")).willReturn(okJson("""
                {"data":{"app_id":"1234567890","type":"PAGE","application":"Demo","is_valid":true,
                 "expires_at":0,"data_access_expires_at":1790000000,"issued_at":1760000000,
                 "scopes":["pages_messaging","pages_show_list"],"user_id":"u-1","profile_id":"page-1"}}""")));

        Function<AccessToken, TokenDebugInfo> inspector = GraphTestSupport.client(wm).oauth()::debugToken;
        TokenDebugInfo info = inspector.apply(TestSecrets.PAGE_TOKEN);

        assertTrue(info.valid());
        assertEquals("PAGE", info.type());
        assertTrue(info.expiresAt().isEmpty());
        assertEquals(Instant.ofEpochSecond(1790000000), info.dataAccessExpiresAt().orElseThrow());
        assertEquals(List.of("pages_messaging", "pages_show_list"), info.scopes());
        assertEquals("page-1", info.profileId());
        assertNull(info.errorCode());
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/debug_token"))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.APP_ID + "|" + TestSecrets.APP_SECRET_VALUE))
                .withQueryParam("input_token", equalTo(TestSecrets.PAGE_TOKEN_VALUE))
                .withQueryParam("access_token", absent()));
    }

    @Test
    void debugOfDeadTokenReportsMetasReason() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/debug_token")).willReturn(okJson("""
                {"data":{"app_id":"1234567890","type":"USER","is_valid":false,"expires_at":1760000000,
                 "scopes":[],"user_id":"u-1",
                 "error":{"code":190,"subcode":460,"message":"The session has been invalidated because the user changed their password. EAAuserTokenTest0001xyz"}}}""")));
        TokenDebugInfo info = GraphTestSupport.client(wm).oauth().debugToken(TestSecrets.USER_TOKEN);
        assertFalse(info.valid());
        assertEquals(190, info.errorCode());
        assertEquals(460, info.errorSubcode());
        assertFalse(info.usableAt(GraphTestSupport.START));
        assertFalse(info.errorMessage().contains(TestSecrets.USER_TOKEN_VALUE), info.errorMessage());
    }
}
