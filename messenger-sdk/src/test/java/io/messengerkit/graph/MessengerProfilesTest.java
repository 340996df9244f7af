package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.send.Button;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessengerProfilesTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static final MessengerProfile PROFILE = MessengerProfile.empty()
            .withGetStarted("GET_STARTED")
            .withGreetings(new MessengerProfile.Greeting("default", "Hi {{user_first_name}}!"))
            .withPersistentMenus(new MessengerProfile.PersistentMenu("default", false,
                    List.of(Button.postback("Talk to us", "HUMAN"), Button.url("Shop", "https://shop.test"))))
            .withIceBreakers(new MessengerProfile.IceBreakers("default",
                    List.of(new MessengerProfile.IceBreaker("Where are you?", "WHERE"))))
            .withWhitelistedDomains("https://shop.test");

    private static final String PROFILE_JSON = """
            {"get_started":{"payload":"GET_STARTED"},
             "greeting":[{"locale":"default","text":"Hi {{user_first_name}}!"}],
             "persistent_menu":[{"locale":"default","composer_input_disabled":false,"call_to_actions":[
                {"type":"postback","title":"Talk to us","payload":"HUMAN"},
                {"type":"web_url","title":"Shop","url":"https://shop.test"}]}],
             "ice_breakers":[{"call_to_actions":[{"question":"Where are you?","payload":"WHERE"}],"locale":"default"}],
             "whitelisted_domains":["https://shop.test"]}""";

    @Test
    void setsOnlyTheGivenPropertiesAsJson() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"result\":\"success\"}")));
        GraphTestSupport.client(wm).messengerProfile().set(TestSecrets.PAGE_TOKEN, PROFILE);
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile"))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE))
                .withQueryParam("appsecret_proof", equalTo(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.PAGE_TOKEN)))
                .withRequestBody(equalToJson(PROFILE_JSON)));
    }

    @Test
    void readsTheProfileBack() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"data\":[" + PROFILE_JSON + "]}")));
        MessengerProfile read = GraphTestSupport.client(wm).messengerProfile().get(TestSecrets.PAGE_TOKEN);
        assertEquals(PROFILE, read);
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile"))
                .withQueryParam("fields", equalTo("get_started,greeting,persistent_menu,ice_breakers,whitelisted_domains")));
    }

    @Test
    void unconfiguredProfileReadsEmpty() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"data\":[]}")));
        assertEquals(MessengerProfile.empty(), GraphTestSupport.client(wm).messengerProfile().get(TestSecrets.PAGE_TOKEN));
    }

    @Test
    void deletesNamedProperties() {
        wm.stubFor(delete(urlPathEqualTo("/v26.0/me/messenger_profile")).willReturn(okJson("{\"result\":\"success\",\"success\":true}")));
        GraphTestSupport.client(wm).messengerProfile().delete(TestSecrets.PAGE_TOKEN,
                List.of(MessengerProfile.Field.GET_STARTED, MessengerProfile.Field.PERSISTENT_MENU));
        wm.verify(deleteRequestedFor(urlPathEqualTo("/v26.0/me/messenger_profile"))
                .withRequestBody(equalToJson("{\"fields\":[\"get_started\",\"persistent_menu\"]}")));
    }
}
