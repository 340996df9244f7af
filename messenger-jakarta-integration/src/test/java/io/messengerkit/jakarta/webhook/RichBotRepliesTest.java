package io.messengerkit.jakarta.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_1;
import static io.messengerkit.jakarta.testing.GraphStubs.V;
import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.reply.ChatbotAnswer;
import io.messengerkit.jakarta.reply.RichChatbotResponder;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.QuickReply;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simple bot interface answering with several messages: sent in order, with typing, logged as one turn. */
class RichBotRepliesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase db;
    private GraphStubs graph;
    private TestServer server;

    @BeforeEach
    void start() {
        db = TestDatabase.h2();
        graph = new GraphStubs();
        graph.reset();
        RichChatbotResponder bot = q -> q.text().equals("quiet") ? ChatbotAnswer.none()
                : ChatbotAnswer.text("Here is the menu")
                        .thenAttachment(Attachment.image("https://shop.test/menu.png"))
                        .thenTemplate(ButtonTemplate.of("Order?", Button.postback("Yes", "ORDER")))
                        .thenText("Anything else?", QuickReply.text("No", "DONE"));
        server = TestServer.start(db, TestServer.config(graph.baseUrl()), b -> b.responder(bot),
                TokenVault.of(TokenKeyset.generate()));
        assertEquals(200, server.postJson("/api/fb-linkage/", KEY_A,
                "{\"chatbot_id\":\"bot-a\",\"access_token\":\"" + GraphStubs.SHORT_TOKEN + "\"}").statusCode());
        assertEquals(200, server.postJson("/api/link-pages/", KEY_A,
                "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + PAGE_1 + "\"]}").statusCode());
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
        db.close();
    }

    private List<String> steps() {
        return graph.server().findAll(postRequestedFor(urlPathEqualTo(V + "/me/messages"))).stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                if (body.has("sender_action")) {
                    return body.get("sender_action").asText();
                }
                JsonNode m = body.path("message");
                String quickReplies = m.has("quick_replies") ? " " + m.get("quick_replies") : "";
                return m.has("text") ? "text:" + m.get("text").asText() + quickReplies
                        : m.path("attachment").path("type").asText() + ":" + m.path("attachment").path("payload")
                                .path("template_type").asText(m.path("attachment").path("payload").path("url").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void severalMessagesAreSentInOrderWithTypingBeforeEachAndLoggedAsOneTurn() {
        byte[] body = WebhookDeliveryTest.message("m.menu", "menu please");
        assertEquals(200, server.postWebhook("/api/webhook/", body, sign(body)).statusCode());
        Eventually.await("turn logged", () -> server.backend().messageLog()
                .summary("bot-a", Optional.empty(), 0, 10).total() == 1);

        assertEquals(List.of("typing_on", "typing_off", "text:Here is the menu", "typing_on",
                "image:https://shop.test/menu.png", "typing_on", "template:button", "typing_on",
                "text:Anything else? [{\"content_type\":\"text\",\"title\":\"No\",\"payload\":\"DONE\"}]",
                "mark_seen"), steps());
        MessageLog.Entry logged = server.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).entries().get(0);
        assertEquals(MessageLog.Status.REPLIED, logged.status());
        assertEquals("Here is the menu\n[image]\n[template:button]\nAnything else?", logged.outboundText());
    }

    @Test
    void anEmptyAnswerSendsNothingButMarkSeen() {
        byte[] body = WebhookDeliveryTest.message("m.quiet", "quiet");
        assertEquals(200, server.postWebhook("/api/webhook/", body, sign(body)).statusCode());
        Eventually.await("turn logged", () -> server.backend().messageLog()
                .summary("bot-a", Optional.empty(), 0, 10).total() == 1);
        assertEquals(List.of("typing_on", "typing_off", "mark_seen"), steps());
        assertEquals(MessageLog.Status.NO_REPLY,
                server.backend().messageLog().summary("bot-a", Optional.empty(), 0, 10).entries().get(0).status());
    }
}
