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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdkHttpTransportTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private TransportRequest request(String method, String path, byte[] body) {
        return new TransportRequest(method, URI.create(wm.baseUrl() + path),
                Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("t-1")), body, Duration.ofSeconds(5));
    }

    /** Both ways of calling: the client's own sendAsync, and blocking sends on the transport's reused threads. */
    private static HttpTransport transport(boolean blocking) {
        return new JdkHttpTransport(Duration.ofSeconds(2), JdkHttpTransport.MAX_BODY_BYTES, blocking);
    }

    @ParameterizedTest(name = "blocking on own threads: {0}")
    @ValueSource(booleans = {false, true})
    void returnsEveryStatusAsAResponseWithHeadersAndBody(boolean blocking) {
        wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(500).withHeader("X-App-Usage", "{}").withBody("oops")));
        TransportResponse response = transport(blocking).send(request("GET", "/x", null));
        assertEquals(500, response.status());
        assertEquals("{}", response.header("x-app-usage").orElseThrow());
        assertArrayEquals("oops".getBytes(StandardCharsets.UTF_8), response.body());
    }

    @ParameterizedTest(name = "blocking on own threads: {0}")
    @ValueSource(booleans = {false, true})
    void sendsMethodHeadersAndBody(boolean blocking) {
        wm.stubFor(post(urlEqualTo("/y")).willReturn(aResponse().withStatus(200)));
        transport(blocking).send(request("POST", "/y", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        wm.verify(postRequestedFor(urlEqualTo("/y")).withHeader("X-Trace", equalTo("t-1"))
                .withRequestBody(equalTo("{\"a\":1}")));
    }

    @ParameterizedTest(name = "blocking on own threads: {0}")
    @ValueSource(booleans = {false, true})
    void failsClearlyWhenTheBodyExceedsTheLimit(boolean blocking) {
        wm.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));
        TransportException e = assertThrows(TransportException.class,
                () -> new JdkHttpTransport(Duration.ofSeconds(2), 1024, blocking).send(request("GET", "/big", null)));
        assertTrue(e.getMessage().contains("exceeds 1024 bytes"), e.getMessage() + " / " + e.getCause().getMessage());
        assertTrue(e.requestMayHaveBeenSent());
    }

    @ParameterizedTest(name = "blocking on own threads: {0}")
    @ValueSource(booleans = {false, true})
    void refusedConnectionIsKnownNotToHaveBeenSent(boolean blocking) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TransportRequest r = new TransportRequest("GET", URI.create("http://127.0.0.1:" + port + "/z?access_token=abc"),
                Map.of(), null, Duration.ofSeconds(2));
        TransportException e = assertThrows(TransportException.class, () -> transport(blocking).send(r));
        assertFalse(e.requestMayHaveBeenSent());
        assertFalse(e.getMessage().contains("abc"), e.getMessage());
        assertFalse(String.valueOf(e.getCause().getMessage()).contains("access_token=abc"), e.getCause().getMessage());
    }

    @Test
    void blockingCallsReuseTheTransportsThreadsInsteadOfStartingOnePerCall() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(200).withBody("{}")));
        HttpTransport transport = transport(true);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            transport.sendAsync(request("GET", "/r", null))
                    .thenRun(() -> threads.add(Thread.currentThread().getName())).join();
        }
        // A call that finished before thenRun was attached runs it on the caller.
        threads.remove(Thread.currentThread().getName());
        assertTrue(threads.size() <= 4, "200 calls one after another ran on " + threads.size() + " threads: " + threads);
        assertTrue(threads.stream().allMatch(n -> n.startsWith("messengerkit-http-")), threads.toString());
    }

    @Test
    void callsBlockOnOwnThreadsExactlyWhereTheJdkWouldStartAThreadPerAnswer() {
        assertEquals(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2,
                JdkHttpTransport.BLOCKING_ON_OWN_THREADS);
    }
}
