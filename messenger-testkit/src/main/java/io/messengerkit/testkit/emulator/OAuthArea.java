package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.json.MetaStyleJson.object;

import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens for the app: {@code GET|POST /oauth/access_token} ({@code fb_exchange_token} turns a
 * short-lived user token into a long-lived one, {@code client_credentials} gives an app token) and
 * {@code GET /debug_token?input_token=...} (what a token is, whom it belongs to, whether it still works).
 */
final class OAuthArea implements GraphArea {
    private final World world;
    private final GraphAuth auth;
    private final EmulatedApp app;

    OAuthArea(World world, GraphAuth auth, EmulatedApp app) {
        this.world = world;
        this.auth = auth;
        this.app = app;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.open("oauth/access_token", this::accessToken);
        routes.open("debug_token", this::debugToken);
    }

    private Reply accessToken(GraphRequest r) {
        String grantType = r.param("grant_type");
        if (grantType == null) {
            throw new GraphErrorException(GraphError.invalidParameter("Missing grant_type parameter."));
        }
        if (!app.id().equals(r.param("client_id"))) {
            throw new GraphErrorException(new GraphError(400, 101, null, "OAuthException",
                    "Error validating application. Invalid application ID.", null));
        }
        String secret = r.param("client_secret");
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                app.secret().reveal().getBytes(StandardCharsets.UTF_8))) {
            throw new GraphErrorException(new GraphError(400, 1, null, "OAuthException",
                    "Error validating client secret.", null));
        }
        switch (grantType) {
            case "fb_exchange_token" -> {
                String shortLived = r.param("fb_exchange_token");
                if (shortLived == null) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The parameter fb_exchange_token is required"));
                }
                TokenRecord source = world.tokens().issued(shortLived);
                if (source == null || source.kind != TokenKind.USER) {
                    throw new GraphErrorException(GraphError.invalidToken());
                }
                auth.checkAlive(source);
                TokenRecord longLived = world.tokens().exchangeForLongLived(source);
                return Reply.json(200, object("access_token", longLived.value, "token_type", "bearer",
                        "expires_in", Tokens.LONG_LIVED_SECONDS));
            }
            case "client_credentials" -> {
                TokenRecord appToken = world.tokens().issueAppToken();
                return Reply.json(200, object("access_token", appToken.value, "token_type", "bearer"));
            }
            default -> throw new GraphErrorException(GraphError.invalidParameter(
                    "Unsupported grant_type: " + grantType));
        }
    }

    private Reply debugToken(GraphRequest r) {
        String input = r.param("input_token");
        if (input == null) {
            throw new GraphErrorException(GraphError.invalidParameter("The parameter input_token is required"));
        }
        auth.authenticate(r);
        TokenRecord token = world.tokens().lookup(input);
        Map<String, Object> data = new LinkedHashMap<>();
        if (token == null) {
            data.put("error", object("code", 190, "message", "Invalid OAuth access token - Cannot parse access token"));
            data.put("is_valid", false);
            data.put("scopes", List.of());
            return Reply.json(200, Map.of("data", data));
        }
        data.put("app_id", app.id());
        data.put("type", token.kind.name());
        data.put("application", app.name());
        if (token.kind == TokenKind.APP) {
            data.put("is_valid", true);
            data.put("scopes", List.of());
            return Reply.json(200, Map.of("data", data));
        }
        Integer subcode = token.invalidSubcode != null ? token.invalidSubcode
                : token.expiredAt(world.now()) ? Integer.valueOf(463) : null;
        data.put("data_access_expires_at", token.issuedAt.plus(Duration.ofDays(90)).getEpochSecond());
        if (subcode != null) {
            GraphError error = GraphError.tokenInvalid(subcode);
            data.put("error", object("code", 190, "message", error.message(), "subcode", subcode));
        }
        data.put("expires_at", token.expiresAt == null ? 0 : token.expiresAt.getEpochSecond());
        data.put("is_valid", subcode == null);
        data.put("issued_at", token.issuedAt.getEpochSecond());
        if (token.kind == TokenKind.PAGE) {
            data.put("profile_id", token.pageId);
        }
        List<String> scopes = subcode == null ? List.copyOf(token.scopes) : List.of();
        data.put("scopes", scopes);
        data.put("granular_scopes", scopes.stream()
                .filter(s -> s.startsWith("pages_") || s.equals("business_management"))
                .map(s -> (Object) object("scope", s)).toList());
        if (token.userId != null) {
            data.put("user_id", token.userId);
        }
        return Reply.json(200, Map.of("data", data));
    }
}
