package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoutingAndPersonasTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private GraphClient graph;

    @BeforeEach
    void setUp() {
        graph = GraphTestSupport.client(wm);
    }

    @Test
    void passesTakesRequestsReleasesAndExtendsThreadControl() {
        for (String e : List.of("pass", "take", "request", "release", "extend")) {
            wm.stubFor(post(urlPathEqualTo("/v26.0/me/" + e + "_thread_control")).willReturn(okJson("{\"success\":true}")));
        }
        ConversationRouting routing = graph.routing();
        routing.passThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", ConversationRouting.PAGE_INBOX_APP_ID, "needs human");
        routing.takeThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", null);
        routing.requestThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", "please");
        routing.releaseThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", null);
        routing.extendThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", Duration.ofDays(2));

        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/pass_thread_control"))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.PAGE_TOKEN_VALUE))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"psid-1\"},\"target_app_id\":\"263902037430900\","
                        + "\"metadata\":\"needs human\"}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/take_thread_control"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"psid-1\"}}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/request_thread_control"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"psid-1\"},\"metadata\":\"please\"}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/extend_thread_control"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"psid-1\"},\"duration\":172800}")));
        assertThrows(IllegalArgumentException.class,
                () -> routing.extendThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", Duration.ofDays(8)));
    }

    @Test
    void takingAThreadAnotherAppControlsFailsWithMetasError() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/take_thread_control")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"(#10) not owner\","
                        + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2018300,\"fbtrace_id\":\"F\"}}")));
        ThreadControlledElsewhereException e = assertThrows(ThreadControlledElsewhereException.class,
                () -> graph.routing().takeThreadControl(TestSecrets.PAGE_TOKEN, "psid-1", null));
        assertEquals(2018300, e.subcode());
    }

    @Test
    void readsThreadOwnerAndSecondaryReceivers() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/thread_owner")).withQueryParam("recipient", equalTo("psid-1"))
                .willReturn(okJson("{\"data\":[{\"thread_owner\":{\"app_id\":\"263902037430900\"}}]}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/thread_owner")).withQueryParam("recipient", equalTo("psid-2"))
                .willReturn(okJson("{\"data\":[]}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/secondary_receivers"))
                .willReturn(okJson("{\"data\":[{\"id\":\"555\",\"name\":\"Helpdesk\"}]}")));

        ThreadOwner owner = graph.routing().threadOwner(TestSecrets.PAGE_TOKEN, "psid-1").orElseThrow();
        assertTrue(owner.isOwnedBy(ConversationRouting.PAGE_INBOX_APP_ID));
        assertEquals(Optional.empty(), graph.routing().threadOwner(TestSecrets.PAGE_TOKEN, "psid-2"));
        assertEquals(List.of(new SecondaryReceiver("555", "Helpdesk")),
                graph.routing().secondaryReceivers(TestSecrets.PAGE_TOKEN));
    }

    @Test
    void createsListsGetsAndDeletesPersonas() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/personas")).willReturn(okJson("{\"id\":\"per-1\"}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/personas")).willReturn(okJson(
                "{\"data\":[{\"id\":\"per-1\",\"name\":\"Ada (agent)\",\"profile_picture_url\":\"https://cdn.test/a.jpg\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/v26.0/per-1")).willReturn(okJson(
                "{\"id\":\"per-1\",\"name\":\"Ada (agent)\",\"profile_picture_url\":\"https://cdn.test/a.jpg\"}")));
        wm.stubFor(delete(urlPathEqualTo("/v26.0/per-1")).willReturn(okJson("{\"success\":true}")));

        Personas personas = graph.personas();
        assertEquals("per-1", personas.create(TestSecrets.PAGE_TOKEN, "Ada (agent)", "https://pics.test/a.jpg"));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/personas")).withRequestBody(equalToJson(
                "{\"name\":\"Ada (agent)\",\"profile_picture_url\":\"https://pics.test/a.jpg\"}")));
        Persona ada = new Persona("per-1", "Ada (agent)", "https://cdn.test/a.jpg");
        assertEquals(List.of(ada), personas.list(TestSecrets.PAGE_TOKEN));
        assertEquals(ada, personas.get(TestSecrets.PAGE_TOKEN, "per-1"));
        personas.delete(TestSecrets.PAGE_TOKEN, "per-1");
        wm.verify(deleteRequestedFor(urlPathEqualTo("/v26.0/per-1")));
        assertThrows(IllegalArgumentException.class,
                () -> personas.create(TestSecrets.PAGE_TOKEN, "x".repeat(51), "https://pics.test/a.jpg"));
    }
}
