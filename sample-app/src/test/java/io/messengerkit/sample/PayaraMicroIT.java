package io.messengerkit.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deploys the sample WAR, unchanged, on Payara Micro and drives it over HTTP.
 */
class PayaraMicroIT {

    private static PayaraMicro payara;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, String> env = new HashMap<>();
        payara = PayaraMicro.start(
                Path.of(System.getProperty("payara.micro.jar", "target/payara/payara-micro.jar")),
                Path.of(System.getProperty("sample.war", "target/sample-app.war")),
                Path.of(System.getProperty("sample.target", "target")).resolve("payara"),
                env);
    }

    @AfterAll
    static void stop() {
        if (payara != null) {
            payara.close();
        }
    }

    @Test
    void answersHealthCheck() throws Exception {
        HttpResponse<String> response = get("sample/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void servesTheAdminPage() throws Exception {
        HttpResponse<String> response = get("");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Continue with Facebook"), "admin page markup");
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(payara.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String logTail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static URI uri(String s) {
        return URI.create(s);
    }
}
