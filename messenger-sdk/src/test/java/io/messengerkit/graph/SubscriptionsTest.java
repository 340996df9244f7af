package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionsTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static final String PROOF = TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN);

    @ParameterizedTest
    @ValueSource(strings = {"{\"success\":true}", "{\"success\":\"true\"}"})
    void subscribesWithFieldsInTheBodyAcceptingBothSuccessShapes(String answer) {
        wm.stubFor(post(urlPathEqualTo("/v26.0/555/subscribed_apps")).willReturn(okJson(answer)));

        GraphTestSupport.client(wm).subscriptions().subscribe("555", TestSecrets.PAGE_TOKEN,
                List.of("messages", "messaging_postbacks"));

        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/555/subscribed_apps"))
                .withFormParam("subscribed_fields", equalTo("messages,messaging_postbacks"))
                .withQueryParam("appsecret_proof", equalTo(PROOF))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE)));
    }

    @Test
    void subscribeAnsweredWithoutSuccessFails() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/555/subscribed_apps")).willReturn(okJson("{\"success\":false}")));
        assertThrows(UnexpectedResponseException.class, () -> GraphTestSupport.client(wm).subscriptions()
                .subscribe("555", TestSecrets.PAGE_TOKEN, Subscriptions.MESSAGING_FIELDS));
    }

    @Test
    void listsSubscribedAppsAndFindsThisApp() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/555/subscribed_apps")).willReturn(okJson("""
                {"data":[{"category":"Business","link":"https://x.test","name":"Other","id":"777","subscribed_fields":["feed"]},
                         {"name":"Ours","id":"1234567890","subscribed_fields":["messages","message_echoes"]}]}""")));

        GraphClient graph = GraphTestSupport.client(wm);
        List<SubscribedApp> apps = graph.subscriptions().list("555", TestSecrets.PAGE_TOKEN);

        assertEquals(2, apps.size());
        assertEquals(new SubscribedApp("1234567890", "Ours", List.of("messages", "message_echoes")), apps.get(1));
        assertTrue(graph.subscriptions().isSubscribed("555", TestSecrets.PAGE_TOKEN));
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/555/subscribed_apps")).withQueryParam("appsecret_proof", equalTo(PROOF)));
    }

    @Test
    void emptyListMeansNotSubscribed() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/555/subscribed_apps")).willReturn(okJson("{\"data\":[]}")));
        assertFalse(GraphTestSupport.client(wm).subscriptions().isSubscribedAsync("555", TestSecrets.PAGE_TOKEN).join());
    }

    @Test
    void unsubscribesWithDelete() {
        wm.stubFor(delete(urlPathEqualTo("/v26.0/555/subscribed_apps")).willReturn(okJson("{\"success\":true}")));
        GraphTestSupport.client(wm).subscriptions().unsubscribe("555", TestSecrets.PAGE_TOKEN);
        wm.verify(deleteRequestedFor(urlPathEqualTo("/v26.0/555/subscribed_apps"))
                .withQueryParam("appsecret_proof", equalTo(PROOF))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE)));
    }

    @Test
    void rejectsUnknownLookingFieldNamesBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> GraphTestSupport.client(wm).subscriptions()
                .subscribe("555", TestSecrets.PAGE_TOKEN, List.of("messages&access_token=x")));
        assertEquals(0, wm.getAllServeEvents().size());
    }
}
