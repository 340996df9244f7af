package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.Http.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorGraphApiTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
    private PlatformEmulator emulator;
    private TestUser user;
    private String graph;

    @BeforeEach
    void start() {
        emulator = PlatformEmulator.builder().clock(clock).pageSize(2).start();
        user = emulator.createUser("Ada Lovelace");
        graph = emulator.baseUrl() + "/v26.0";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static void assertMetaError(Answer answer, int status, int code, Integer subcode) {
        assertEquals(status, answer.status(), answer.body());
        JsonNode error = answer.error();
        assertNotNull(error, answer.body());
        assertEquals(code, error.get("code").asInt(), answer.body());
        assertTrue(error.get("message").isTextual());
        assertTrue(error.get("type").isTextual());
        assertTrue(error.get("fbtrace_id").asText().length() > 5);
        if (subcode == null) {
            assertFalse(error.has("error_subcode"), answer.body());
        } else {
            assertEquals(subcode.intValue(), error.get("error_subcode").asInt(), answer.body());
        }
    }

    @Test
    void exchangesShortLivedUserTokenForLongLivedOne() {
        String shortLived = user.shortLivedToken().reveal();
        Answer answer = Http.get(graph + "/oauth/access_token?grant_type=fb_exchange_token&client_id="
                + emulator.appId() + "&client_secret=" + enc(emulator.appSecret().reveal())
                + "&fb_exchange_token=" + enc(shortLived));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("bearer", answer.json().get("token_type").asText());
        assertEquals(5183944, answer.json().get("expires_in").asLong());
        String longLived = answer.json().get("access_token").asText();
        assertNotEquals(shortLived, longLived);

        Answer me = Http.getBearer(graph + "/me", longLived);
        assertEquals(user.id(), me.json().get("id").asText());
        assertEquals("Ada Lovelace", me.json().get("name").asText());
    }

    @Test
    void rejectsExchangeWithWrongSecretOrExpiredToken() {
        String shortLived = user.shortLivedToken().reveal();
        assertMetaError(Http.get(graph + "/oauth/access_token?grant_type=fb_exchange_token&client_id="
                + emulator.appId() + "&client_secret=wrong&fb_exchange_token=" + enc(shortLived)), 400, 1, null);
        assertMetaError(Http.get(graph + "/oauth/access_token?grant_type=fb_exchange_token&client_id=999"
                + "&client_secret=wrong&fb_exchange_token=" + enc(shortLived)), 400, 101, null);
        clock.advance(Duration.ofHours(3));
        assertMetaError(Http.get(graph + "/oauth/access_token?grant_type=fb_exchange_token&client_id="
                + emulator.appId() + "&client_secret=" + enc(emulator.appSecret().reveal())
                + "&fb_exchange_token=" + enc(shortLived)), 400, 190, 463);
    }

    @Test
    void acceptsAnyVersionPrefixAndTokensAsParameterOrBearer() {
        String token = user.longLivedToken().reveal();
        for (String prefix : List.of("/v19.0", "/v26.0", "/v27.0", "")) {
            Answer byParam = Http.get(emulator.baseUrl() + prefix + "/me?access_token=" + enc(token));
            assertEquals(200, byParam.status(), prefix + " " + byParam.body());
            Answer byHeader = Http.getBearer(emulator.baseUrl() + prefix + "/me?fields=id,first_name", token);
            assertEquals(user.id(), byHeader.json().get("id").asText());
            assertEquals("Ada", byHeader.json().get("first_name").asText());
        }
        List<RecordedRequest> recorded = emulator.requests("GET", "/me");
        assertEquals(8, recorded.size());
        assertEquals("v19.0", recorded.get(0).graphVersion());
        assertNull(recorded.get(7).graphVersion());
        assertTrue(recorded.get(1).usedBearerHeader());
        assertEquals(token, recorded.get(1).accessToken());
        assertFalse(recorded.get(1).toString().contains(token));
    }

    @Test
    void answersMissingUnknownAndFieldErrorsInMetaShape() {
        assertMetaError(Http.get(graph + "/me"), 400, 2500, null);
        Answer unknown = Http.getBearer(graph + "/me", "EAAnot-issued");
        assertMetaError(unknown, 400, 190, null);
        assertTrue(unknown.header("WWW-Authenticate").startsWith("OAuth \"Facebook Platform\" \"invalid_token\""));
        String token = user.longLivedToken().reveal();
        Answer nonexisting = Http.getBearer(graph + "/me?fields=id,shoe_size", token);
        assertMetaError(nonexisting, 400, 100, null);
        assertEquals("(#100) Tried accessing nonexisting field (shoe_size) on node type (User)",
                nonexisting.error().get("message").asText());
        assertMetaError(Http.getBearer(graph + "/4242424242", token), 400, 100, 33);
    }

    @Test
    void listsAccountsWithCursorPagingUntilNextIsAbsent() {
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(emulator.createPage(user, "Page " + i).id());
        }
        String token = user.longLivedToken().reveal();
        List<String> seen = new ArrayList<>();
        String url = graph + "/me/accounts?fields=id,name,access_token,category,tasks";
        int calls = 0;
        while (url != null) {
            Answer page = Http.getBearer(url, token);
            assertEquals(200, page.status(), page.body());
            calls++;
            for (JsonNode item : page.json().get("data")) {
                seen.add(item.get("id").asText());
                assertTrue(item.get("access_token").asText().startsWith("EAA"));
                assertTrue(item.get("tasks").toString().contains("MESSAGING"));
            }
            JsonNode paging = page.json().get("paging");
            assertTrue(paging.get("cursors").has("before"));
            assertTrue(paging.get("cursors").has("after"));
            url = paging.has("next") ? paging.get("next").asText() : null;
            if (url != null) {
                assertFalse(url.contains("access_token="), "a bearer call's next link carries no token");
                assertTrue(url.startsWith(graph + "/me/accounts?"));
            }
        }
        assertEquals(3, calls);
        assertEquals(created, seen);

        Answer withLimit = Http.getBearer(graph + "/me/accounts?limit=4", token);
        assertEquals(4, withLimit.json().get("data").size());
        String after = withLimit.json().get("paging").get("cursors").get("after").asText();
        Answer rest = Http.getBearer(graph + "/me/accounts?limit=4&after=" + enc(after), token);
        assertEquals(1, rest.json().get("data").size());
        assertFalse(rest.json().get("paging").has("next"));
        assertTrue(rest.json().get("paging").has("previous"));

        Answer byParam = Http.get(graph + "/me/accounts?access_token=" + enc(token));
        assertTrue(byParam.json().get("paging").get("next").asText().contains("access_token="),
                "like Meta, a next link repeats a token that came as a parameter");
        assertTrue(byParam.body().contains("\\/"), "slashes are escaped as Meta escapes them");
    }

    @Test
    void pageTokensReadWithALongLivedUserTokenOutliveTheShortLivedOnes() {
        TestPage page = emulator.createPage(user, "Shop");
        String fromShort = Http.getBearer(graph + "/me/accounts", user.shortLivedToken().reveal()).json()
                .at("/data/0/access_token").asText();
        String fromLong = Http.getBearer(graph + "/me/accounts", user.longLivedToken().reveal()).json()
                .at("/data/0/access_token").asText();
        assertEquals(page.id(), Http.getBearer(graph + "/me", fromShort).json().get("id").asText());
        clock.advance(Duration.ofHours(3));
        assertMetaError(Http.getBearer(graph + "/me", fromShort), 400, 190, 463);
        clock.advance(Duration.ofDays(365));
        assertEquals(page.id(), Http.getBearer(graph + "/me", fromLong).json().get("id").asText(),
                "a page token read with a long-lived user token does not expire by time");
        JsonNode info = Http.get(graph + "/debug_token?input_token=" + enc(fromLong) + "&access_token="
                + enc(emulator.appAccessToken())).json().get("data");
        assertEquals(0, info.get("expires_at").asLong());
    }

    @Test
    void listsBusinessPortfoliosWithOwnedAndClientPages() {
        TestBusiness business = emulator.createBusiness(user, "Acme Holdings");
        TestPage owned = business.createOwnedPage("Acme Shop");
        TestUser other = emulator.createUser("Bo Baker");
        TestPage client = emulator.createPage(other, "Bakery");
        business.addClientPage(client);
        String token = user.longLivedToken().reveal();

        Answer businesses = Http.getBearer(graph + "/me/businesses", token);
        assertEquals(business.id(), businesses.json().get("data").get(0).get("id").asText());
        assertEquals("Acme Holdings", businesses.json().get("data").get(0).get("name").asText());

        Answer ownedPages = Http.getBearer(graph + "/" + business.id() + "/owned_pages?fields=id,name,access_token",
                token);
        assertEquals(owned.id(), ownedPages.json().get("data").get(0).get("id").asText());
        String ownedPageToken = ownedPages.json().get("data").get(0).get("access_token").asText();
        assertEquals(owned.id(), Http.getBearer(graph + "/me", ownedPageToken).json().get("id").asText());

        Answer clientPages = Http.getBearer(graph + "/" + business.id() + "/client_pages?fields=id,name,permitted_tasks",
                token);
        assertEquals(client.id(), clientPages.json().get("data").get(0).get("id").asText());
        assertTrue(clientPages.json().get("data").get(0).has("permitted_tasks"));

        Answer noRole = Http.getBearer(graph + "/me/accounts", token);
        assertEquals(0, noRole.json().get("data").size(), "business pages are not in /me/accounts");

        String narrow = user.shortLivedToken(List.of("pages_show_list")).reveal();
        assertMetaError(Http.getBearer(graph + "/me/businesses", narrow), 403, 200, null);
    }

    @Test
    void subscribesListsAndUnsubscribesTheAppOnAPage() {
        TestPage page = emulator.createPage(user, "Shop");
        String pageToken = page.token().reveal();
        assertEquals(0, Http.getBearer(graph + "/" + page.id() + "/subscribed_apps", pageToken).json().get("data").size());

        Answer subscribe = Http.postForm(graph + "/" + page.id() + "/subscribed_apps",
                "subscribed_fields=messages,messaging_postbacks,message_reads&access_token=" + enc(pageToken));
        assertEquals(200, subscribe.status(), subscribe.body());
        assertTrue(subscribe.json().get("success").asBoolean());

        JsonNode app = Http.getBearer(graph + "/me/subscribed_apps", pageToken).json().get("data").get(0);
        assertEquals(emulator.appId(), app.get("id").asText());
        assertEquals("[\"messages\",\"messaging_postbacks\",\"message_reads\"]", app.get("subscribed_fields").toString());
        assertEquals(Set.of("messages", "messaging_postbacks", "message_reads"), page.subscribedFields());

        assertMetaError(Http.postForm(graph + "/" + page.id() + "/subscribed_apps",
                "subscribed_fields=messages,bogus&access_token=" + enc(pageToken)), 400, 100, null);
        assertMetaError(Http.postForm(graph + "/" + page.id() + "/subscribed_apps",
                "subscribed_fields=messages&access_token=" + enc(user.longLivedToken().reveal())), 400, 210, null);

        Answer unsubscribe = Http.delete(graph + "/" + page.id() + "/subscribed_apps?access_token=" + enc(pageToken));
        assertTrue(unsubscribe.json().get("success").asBoolean());
        assertTrue(page.subscribedFields().isEmpty());
    }

    @Test
    void debugTokenDescribesValidExpiredInvalidatedAndUnknownTokens() {
        TestPage page = emulator.createPage(user, "Shop");
        String appToken = emulator.appAccessToken();
        AccessToken longLived = user.longLivedToken();

        JsonNode valid = Http.get(graph + "/debug_token?input_token=" + enc(longLived.reveal()) + "&access_token="
                + enc(appToken)).json().get("data");
        assertEquals(emulator.appId(), valid.get("app_id").asText());
        assertEquals("USER", valid.get("type").asText());
        assertTrue(valid.get("is_valid").asBoolean());
        assertEquals(user.id(), valid.get("user_id").asText());
        assertEquals(clock.instant().plusSeconds(5183944).getEpochSecond(), valid.get("expires_at").asLong());
        assertTrue(valid.get("scopes").toString().contains("pages_messaging"));

        String pageToken = page.token().reveal();
        JsonNode pageInfo = Http.get(graph + "/debug_token?input_token=" + enc(pageToken)
                + "&access_token=" + enc(appToken)).json().get("data");
        assertEquals("PAGE", pageInfo.get("type").asText());
        assertEquals(0, pageInfo.get("expires_at").asLong());
        assertEquals(page.id(), pageInfo.get("profile_id").asText());

        page.invalidateTokens(460);
        JsonNode dead = Http.get(graph + "/debug_token?input_token=" + enc(pageToken)
                + "&access_token=" + enc(appToken)).json().get("data");
        assertFalse(dead.get("is_valid").asBoolean());
        assertEquals(460, dead.get("error").get("subcode").asInt());
        assertEquals(0, dead.get("scopes").size());

        AccessToken shortLived = user.shortLivedToken();
        clock.advance(Duration.ofHours(3));
        JsonNode expired = Http.get(graph + "/debug_token?input_token=" + enc(shortLived.reveal()) + "&access_token="
                + enc(appToken)).json().get("data");
        assertFalse(expired.get("is_valid").asBoolean());
        assertEquals(190, expired.get("error").get("code").asInt());
        assertEquals(463, expired.get("error").get("subcode").asInt());

        JsonNode unknown = Http.get(graph + "/debug_token?input_token=garbage&access_token=" + enc(appToken)).json()
                .get("data");
        assertFalse(unknown.get("is_valid").asBoolean());
        assertEquals(190, unknown.get("error").get("code").asInt());

        assertMetaError(Http.get(graph + "/debug_token?input_token=x&access_token=" + enc(emulator.appId() + "|wrong")),
                400, 190, null);
    }

    @Test
    void invalidatedPageTokenFailsWith190AndTheSubcode() {
        TestPage page = emulator.createPage(user, "Shop");
        TestCustomer customer = page.createCustomer("Grace", "Hopper");
        customer.sends("hello");
        String token = page.token().reveal();
        page.invalidateTokens(460);
        Answer answer = Http.postJsonBearer(graph + "/me/messages", token,
                "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hi\"}}");
        assertMetaError(answer, 400, 190, 460);
        JsonNode info = Http.get(graph + "/debug_token?input_token=" + enc(token) + "&access_token="
                + enc(emulator.appAccessToken())).json().get("data");
        assertFalse(info.get("is_valid").asBoolean());
        assertEquals(460, info.get("error").get("subcode").asInt());
        assertNotEquals(token, page.token().reveal(), "a fresh fixture token replaces the dead one");

        String fresh = page.token().reveal();
        page.expireTokens();
        assertMetaError(Http.getBearer(graph + "/me", fresh), 400, 190, 463);
    }

    @Test
    void checksAppSecretProofWhenPresentAndRequiresItWhenConfigured() {
        AccessToken token = user.longLivedToken();
        String proof = emulator.appSecret().appSecretProof(token);
        assertEquals(200, Http.getBearer(graph + "/me?appsecret_proof=" + proof, token.reveal()).status());
        assertMetaError(Http.getBearer(graph + "/me?appsecret_proof=" + "0".repeat(64), token.reveal()), 400, 100, null);

        try (PlatformEmulator strict = PlatformEmulator.builder().requireAppSecretProof(true).start()) {
            AccessToken strictToken = strict.createUser("Strict User").longLivedToken();
            Answer missing = Http.getBearer(strict.baseUrl() + "/v26.0/me", strictToken.reveal());
            assertMetaError(missing, 400, 100, null);
            assertEquals("API calls from the server require an appsecret_proof argument",
                    missing.error().get("message").asText());
            assertEquals(200, Http.getBearer(strict.baseUrl() + "/v26.0/me?appsecret_proof="
                    + strict.appSecret().appSecretProof(strictToken), strictToken.reveal()).status());
        }
    }

    @Test
    void readsUserProfileByPsidWithThePageToken() {
        TestPage page = emulator.createPage(user, "Shop");
        TestCustomer customer = page.createCustomer("Grace", "Hopper");
        JsonNode profile = Http.getBearer(graph + "/" + customer.psid() + "?fields=first_name,last_name,profile_pic",
                page.token().reveal()).json();
        assertEquals("Grace", profile.get("first_name").asText());
        assertEquals("Hopper", profile.get("last_name").asText());
        assertTrue(profile.get("profile_pic").asText().startsWith("http://127.0.0.1:"));
        TestPage other = emulator.createPage(user, "Other");
        assertMetaError(Http.getBearer(graph + "/" + customer.psid(), other.token().reveal()), 400, 100, 33);
    }

    @Test
    void storesReadsAndDeletesMessengerProfileProperties() {
        TestPage page = emulator.createPage(user, "Shop");
        String token = page.token().reveal();
        Answer set = Http.postJsonBearer(graph + "/me/messenger_profile", token,
                "{\"get_started\":{\"payload\":\"GET_STARTED\"},\"greeting\":[{\"locale\":\"default\",\"text\":\"Hello!\"}]}");
        assertEquals("success", set.json().get("result").asText(), set.body());
        JsonNode data = Http.getBearer(graph + "/me/messenger_profile?fields=greeting,get_started", token).json()
                .get("data").get(0);
        assertEquals("GET_STARTED", data.get("get_started").get("payload").asText());
        assertEquals("Hello!", data.get("greeting").get(0).get("text").asText());
        assertMetaError(Http.postJsonBearer(graph + "/me/messenger_profile", token, "{\"home_url\":{}}"), 400, 100, null);

        Answer delete = Http.deleteJson(graph + "/me/messenger_profile?access_token=" + enc(token),
                "{\"fields\":[\"greeting\"]}");
        assertEquals("success", delete.json().get("result").asText(), delete.body());
        assertEquals(Set.of("get_started"), new HashSet<>(page.messengerProfile().keySet()));
    }
}
