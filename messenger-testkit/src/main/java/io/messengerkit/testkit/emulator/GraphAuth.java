package io.messengerkit.testkit.emulator;

import io.messengerkit.AccessToken;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who is calling, as Meta decides it: the access token (known, not expired, not invalidated), its
 * {@code appsecret_proof} (checked when present, required when the app says so), its permissions,
 * and whether it is the page token a page's calls need. Runs under the {@link World} lock.
 */
final class GraphAuth {
    private final World world;
    private final EmulatedApp app;
    private final boolean requireProof;

    GraphAuth(World world, EmulatedApp app, boolean requireProof) {
        this.world = world;
        this.app = app;
        this.requireProof = requireProof;
    }

    /** The call's token, alive and with a valid proof, or the error Meta answers. */
    TokenRecord authenticate(GraphRequest r) {
        String value = r.token;
        if (value == null) {
            throw new GraphErrorException(GraphError.missingToken());
        }
        TokenRecord token = world.tokens().lookup(value);
        if (token == null) {
            throw new GraphErrorException(GraphError.invalidToken());
        }
        checkAlive(token);
        if (token.kind != TokenKind.APP) {
            String proof = r.param("appsecret_proof");
            if (proof != null) {
                String expected = app.secret().appSecretProof(AccessToken.of(value));
                if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        proof.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                    throw new GraphErrorException(GraphError.appSecretProof(false));
                }
            } else if (requireProof) {
                throw new GraphErrorException(GraphError.appSecretProof(true));
            }
        }
        return token;
    }

    /** Code 190 with the token's subcode when it was invalidated, 463 when it expired. */
    void checkAlive(TokenRecord token) {
        if (token.invalidSubcode != null) {
            throw new GraphErrorException(GraphError.tokenInvalid(token.invalidSubcode));
        }
        if (token.expiredAt(world.now())) {
            throw new GraphErrorException(GraphError.tokenInvalid(463));
        }
    }

    /** The id {@code me} stands for: the token's user or page (app tokens have no {@code me}). */
    String meId(TokenRecord token) {
        return switch (token.kind) {
            case USER -> token.userId;
            case PAGE -> token.pageId;
            case APP -> throw new GraphErrorException(GraphError.missingToken());
        };
    }

    static void requireScope(TokenRecord token, String scope) {
        if (!token.scopes.contains(scope)) {
            throw new GraphErrorException(GraphError.permissionMissing(scope));
        }
    }

    /** The page, for a call that needs that page's own token (subscriptions, profile, sends). */
    PageRecord pageOfPageToken(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = world.page(pageId);
        if (page == null) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, pageId));
        }
        if (token.kind != TokenKind.PAGE) {
            throw new GraphErrorException(GraphError.pageTokenRequired());
        }
        if (!page.id.equals(token.pageId)) {
            throw new GraphErrorException(new GraphError(403, 200, null, "OAuthException",
                    "(#200) The access token does not belong to page " + pageId, null));
        }
        return page;
    }

    /** A user token may manage the page it has a role on; a page token only its own page. */
    boolean canManage(TokenRecord token, PageRecord page) {
        if (token.kind == TokenKind.PAGE) {
            return page.id.equals(token.pageId);
        }
        return token.kind == TokenKind.USER && world.hasRole(token.userId, page);
    }
}
