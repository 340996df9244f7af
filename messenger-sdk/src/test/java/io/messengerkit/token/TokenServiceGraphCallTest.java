package io.messengerkit.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.TokenInvalidException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends through the real Graph client with stored tokens: a code 190 answer marks the token before the next send. */
class TokenServiceGraphCallTest {
    private static final String SEND = "/v26.0/me/messages";
    private static final String REJECTED = """
            {"error":{"message":"Error validating access token: The session has been invalidated because the user changed their password.",
            "type":"OAuthException","code":190,"error_subcode":460,"fbtrace_id":"AbCdEf123"}}""";

    private static WireMockServer graph;
    private GraphClient client;
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final TokenService tokens = new TokenService(store, TokenVault.of(TokenKeyset.generate()));
    private final TokenKey page = TokenKey.page("chatbot-1", "555000111");

    @BeforeAll
    static void startGraph() {
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @BeforeEach
    void setUp() {
        graph.resetAll();
        client = GraphClient.create(MessengerConfig.builder()
                .appId("1234")
                .appSecret(AppSecret.of("made-up-app-secret"))
                .apiVersion("v26.0")
                .baseUrl(graph.baseUrl())
                .retryPolicy(RetryPolicy.none())
                .build());
        tokens.save(page, AccessToken.of("EAAmadeUpPageToken"), Optional.empty(), Set.of("pages_messaging"));
    }

    @Test
    void sendsWithTheStoredToken() {
        graph.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"recipient_id\":\"psid-1\",\"message_id\":\"m_1\"}")));
        tokens.withToken(page, t -> client.messenger(t).sendText("psid-1", "Hello"));
        assertEquals(1, graph.findAll(postRequestedFor(urlPathEqualTo(SEND))).size());
        assertEquals(TokenStatus.VALID, store.get(page).orElseThrow().status());
    }

    @Test
    void code190MarksTheTokenAndTheNextSendIsRefusedBeforeTheCall() {
        graph.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(REJECTED)));

        assertThrows(TokenInvalidException.class,
                () -> tokens.withToken(page, t -> client.messenger(t).sendText("psid-1", "Hello")));
        assertEquals(TokenStatus.RECONNECT_NEEDED, store.get(page).orElseThrow().status());

        TokenUnavailableException refused = assertThrows(TokenUnavailableException.class,
                () -> tokens.withToken(page, t -> client.messenger(t).sendText("psid-1", "Hello again")));
        assertEquals(TokenUnavailableException.Reason.RECONNECT_NEEDED, refused.reason());
        assertEquals(1, graph.findAll(postRequestedFor(urlPathEqualTo(SEND))).size(), "no second call was made");
    }

    @Test
    void asynchronousSendsMarkTheTokenToo() {
        graph.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(REJECTED)));

        CompletionException failed = assertThrows(CompletionException.class,
                () -> tokens.withTokenAsync(page, t -> client.messenger(t).sendTextAsync("psid-1", "Hello")).join());
        assertInstanceOf(TokenInvalidException.class, failed.getCause());
        assertEquals(TokenStatus.RECONNECT_NEEDED, store.get(page).orElseThrow().status());

        CompletionException refused = assertThrows(CompletionException.class,
                () -> tokens.withTokenAsync(page, t -> client.messenger(t).sendTextAsync("psid-1", "Hi")).join());
        assertInstanceOf(TokenUnavailableException.class, refused.getCause());
        assertEquals(1, graph.findAll(postRequestedFor(urlPathEqualTo(SEND))).size());
    }

    @Test
    void otherFailuresLeaveTheTokenAlone() {
        graph.stubFor(post(urlPathEqualTo(SEND)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#551) This person isn't available right now.","type":"OAuthException",
                        "code":551,"error_subcode":1545041,"fbtrace_id":"AbCdEf124"}}""")));
        assertThrows(RuntimeException.class,
                () -> tokens.withToken(page, t -> client.messenger(t).sendText("psid-1", "Hello")));
        assertEquals(TokenStatus.VALID, store.get(page).orElseThrow().status());
    }
}
