package io.messengerkit.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdkHttpTransportTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private TransportRequest request(String method, String path, byte[] body) {
        return new TransportRequest(method, URI.create(wm.baseUrl() + path),
                Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("t-1")), body, Duration.ofSeconds(5));
    }

    @Test
    void returnsEveryStatusAsAResponseWithHeadersAndBody() {
        wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(500).withHeader("X-App-Usage", "{}").withBody("oops")));
        TransportResponse response = HttpTransport.jdk(Duration.ofSeconds(2)).send(request("GET", "/x", null));
        assertEquals(500, response.status());
        assertEquals("{}", response.header("x-app-usage").orElseThrow());
        assertArrayEquals("oops".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void sendsMethodHeadersAndBody() {
        wm.stubFor(post(urlEqualTo("/y")).willReturn(aResponse().withStatus(200)));
        HttpTransport.jdk(Duration.ofSeconds(2)).send(request("POST", "/y", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        wm.verify(postRequestedFor(urlEqualTo("/y")).withHeader("X-Trace", equalTo("t-1"))
                .withRequestBody(equalTo("{\"a\":1}")));
    }

    @Test
    void failsClearlyWhenTheBodyExceedsTheLimit() {
        wm.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));
        TransportException e = assertThrows(TransportException.class,
                () -> new JdkHttpTransport(Duration.ofSeconds(2), 1024).send(request("GET", "/big", null)));
        assertTrue(e.getMessage().contains("exceeds 1024 bytes"), e.getMessage() + " / " + e.getCause().getMessage());
        assertTrue(e.requestMayHaveBeenSent());
    }

    @Test
    void refusedConnectionIsKnownNotToHaveBeenSent() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TransportRequest r = new TransportRequest("GET", URI.create("http://127.0.0.1:" + port + "/z?access_token=abc"),
                Map.of(), null, Duration.ofSeconds(2));
        TransportException e = assertThrows(TransportException.class, () -> HttpTransport.jdk(Duration.ofSeconds(2)).send(r));
        assertFalse(e.requestMayHaveBeenSent());
        assertFalse(e.getMessage().contains("abc"), e.getMessage());
        assertFalse(String.valueOf(e.getCause().getMessage()).contains("access_token=abc"), e.getCause().getMessage());
    }
}
