package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.InstagramRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Instagram API with Instagram Login, served on the emulator under
 * {@code /emulator/instagram-api} (for {@code api.instagram.com}) and
 * {@code /emulator/instagram-graph} (for {@code graph.instagram.com}):
 * <ul>
 *   <li>{@code POST /emulator/instagram-api/oauth/access_token}: authorization code to a short-lived
 *       Instagram user token ({@code {"data":[{access_token,user_id,permissions}]}}; a bad code answers
 *       {@code {error_type, code:400, error_message}});</li>
 *   <li>{@code GET /emulator/instagram-graph/access_token?grant_type=ig_exchange_token}: long-lived (60 days);</li>
 *   <li>{@code GET /emulator/instagram-graph/refresh_access_token?grant_type=ig_refresh_token}: 60 more
 *       days for a long-lived token at least 24 hours old;</li>
 *   <li>{@code GET [/v]/me}, {@code POST [/v]/me/messages} (and {@code /{ig-id}/messages}) with the
 *       same Instagram rules as the Page path, {@code POST [/v]/me/subscribed_apps}.</li>
 * </ul>
 * Codes come from {@link PlatformEmulator#instagramLoginCode}, standing in for the authorization window.
 */
final class InstagramLoginArea {
    static final long SHORT_LIVED_SECONDS = 3600;
    static final long LONG_LIVED_SECONDS = 5184000;
    static final Duration CODE_LIFETIME = Duration.ofHours(1);
    static final Set<String> SCOPES = Set.of("instagram_business_basic", "instagram_business_manage_messages",
            "instagram_business_manage_comments", "instagram_business_content_publish");

    private record IgToken(String instagramId, Set<String> scopes, Instant issuedAt, Instant expiresAt,
            boolean longLived) {
    }

    private record Code(String instagramId, Set<String> scopes, Instant expiresAt) {
    }

    private final PlatformEmulator emulator;
    private final World world;
    private final InstagramSendArea sends;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IgToken> tokens = new HashMap<>();
    private final Map<String, Code> codes = new HashMap<>();

    InstagramLoginArea(PlatformEmulator emulator, World world, InstagramSendArea sends) {
        this.emulator = emulator;
        this.world = world;
        this.sends = sends;
    }

    String issueCode(String instagramId, Set<String> scopes) {
        synchronized (world) {
            if (world.instagram(instagramId) == null) {
                throw new IllegalArgumentException("no such Instagram account: " + instagramId);
            }
            for (String scope : scopes) {
                if (!SCOPES.contains(scope)) {
                    throw new IllegalArgumentException("not an Instagram Login scope: " + scope);
                }
            }
            Set<String> granted = new LinkedHashSet<>(scopes);
            granted.add("instagram_business_basic");
            String code = "AQ" + value(60);
            codes.put(code, new Code(instagramId, Set.copyOf(granted), world.now().plus(CODE_LIFETIME)));
            return code;
        }
    }

    Reply handle(GraphRequest r, List<String> segments) {
        synchronized (world) {
            try {
                return answer(r, segments);
            } catch (GraphErrorException e) {
                return Reply.json(e.error().httpStatus(), e.error().body(Reply.newTraceId()));
            }
        }
    }

    private Reply answer(GraphRequest r, List<String> s) {
        String host = s.get(0);
        List<String> rest = s.subList(1, s.size());
        if (!rest.isEmpty() && rest.get(0).matches("v\\d+\\.\\d+")) {
            rest = rest.subList(1, rest.size());
        }
        String route = r.method + " " + String.join("/", rest);
        if (host.equals("instagram-api")) {
            if (route.equals("POST oauth/access_token")) {
                return exchangeCode(r);
            }
        } else if (route.equals("GET access_token")) {
            return exchangeForLongLived(r);
        } else if (route.equals("GET refresh_access_token")) {
            return refresh(r);
        } else if (!rest.isEmpty()) {
            IgToken token = authenticate(r.token);
            String node = rest.get(0);
            InstagramRecord ig = world.instagram(token.instagramId());
            if (!node.equals("me") && !node.equals(ig.id)) {
                throw new GraphErrorException(EmulatedGraphError.unsupportedRequest(r.method, node));
            }
            if (rest.size() == 1 && r.method.equals("GET")) {
                Map<String, Object> me = new LinkedHashMap<>();
                me.put("id", "app-scoped-" + ig.id);
                me.put("user_id", ig.id);
                me.put("username", ig.username);
                me.put("name", ig.name);
                me.put("profile_picture_url", emulator.baseUrl() + "/emulator/avatars/" + ig.id + ".png");
                return Reply.json(200, me);
            }
            if (rest.size() == 2 && rest.get(1).equals("messages") && r.method.equals("POST")) {
                return Reply.json(200, sends.sendAs(r, ig, token.scopes(), "instagram_business_manage_messages",
                        "instagram_business_manage_comments"));
            }
            if (rest.size() == 2 && rest.get(1).equals("subscribed_apps") && r.method.equals("POST")) {
                if (r.param("subscribed_fields") == null) {
                    throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                            "The parameter subscribed_fields is required"));
                }
                return Reply.json(200, Map.of("success", true));
            }
        }
        throw new GraphErrorException(EmulatedGraphError.unsupportedRequest(r.method, String.join("/", rest)));
    }

    private Reply exchangeCode(GraphRequest r) {
        if (!emulator.appId().equals(r.param("client_id"))
                || !emulator.appSecret().reveal().equals(r.param("client_secret"))) {
            return oauthError("Invalid client_id or client_secret");
        }
        if (!"authorization_code".equals(r.param("grant_type")) || r.param("redirect_uri") == null) {
            return oauthError("grant_type authorization_code and redirect_uri are required");
        }
        Code code = codes.remove(r.param("code") == null ? "" : r.param("code"));
        if (code == null || world.now().isAfter(code.expiresAt())) {
            return oauthError("This authorization code has been used or has expired");
        }
        String token = issue(code.instagramId(), code.scopes(), false);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("access_token", token);
        item.put("user_id", code.instagramId());
        item.put("permissions", String.join(",", code.scopes()));
        return Reply.json(200, Map.of("data", List.of(item)));
    }

    private Reply exchangeForLongLived(GraphRequest r) {
        if (!"ig_exchange_token".equals(r.param("grant_type"))
                || !emulator.appSecret().reveal().equals(r.param("client_secret"))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "grant_type ig_exchange_token and the app's client_secret are required"));
        }
        IgToken shortLived = authenticate(r.param("access_token"));
        return tokenReply(issue(shortLived.instagramId(), shortLived.scopes(), true));
    }

    private Reply refresh(GraphRequest r) {
        if (!"ig_refresh_token".equals(r.param("grant_type"))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("grant_type must be ig_refresh_token"));
        }
        IgToken token = authenticate(r.param("access_token"));
        if (!token.longLived() || world.now().isBefore(token.issuedAt().plus(Duration.ofHours(24)))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Only long-lived tokens at least 24 hours old can be refreshed"));
        }
        return tokenReply(issue(token.instagramId(), token.scopes(), true));
    }

    private Reply tokenReply(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", LONG_LIVED_SECONDS);
        return Reply.json(200, body);
    }

    private String issue(String instagramId, Set<String> scopes, boolean longLived) {
        Instant now = world.now();
        String value = "IGQ" + value(120);
        tokens.put(value, new IgToken(instagramId, scopes, now,
                now.plusSeconds(longLived ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS), longLived));
        return value;
    }

    private IgToken authenticate(String value) {
        if (value == null) {
            throw new GraphErrorException(EmulatedGraphError.missingToken());
        }
        IgToken token = tokens.get(value);
        if (token == null) {
            throw new GraphErrorException(EmulatedGraphError.invalidToken());
        }
        if (!world.now().isBefore(token.expiresAt())) {
            throw new GraphErrorException(EmulatedGraphError.tokenInvalid(463));
        }
        return token;
    }

    private static Reply oauthError(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_type", "OAuthException");
        body.put("code", 400);
        body.put("error_message", message);
        return Reply.json(400, body);
    }

    private String value(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
