package io.messengerkit.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.AccessToken;
import io.messengerkit.graph.TokenDebugInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-side {@link TokenInspector} that really calls {@code GET /debug_token} over HTTP, so the
 * health checker is exercised against served answers rather than hand-built objects.
 */
final class DebugTokenHttpInspector implements TokenInspector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String appToken;

    DebugTokenHttpInspector(String baseUrl, String appToken) {
        this.baseUrl = baseUrl;
        this.appToken = appToken;
    }

    @Override
    public TokenDebugInfo inspect(AccessToken token) {
        URI uri = URI.create(baseUrl + "/debug_token?input_token=" + encode(token.reveal())
                + "&access_token=" + encode(appToken));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("debug_token answered HTTP " + response.statusCode());
        }
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            JsonNode error = data.path("error");
            List<String> scopes = new ArrayList<>();
            data.path("scopes").forEach(s -> scopes.add(s.asText()));
            return new TokenDebugInfo(
                    data.path("app_id").asText(null),
                    data.path("type").asText(null),
                    data.path("is_valid").asBoolean(false),
                    epoch(data.path("expires_at")),
                    epoch(data.path("data_access_expires_at")),
                    scopes,
                    data.path("user_id").asText(null),
                    data.path("profile_id").asText(null),
                    error.has("code") ? error.get("code").asInt() : null,
                    error.has("subcode") ? error.get("subcode").asInt() : null,
                    error.path("message").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Instant> epoch(JsonNode node) {
        return node.isNumber() && node.asLong() != 0 ? Optional.of(Instant.ofEpochSecond(node.asLong())) : Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
