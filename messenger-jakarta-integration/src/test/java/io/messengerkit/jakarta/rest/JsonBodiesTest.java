package io.messengerkit.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.messengerkit.jakarta.ChatbotManagement;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import io.messengerkit.jakarta.link.AccountLinking;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.persistence.PageSource;
import io.messengerkit.jakarta.rest.JsonBodies.Body;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request bodies bound to records (with the seed's aliases), and the exact JSON of the answers. */
class JsonBodiesTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    static String write(JsonBody body) throws Exception {
        return JsonBodies.MAPPER.writeValueAsString(body);
    }

    @Test
    void readsEveryNameTheSeedsClientsUseForTheLoginToken() {
        for (String name : List.of("access_token", "short_lived_token", "user_access_token", "accessToken")) {
            RequestBodies.LinkAccount request = JsonBodies.read(body("{\"chatbot\":\"bot-a\",\"" + name + "\":\"tok\"}"),
                    RequestBodies.LinkAccount.class, Body.REQUIRED);
            assertEquals("bot-a", request.chatbotId(), name);
            assertEquals("tok", request.accessToken(), name);
        }
    }

    @Test
    void readsPageIdsAsAnArrayOfIdsOrObjectsOrCommaSeparatedText() {
        for (String ids : List.of("{\"page_ids\":[\"111\",222]}", "{\"pages\":[{\"id\":\"111\"},{\"id\":222}]}",
                "{\"page_id\":\"111, 222\"}")) {
            RequestBodies.PageIds request = JsonBodies.read(body(ids), RequestBodies.PageIds.class, Body.REQUIRED);
            assertEquals(List.of("111", "222"), request.pageIds(), ids);
        }
    }

    @Test
    void aMemberSentTwiceOrUnderTwoNamesFollowsTheLastOne() {
        RequestBodies.LinkAccount twice = JsonBodies.read(body(
                "{\"chatbot_id\":\"a\",\"access_token\":\"t1\",\"extra\":{\"x\":[1]},\"access_token\":\"t2\"}"),
                RequestBodies.LinkAccount.class, Body.REQUIRED);
        assertEquals("t2", twice.accessToken());
        RequestBodies.Chatbot aliased = JsonBodies.read(body("{\"chatbot_id\":\"a\",\"chatbot\":\"b\"}"),
                RequestBodies.Chatbot.class, Body.REQUIRED);
        assertEquals("b", aliased.chatbotId());
    }

    @Test
    void readsScalarsAsTextAndTreatsObjectsWhereTextBelongsAsAbsent() {
        RequestBodies.LinkAccount request = JsonBodies.read(body("{\"chatbot_id\":42,\"access_token\":{\"a\":[1,2]}}"),
                RequestBodies.LinkAccount.class, Body.REQUIRED);
        assertEquals("42", request.chatbotId());
        assertNull(request.accessToken());
        assertFalse(request.toString().contains("access"), "the token never shows in toString");
    }

    @Test
    void refusesBodiesThatAreNotOneJsonObjectNamingTheBody() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "a JSON object is required");
        cases.put("{not json", "not valid JSON");
        cases.put("[1,2]", "must be a JSON object");
        cases.put("null", "must be a JSON object");
        cases.put("   ", "must be a JSON object");
        cases.forEach((json, message) -> {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> JsonBodies.read(body(json), RequestBodies.Chatbot.class, Body.REQUIRED), json);
            assertEquals(List.of(new InvalidInputException.Violation("body", message)), e.violations(), json);
        });
        assertNull(JsonBodies.read(body(""), RequestBodies.Chatbot.class, Body.OPTIONAL));
        assertNull(JsonBodies.read(null, RequestBodies.Chatbot.class, Body.OPTIONAL));
    }

    @Test
    void refusesABodyOverTheLimitWithoutReadingOn() {
        byte[] big = ("{\"x\":\"" + "a".repeat(JsonBodies.MAX_REQUEST_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
                () -> JsonBodies.read(new ByteArrayInputStream(big), RequestBodies.Chatbot.class, Body.REQUIRED));
        assertEquals(JsonBodies.MAX_REQUEST_BYTES, e.limit());
    }

    @Test
    void writesAnAccountWithItsPagesInTheSeedsShape() throws Exception {
        LinkedAccount account = new LinkedAccount("bot-a", "5001", "Ada Admin", Optional.of(T), LinkStatus.RECONNECT_NEEDED,
                "log in again", List.of(new LinkedAccount.AvailablePage("111", "Corner Shop", PageSource.PERSONAL, "Shop"),
                        new LinkedAccount.AvailablePage("333", "Holdings", PageSource.BUSINESS, null)),
                T, Optional.empty());
        LinkedPage page = new LinkedPage("bot-a", "111", "Corner Shop", PageSource.PERSONAL, List.of("messages"), true,
                LinkStatus.ACTIVE, null, T, Optional.empty(), Optional.of(T));
        assertEquals("{\"chatbot_id\":\"bot-a\",\"facebook_user_id\":\"5001\",\"facebook_user_name\":\"Ada Admin\","
                + "\"status\":\"reconnect_needed\",\"reconnect_needed\":true,\"status_detail\":\"log in again\","
                + "\"token_expires_at\":\"2026-11-20T10:00:00Z\",\"linked_at\":\"2026-11-20T10:00:00Z\",\"checked_at\":null,"
                + "\"available_pages\":[{\"id\":\"111\",\"name\":\"Corner Shop\",\"source\":\"personal\",\"category\":\"Shop\","
                + "\"linked\":true,\"instagram\":null},{\"id\":\"333\",\"name\":\"Holdings\",\"source\":\"business\","
                + "\"category\":null,\"linked\":false,\"instagram\":null}],\"linked_pages\":[{\"page_id\":\"111\",\"name\":\"Corner Shop\",\"source\":\"personal\","
                + "\"active\":true,\"status\":\"active\",\"reconnect_needed\":false,\"status_detail\":null,"
                + "\"subscribed_fields\":[\"messages\"],\"linked_at\":\"2026-11-20T10:00:00Z\",\"unlinked_at\":null,"
                + "\"checked_at\":\"2026-11-20T10:00:00Z\",\"instagram\":null,\"instagram_messaging\":false}]}",
                write(ResponseBodies.Account.of(new ChatbotManagement.AccountDetails(account, List.of(page)))));
    }

    @Test
    void leavesOutAnOutcomesDetailWhenThereIsNone() throws Exception {
        List<ResponseBodies.Outcome> outcomes = ResponseBodies.Outcome.of(List.of(
                new AccountLinking.PageOutcome("111", "unlinked", null),
                new AccountLinking.PageOutcome("222", "unlinked_without_unsubscribe", "Graph error 190")));
        assertEquals("{\"chatbot_id\":\"bot-a\",\"pages\":[{\"page_id\":\"111\",\"outcome\":\"unlinked\"},"
                + "{\"page_id\":\"222\",\"outcome\":\"unlinked_without_unsubscribe\",\"detail\":\"Graph error 190\"}],"
                + "\"account_unlinked\":true}", write(new ResponseBodies.AccountUnlinked("bot-a", outcomes, true)));
    }

    @Test
    void writesTheMessageSummaryWithCountsAndNulls() throws Exception {
        MessageLog.Entry entry = new MessageLog.Entry("bot-a", "111", "messenger-9", "m.1", "hi", null, null,
                MessageLog.Status.FAILED, 190, "token", T, null);
        MessageLog.Summary summary = new MessageLog.Summary(List.of(entry), 3, Map.of("111", 3L), Map.of("FAILED", 3L),
                Map.of("2026-11-20", 3L));
        assertEquals("{\"chatbot_id\":\"bot-a\",\"page\":2,\"page_size\":2,\"total\":3,\"pages\":2,"
                + "\"counts\":{\"by_page\":{\"111\":3},\"by_status\":{\"failed\":3},\"by_day\":{\"2026-11-20\":3},\"by_platform\":{}},"
                + "\"messages\":[{\"page_id\":\"111\",\"session_id\":\"messenger-9\",\"inbound_message_id\":\"m.1\","
                + "\"inbound_text\":\"hi\",\"outbound_text\":null,\"message_id\":null,\"status\":\"failed\",\"error_code\":190,"
                + "\"error_detail\":\"token\",\"received_at\":\"2026-11-20T10:00:00Z\",\"replied_at\":null,"
                + "\"platform\":\"messenger\"}]}",
                write(ResponseBodies.Summary.of("bot-a", summary, 2, 2)));
    }

    @Test
    void writesProblemsWithTheStandardMembersFirstAndTheInstanceOnlyWhenKnown() throws Exception {
        ProblemMapper.Problem problem = ProblemMapper.toProblem(new InvalidInputException("chatbot_id", "is required"));
        assertEquals("{\"type\":\"https://messengerkit.io/problems/invalid-request\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"The request has invalid or missing fields.\",\"instance\":\"/api/fb-linkage/\","
                + "\"errors\":[{\"field\":\"chatbot_id\",\"message\":\"is required\"}]}", write(problem.at("/api/fb-linkage/")));
        assertEquals("{\"type\":\"https://messengerkit.io/problems/invalid-request\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"The request has invalid or missing fields.\","
                + "\"errors\":[{\"field\":\"chatbot_id\",\"message\":\"is required\"}]}", write(problem));
    }
}
