package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.RecordingLoggerFinder;
import io.messengerkit.testing.TestSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PagesTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private static String page(String id, String name, String token) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"category\":\"Shop\""
                + (token == null ? "" : ",\"access_token\":\"" + token + "\"") + ",\"tasks\":[\"MESSAGING\",\"MODERATE\"]}";
    }

    private static String listing(String next, String... items) {
        return "{\"data\":[" + String.join(",", items) + "],\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\""
                + (next == null ? "last" : next) + "\"}" + (next == null ? "" : ",\"next\":\"https://graph.facebook.com/v26.0/x?after=" + next + "\"") + "}}";
    }

    /** Stubs one cursor page of an edge: the first page has no {@code after} parameter. */
    private static void stubPage(String path, String after, String body) {
        MappingBuilder m = get(urlPathEqualTo(path));
        m = after == null ? m.withQueryParam("after", absent()) : m.withQueryParam("after", equalTo(after));
        wm.stubFor(m.willReturn(okJson(body)));
    }

    @Test
    void followsEveryCursorPageOfMeAccounts() {
        stubPage("/v26.0/me/accounts", null, listing("c1", page("101", "One", TestSecrets.PAGE_TOKEN_VALUE)));
        stubPage("/v26.0/me/accounts", "c1", listing("c2", page("102", "Two", TestSecrets.PAGE_TOKEN_2_VALUE)));
        stubPage("/v26.0/me/accounts", "c2", listing("c3"));
        stubPage("/v26.0/me/accounts", "c3", listing(null, page("104", "Four", null)));

        List<Page> pages = GraphTestSupport.client(wm).pages().listPersonal(TestSecrets.USER_TOKEN);

        assertEquals(List.of("101", "102", "104"), pages.stream().map(Page::id).toList());
        assertEquals(TestSecrets.PAGE_TOKEN, pages.get(0).accessToken().orElseThrow());
        assertTrue(pages.get(2).accessToken().isEmpty());
        assertEquals(List.of("MESSAGING", "MODERATE"), pages.get(0).tasks());
        assertEquals(List.of(PageSource.personal()), pages.get(0).sources());
        wm.verify(4, getRequestedFor(urlPathEqualTo("/v26.0/me/accounts"))
                .withQueryParam("fields", equalTo("id,name,access_token,category,tasks"))
                .withQueryParam("appsecret_proof", equalTo(TestSecrets.APP_SECRET.appSecretProof(TestSecrets.USER_TOKEN)))
                .withHeader("Authorization", equalTo("Bearer " + TestSecrets.USER_TOKEN_VALUE)));
        assertFalse(pages.toString().contains(TestSecrets.PAGE_TOKEN_VALUE));
    }

    @Test
    void mergesBusinessPagesAndRecordsEverySource() {
        stubPage("/v26.0/me/accounts", null, listing(null, page("101", "Personal shop", TestSecrets.PAGE_TOKEN_VALUE)));
        stubPage("/v26.0/me/businesses", null, listing("b1", "{\"id\":\"900\",\"name\":\"Acme\"}"));
        stubPage("/v26.0/me/businesses", "b1", listing(null, "{\"id\":\"901\",\"name\":\"Beta\"}"));
        stubPage("/v26.0/900/owned_pages", null, listing("o1", page("101", "Personal shop", null)));
        stubPage("/v26.0/900/owned_pages", "o1", listing(null, page("201", "Acme HQ", TestSecrets.PAGE_TOKEN_2_VALUE)));
        stubPage("/v26.0/900/client_pages", null, listing(null, page("301", "Client", null)));
        stubPage("/v26.0/901/owned_pages", null, listing(null, page("201", "Acme HQ", null)));
        stubPage("/v26.0/901/client_pages", null, listing(null));

        PageListing listing = GraphTestSupport.client(wm).pages().listAll(TestSecrets.USER_TOKEN);

        assertTrue(listing.businessPagesIncluded());
        assertTrue(listing.warnings().isEmpty());
        assertEquals(List.of("101", "201", "301"), listing.pages().stream().map(Page::id).toList());
        Page shop = listing.find("101").orElseThrow();
        assertEquals(TestSecrets.PAGE_TOKEN, shop.accessToken().orElseThrow());
        assertEquals(List.of(PageSource.Kind.PERSONAL, PageSource.Kind.BUSINESS_OWNED),
                shop.sources().stream().map(PageSource::kind).toList());
        Page hq = listing.find("201").orElseThrow();
        assertEquals(List.of("900", "901"), hq.sources().stream().map(s -> s.businessId().orElseThrow()).toList());
        assertEquals("Acme", hq.sources().get(0).businessName().orElseThrow());
        assertEquals(PageSource.Kind.BUSINESS_CLIENT, listing.find("301").orElseThrow().sources().get(0).kind());
        wm.verify(getRequestedFor(urlPathEqualTo("/v26.0/900/client_pages"))
                .withQueryParam("fields", equalTo("id,name,access_token,category")));
    }

    @Test
    void degradesToPersonalPagesWhenBusinessManagementIsMissing() {
        stubPage("/v26.0/me/accounts", null, listing(null, page("101", "Personal shop", TestSecrets.PAGE_TOKEN_VALUE)));
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/businesses")).willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":{\"message\":\"(#200) Requires business_management permission to manage the object\","
                        + "\"type\":\"OAuthException\",\"code\":200,\"fbtrace_id\":\"TrBiz\"}}")));

        PageListing listing = GraphTestSupport.client(wm).pages().listAllAsync(TestSecrets.USER_TOKEN).join();

        assertFalse(listing.businessPagesIncluded());
        assertEquals(List.of("101"), listing.pages().stream().map(Page::id).toList());
        assertEquals(1, listing.warnings().size());
        String warning = listing.warnings().get(0);
        assertTrue(warning.contains("business_management"), warning);
        assertTrue(warning.contains("fbtrace_id=TrBiz"), warning);
        assertTrue(RecordingLoggerFinder.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("TrBiz")));
    }

    @Test
    void skipsOneBusinessEdgeWithoutPermissionButKeepsTheRest() {
        stubPage("/v26.0/me/accounts", null, listing(null));
        stubPage("/v26.0/me/businesses", null, listing(null, "{\"id\":\"900\",\"name\":\"Acme\"}"));
        stubPage("/v26.0/900/owned_pages", null, listing(null, page("201", "Acme HQ", null)));
        wm.stubFor(get(urlPathEqualTo("/v26.0/900/client_pages")).willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":{\"message\":\"(#10) no\",\"type\":\"OAuthException\",\"code\":10,\"fbtrace_id\":\"T2\"}}")));

        PageListing listing = GraphTestSupport.client(wm).pages().listAll(TestSecrets.USER_TOKEN);

        assertTrue(listing.businessPagesIncluded());
        assertEquals(List.of("201"), listing.pages().stream().map(Page::id).toList());
        assertTrue(listing.warnings().get(0).startsWith("client_pages of business 900"), listing.warnings().get(0));
    }

    @Test
    void deadUserTokenFailsTheListingInsteadOfDegrading() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/accounts")).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190,"
                        + "\"error_subcode\":463,\"fbtrace_id\":\"T3\"}}")));
        TokenInvalidException e = assertThrows(TokenInvalidException.class,
                () -> GraphTestSupport.client(wm).pages().listAll(TestSecrets.USER_TOKEN));
        assertEquals(463, e.subcode());
    }

    @Test
    void missingPagesShowListIsNotMistakenForMissingBusinessPermission() {
        wm.stubFor(get(urlPathEqualTo("/v26.0/me/accounts")).willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":{\"message\":\"(#10) pages_show_list\",\"type\":\"OAuthException\",\"code\":10,\"fbtrace_id\":\"T4\"}}")));
        assertThrows(PermissionMissingException.class,
                () -> GraphTestSupport.client(wm).pages().listAll(TestSecrets.USER_TOKEN));
    }
}
