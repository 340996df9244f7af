package io.messengerkit.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.webhook.event.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handler test shown in docs/webhooks.md, kept compiling and passing. */
class WebhookDocsExampleTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** The handler under test. */
    static final class GreetingHandler implements EventHandler<MessageEvent> {
        @Override
        public void handle(MessageEvent message, EventContext context) {
            if ("hi".equalsIgnoreCase(message.text())) {
                context.reply("Hello!");
            }
        }
    }

    @Test
    void answersGreetings() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"u1\",\"message_id\":\"m_out\"}")));
        GraphClient graph = GraphClient.create(MessengerConfig.builder()
                .appId("1234").appSecret(AppSecret.of("made-up-secret")).baseUrl(wm.baseUrl()).build());
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(Runnable::run)
                .messengers(pageId -> graph.messenger(AccessToken.of("made-up-page-token")))
                .onMessage(new GreetingHandler())
                .build();

        byte[] body = """
                {"object":"page","entry":[{"id":"p1","time":1,"messaging":[{"sender":{"id":"u1"},
                 "recipient":{"id":"p1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}
                """.getBytes(StandardCharsets.UTF_8);
        DispatchReport report = dispatcher.dispatch(body).get(5, TimeUnit.SECONDS);

        assertEquals(1, report.dispatched());
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages"))
                .withRequestBody(matchingJsonPath("$.message.text", equalTo("Hello!"))));
    }
}
