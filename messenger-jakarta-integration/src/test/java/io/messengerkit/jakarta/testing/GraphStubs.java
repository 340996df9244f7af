package io.messengerkit.jakarta.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;

/**
 * WireMock on loopback standing in for the Graph API, with the answers of a made-up user who has
 * two personal pages and one Business portfolio page. Every token is a recognisable made-up
 * string, so tests can scan responses, logs and tables for them.
 */
public final class GraphStubs implements AutoCloseable {
    public static final String V = "/v26.0";
    public static final String SHORT_TOKEN = "EAAshortLivedLoginTokenMadeUp01";
    public static final String USER_TOKEN = "EAAlongLivedUserTokenMadeUp0001";
    public static final String USER_ID = "5001";
    public static final String PAGE_1 = "111";
    public static final String PAGE_2 = "222";
    public static final String BUSINESS_PAGE = "333";
    public static final String BUSINESS_ID = "7001";

    public static String pageToken(String pageId) {
        return "EAApageTokenMadeUpForPage" + pageId;
    }

    /** Every secret string these stubs hand out. */
    public static List<String> secrets() {
        return List.of(SHORT_TOKEN, USER_TOKEN, pageToken(PAGE_1), pageToken(PAGE_2), pageToken(BUSINESS_PAGE),
                TestServer.APP_SECRET.reveal());
    }

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public GraphStubs() {
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** Resets to the happy path. */
    public void reset() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(V + "/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"" + USER_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));
        server.stubFor(get(urlPathEqualTo(V + "/me")).willReturn(okJson(
                "{\"id\":\"" + USER_ID + "\",\"name\":\"Ada Admin\"}")));
        pages("Corner Shop", "Help Desk", true);
        server.stubFor(get(urlPathEqualTo(V + "/me/businesses")).willReturn(okJson(
                "{\"data\":[{\"id\":\"" + BUSINESS_ID + "\",\"name\":\"Ada Holdings\"}]}")));
        server.stubFor(get(urlPathEqualTo(V + "/" + BUSINESS_ID + "/owned_pages")).willReturn(okJson(
                "{\"data\":[" + page(BUSINESS_PAGE, "Holdings Page") + "]}")));
        server.stubFor(get(urlPathEqualTo(V + "/" + BUSINESS_ID + "/client_pages")).willReturn(okJson("{\"data\":[]}")));
        for (String page : List.of(PAGE_1, PAGE_2, BUSINESS_PAGE)) {
            server.stubFor(post(urlPathEqualTo(V + "/" + page + "/subscribed_apps")).willReturn(okJson("{\"success\":true}")));
            server.stubFor(delete(urlPathEqualTo(V + "/" + page + "/subscribed_apps")).willReturn(okJson("{\"success\":true}")));
            subscribed(page, true);
        }
        server.stubFor(get(urlPathEqualTo(V + "/debug_token")).willReturn(okJson(
                "{\"data\":{\"app_id\":\"" + TestServer.APP_ID + "\",\"type\":\"USER\",\"is_valid\":true,\"expires_at\":0,"
                        + "\"scopes\":[\"pages_messaging\",\"pages_show_list\"],\"user_id\":\"" + USER_ID + "\"}}")));
        server.stubFor(post(urlPathEqualTo(V + "/me/messages")).willReturn(okJson(
                "{\"recipient_id\":\"9001\",\"message_id\":\"m.reply.1\"}")));
    }

    /** The personal pages, with these names; the second one only when {@code withSecond}. */
    public void pages(String firstName, String secondName, boolean withSecond) {
        String items = page(PAGE_1, firstName) + (withSecond ? "," + page(PAGE_2, secondName) : "");
        server.stubFor(get(urlPathEqualTo(V + "/me/accounts")).willReturn(okJson("{\"data\":[" + items + "]}")));
    }

    /** Whether {@code subscribed_apps} lists this app for the page. */
    public void subscribed(String pageId, boolean subscribed) {
        String data = subscribed ? "{\"id\":\"" + TestServer.APP_ID + "\",\"name\":\"Test App\",\"subscribed_fields\":[\"messages\"]}" : "";
        server.stubFor(get(urlPathEqualTo(V + "/" + pageId + "/subscribed_apps")).willReturn(okJson("{\"data\":[" + data + "]}")));
    }

    /** A Graph error answer for any call to {@code path} with this method. */
    public void error(String method, String path, int status, int code, int subcode, String fbtraceId) {
        String body = "{\"error\":{\"message\":\"Made-up failure\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode != 0 ? ",\"error_subcode\":" + subcode : "") + ",\"fbtrace_id\":\"" + fbtraceId + "\"}}";
        server.stubFor(WireMock.request(method, urlPathEqualTo(V + path))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String page(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"category\":\"Shop\",\"access_token\":\"" + pageToken(id)
                + "\",\"tasks\":[\"MESSAGING\",\"MANAGE\"]}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
