package io.messengerkit.jakarta.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone bootstrap against the clients that hung plain Grizzly: the JDK's HttpClient with its defaults. */
class StandaloneServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StandaloneServer server;

    /** Echoes the body it received, so a lost body shows. */
    @Path("/echo")
    public static class Echo {
        @POST
        public String post(byte[] body) {
            return "got " + new String(body, StandardCharsets.UTF_8);
        }

        @DELETE
        public String delete(byte[] body) {
            return "deleting " + new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() {
        server = StandaloneServer.start(URI.create("http://127.0.0.1:0/"), new ResourceConfig(Echo.class));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        // Well under the 30 s a lost body used to cost, so a regression fails here instead of hanging.
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesAPostFromTheJdkHttpClientWithItsDefaultHttp2Upgrade() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"object\":\"page\"}")));

        assertEquals(200, response.statusCode());
        assertEquals("got {\"object\":\"page\"}", response.body());
        assertEquals(HttpClient.Version.HTTP_2, response.version(), "the h2c upgrade was answered");
    }

    @Test
    void stillServesHttp11Clients() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("echo"))
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofString("plain")));

        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals("got plain", response.body());
    }

    @Test
    void keepsTheBodyOfADeleteRequest() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.baseUri().resolve("echo"))
                .version(HttpClient.Version.HTTP_1_1)
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"page_ids\":[\"1\"]}")));

        assertEquals(200, response.statusCode());
        assertEquals("deleting {\"page_ids\":[\"1\"]}", response.body());
    }

    @Test
    void reportsTheActualPortAndALocalHostForTheWildcardAddress() {
        try (StandaloneServer any = StandaloneServer.start(URI.create("http://0.0.0.0:0/"), new ResourceConfig(Echo.class))) {
            assertTrue(any.port() > 0);
            assertEquals(URI.create("http://localhost:" + any.port() + "/"), any.baseUri());
        }
        assertTrue(server.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.baseUri());
    }

    @Test
    void failsClearlyWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            URI bind = URI.create("http://127.0.0.1:" + taken.getLocalPort() + "/");

            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> StandaloneServer.start(bind, new ResourceConfig(Echo.class)));

            assertTrue(e.getMessage().contains(bind.toString()), e.getMessage());
        }
    }
}
