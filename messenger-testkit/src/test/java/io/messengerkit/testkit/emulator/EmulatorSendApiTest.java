package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.Http.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorSendApiTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
    private PlatformEmulator emulator;
    private TestPage page;
    private TestCustomer customer;
    private String token;
    private String messages;

    @BeforeEach
    void start() {
        emulator = PlatformEmulator.builder().clock(clock).start();
        TestUser owner = emulator.createUser("Ada Lovelace");
        page = emulator.createPage(owner, "Shop");
        customer = page.createCustomer("Grace", "Hopper");
        customer.sends("hello there");
        token = page.token().reveal();
        messages = emulator.baseUrl() + "/v26.0/me/messages";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Answer send(String json) {
        return Http.postJsonBearer(messages, token, json);
    }

    private String text(String text) {
        return "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":" + Http.JSON.valueToTree(text) + "}}";
    }

    private String action(String action) {
        return "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"sender_action\":\"" + action + "\"}";
    }

    private static void assertError(Answer answer, int code, Integer subcode) {
        assertEquals(400, answer.status(), answer.body());
        JsonNode error = answer.error();
        assertEquals(code, error.get("code").asInt(), answer.body());
        assertEquals("OAuthException", error.get("type").asText());
        assertNotNull(error.get("fbtrace_id"));
        if (subcode != null) {
            assertEquals(subcode.intValue(), error.get("error_subcode").asInt(), answer.body());
        }
    }

    @Test
    void recordsMessagesAndSenderActionsInOrder() {
        Answer typing = send(action("typing_on"));
        assertEquals(customer.psid(), typing.json().get("recipient_id").asText());
        assertFalse(typing.json().has("message_id"));
        Answer reply = send(text("Hi Grace!"));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(customer.psid(), reply.json().get("recipient_id").asText());
        assertTrue(reply.json().get("message_id").asText().startsWith("m_"));
        send(action("typing_off"));

        Conversation conversation = customer.conversation();
        assertEquals(List.of("user> 'hello there'", "page> typing_on", "page> 'Hi Grace!'", "page> typing_off"),
                conversation.entries().stream().map(Object::toString).toList());
        assertEquals(List.of("Hi Grace!"), conversation.replies());
        TranscriptEntry last = conversation.lastReply().orElseThrow();
        assertEquals("RESPONSE", last.messagingType());
        assertEquals(reply.json().get("message_id").asText(), last.mid());
    }

    @Test
    void acceptsPageIdPathAndFormEncodedBodies() {
        Answer answer = Http.postForm(emulator.baseUrl() + "/v26.0/" + page.id() + "/messages",
                "recipient=" + enc("{\"id\":\"" + customer.psid() + "\"}") + "&messaging_type=UPDATE&message="
                        + enc("{\"text\":\"form body\",\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Yes\",\"payload\":\"Y\"}]}")
                        + "&access_token=" + enc(token));
        assertEquals(200, answer.status(), answer.body());
        TranscriptEntry entry = customer.conversation().lastReply().orElseThrow();
        assertEquals("form body", entry.text());
        assertEquals(List.of("Yes"), entry.quickReplies());
    }

    @Test
    void enforcesMessagingTypeTextLengthQuickRepliesAndShape() {
        String recipient = "{\"id\":\"" + customer.psid() + "\"}";
        Answer noType = send("{\"recipient\":" + recipient + ",\"message\":{\"text\":\"hi\"}}");
        assertError(noType, 100, null);
        assertEquals("(#100) The parameter messaging_type is required", noType.error().get("message").asText());

        assertEquals(200, send(text("x".repeat(2000))).status());
        Answer tooLong = send(text("x".repeat(2001)));
        assertError(tooLong, 100, null);
        assertTrue(tooLong.error().get("message").asText().contains("2000"));

        String thirteen = IntStream.range(0, 13)
                .mapToObj(i -> "{\"content_type\":\"text\",\"title\":\"Option " + i + "\",\"payload\":\"P" + i + "\"}")
                .collect(Collectors.joining(","));
        assertEquals(200, send("{\"recipient\":" + recipient + ",\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"pick\",\"quick_replies\":[" + thirteen + "]}}").status());
        assertError(send("{\"recipient\":" + recipient + ",\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"pick\",\"quick_replies\":[" + thirteen + ","
                + "{\"content_type\":\"text\",\"title\":\"one more\",\"payload\":\"X\"}]}}"), 100, null);
        assertError(send("{\"recipient\":" + recipient + ",\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"pick\",\"quick_replies\":[{\"content_type\":\"text\","
                + "\"title\":\"a title longer than twenty\",\"payload\":\"X\"}]}}"), 100, null);

        assertError(send("{\"recipient\":" + recipient + ",\"messaging_type\":\"RESPONSE\",\"message\":{}}"), 100, 2018034);
        assertError(send("{\"recipient\":" + recipient + ",\"sender_action\":\"typing_on\","
                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}"), 100, null);
        assertError(send("{\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}"), 100, null);
        assertError(send("{\"recipient\":{\"id\":\"999\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}"),
                100, 2018001);
        assertError(send("{\"recipient\":" + recipient + ",\"messaging_type\":\"MESSAGE_TAG\","
                + "\"tag\":\"ACCOUNT_UPDATE\",\"message\":{\"text\":\"hi\"}}"), 100, null);
    }

    @Test
    void refusesMessagesOutsideTheTwentyFourHourWindowUntilThePersonWritesAgain() {
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertEquals(200, send(text("still inside")).status());
        clock.advance(Duration.ofMinutes(2));
        Answer outside = send(text("too late"));
        assertError(outside, 10, 2018278);
        assertTrue(outside.error().get("message").asText().contains("outside of allowed window"));
        assertError(send(action("typing_on")), 10, 2018278);

        String humanAgent = "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"messaging_type\":\"MESSAGE_TAG\","
                + "\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"an agent answers\"}}";
        assertEquals(200, send(humanAgent).status(), "HUMAN_AGENT may answer for 7 days");
        clock.advance(Duration.ofDays(7));
        assertError(send(humanAgent), 10, 2018278);

        customer.sends("back again");
        assertEquals(200, send(text("welcome back")).status());
        assertFalse(customer.conversation().replies().contains("too late"));
    }

    @Test
    void limitsSendsToThreeHundredPerSecondPerPageWithCode613() {
        for (int i = 0; i < 300; i++) {
            Answer ok = send(action("mark_seen"));
            assertEquals(200, ok.status(), "send " + i + ": " + ok.body());
        }
        Answer limited = send(text("one too many"));
        assertError(limited, 613, null);
        assertEquals("(#613) Calls to this api have exceeded the rate limit.", limited.error().get("message").asText());
        assertTrue(limited.header("X-Business-Use-Case-Usage") == null
                || limited.header("X-Business-Use-Case-Usage").contains("call_count"));

        TestPage other = emulator.createPage(emulator.createUser("Other Owner"), "Other");
        TestCustomer otherCustomer = other.createCustomer("Kim", "Park");
        otherCustomer.sends("hi");
        assertEquals(200, Http.postJsonBearer(messages, other.token().reveal(), "{\"recipient\":{\"id\":\""
                + otherCustomer.psid() + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"ok\"}}").status(),
                "the limit is per page");

        clock.advance(Duration.ofSeconds(1));
        Answer next = send(text("a new second"));
        assertEquals(200, next.status());
        assertTrue(next.header("X-Business-Use-Case-Usage").contains("\"type\":\"messenger\""));
    }

    @Test
    void injectsServerErrorsRateLimitsAndTokenErrorsOnDemand() {
        emulator.injectFault("/me/messages", 1, Fault.serverError(503));
        Answer unavailable = send(text("first try"));
        assertEquals(503, unavailable.status());
        assertEquals(2, unavailable.error().get("code").asInt());
        assertTrue(unavailable.error().get("is_transient").asBoolean());
        assertEquals(200, send(text("second try")).status(), "the fault is used up");
        assertEquals(List.of("second try"), customer.conversation().replies());

        emulator.injectFault(Fault.rateLimited());
        assertError(send(text("limited")), 613, null);

        emulator.injectFault("/me/messages", 2, Fault.tokenInvalid(463));
        assertError(send(text("a")), 190, 463);
        assertError(send(text("b")), 190, 463);
        assertEquals(200, send(text("c")).status());

        emulator.injectFault("/other/path", 1, Fault.serverError(500));
        assertEquals(200, send(text("d")).status(), "faults only hit matching paths");
        emulator.clearFaults();

        List<RecordedRequest> sends = emulator.requests("POST", "/me/messages");
        assertEquals(List.of(503, 200, 400, 400, 400, 200, 200),
                sends.stream().map(RecordedRequest::responseStatus).toList());
        assertEquals("RESPONSE", sends.get(1).param("messaging_type").orElseThrow());
    }

    @Test
    void delaysAnswersPastTheClientTimeoutAndDropsConnections() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        emulator.injectFault("/me", 1, Fault.delay(Duration.ofSeconds(30)));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v26.0/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMillis(300)).GET().build();
        assertThrows(HttpTimeoutException.class, () -> client.send(slow, HttpResponse.BodyHandlers.ofString()));

        emulator.injectFault("/me/messages", 1, Fault.dropConnection());
        HttpRequest dropped = HttpRequest.newBuilder(URI.create(messages))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(text("lost"))).build();
        assertThrows(IOException.class, () -> client.send(dropped, HttpResponse.BodyHandlers.ofString()));
        assertTrue(customer.conversation().replies().isEmpty(), "a dropped call did nothing");
        assertEquals(0, emulator.requests("POST", "/me/messages").get(0).responseStatus());

        Answer normal = Http.getBearer(emulator.baseUrl() + "/v26.0/me", token);
        assertEquals(page.id(), normal.json().get("id").asText());
        assertNull(normal.json().get("error"));
    }
}
