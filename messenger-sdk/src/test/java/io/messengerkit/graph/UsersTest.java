package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsersTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    @Test
    void readsMeWithUserTokenAndProof() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(okJson(
                "{\"id\":\"10001\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.test\"}")));

        UserInfo me = GraphTestSupport.client(wm).me(TestSecrets.USER_TOKEN);

        assertEquals(new UserInfo("10001", "Ada Lovelace", java.util.Optional.of("ada@example.test")), me);
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/me"))
                .withQueryParam("fields", equalTo("id,name,email"))
                .withQueryParam("appsecret_proof", equalTo(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.USER_TOKEN)))
                .withQueryParam("access_token", absent())
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.USER_TOKEN_VALUE)));
    }

    @Test
    void meWithoutEmailPermissionHasNoEmail() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me")).willReturn(okJson("{\"id\":\"10001\",\"name\":\"Ada\"}")));
        assertTrue(GraphTestSupport.client(wm).users().meAsync(TestSecrets.USER_TOKEN).join().email().isEmpty());
    }

    @Test
    void readsUserProfileWithPageToken() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/2345678")).willReturn(okJson(
                "{\"id\":\"2345678\",\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"profile_pic\":\"https://pic.test/g.jpg\"}")));

        UserProfile profile = GraphTestSupport.client(wm).users().profile(TestSecrets.PAGE_TOKEN, "2345678");

        assertEquals("Grace", profile.firstName().orElseThrow());
        assertEquals("Hopper", profile.lastName().orElseThrow());
        assertEquals("https://pic.test/g.jpg", profile.profilePic().orElseThrow());
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/2345678"))
                .withQueryParam("fields", equalTo("first_name,last_name,profile_pic"))
                .withQueryParam("appsecret_proof", equalTo(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN)))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE)));
    }

    @Test
    void rejectsPsidThatWouldChangeThePath() {
        assertThrows(IllegalArgumentException.class,
                () -> GraphTestSupport.client(wm).users().profile(TestSecrets.PAGE_TOKEN, "../me/accounts"));
        assertEquals(0, wm.getAllServeEvents().size());
    }
}
