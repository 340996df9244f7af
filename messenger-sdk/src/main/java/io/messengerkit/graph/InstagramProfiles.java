package io.messengerkit.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.AccessToken;
import io.messengerkit.send.Button;
import io.messengerkit.send.UnsupportedOnInstagramException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Messenger Profile API for an Instagram professional account: ice breakers and the persistent
 * menu, sent to {@code /me/messenger_profile} with {@code platform=instagram} (query and body).
 *
 * <p>Through the Page, use the Page token of the Page connected to the account; with Instagram
 * Login, the Instagram user token on {@code graph.instagram.com}. Instagram takes at most 4 ice
 * breaker questions per locale and needs the {@code default} locale; it has no greeting, Get
 * Started button or whitelisted domains: those are refused with
 * {@link UnsupportedOnInstagramException} before any call.
 */
public final class InstagramProfiles {
    /** The most ice breaker questions Instagram takes per locale. */
    public static final int MAX_ICE_BREAKERS = 4;
    private static final String FIELDS = "ice_breakers,persistent_menu";

    private final GraphEngine engine;
    private final boolean proof;

    InstagramProfiles(GraphEngine engine, boolean proof) {
        this.engine = engine;
        this.proof = proof;
    }

    /**
     * Reads the account's ice breakers and persistent menu.
     *
     * @param token the Page token (through the Page) or Instagram user token (Instagram Login)
     * @return the profile; fields Instagram does not have are empty
     */
    public MessengerProfile get(AccessToken token) {
        return GraphEngine.await(getAsync(token));
    }

    /**
     * Reads the account's ice breakers and persistent menu without blocking.
     *
     * @param token the Page token or Instagram user token
     * @return completes with the profile
     */
    public CompletableFuture<MessengerProfile> getAsync(AccessToken token) {
        Objects.requireNonNull(token, "token");
        GraphCall call = new GraphCall("instagram messenger_profile GET", "GET", "/me/messenger_profile",
                Map.of("fields", FIELDS, "platform", "instagram"), token, proof, null, null, true, true);
        return engine.execute(call).thenApply(r -> MessengerProfiles.parse(r.body().path("data").path(0)));
    }

    /**
     * Sets the account's ice breakers and/or persistent menu.
     *
     * @param token the Page token or Instagram user token
     * @param profile the profile: only ice breakers and persistent menus may be set
     * @throws UnsupportedOnInstagramException for a greeting, Get Started, whitelisted domains, more
     *     than 4 ice breakers in a locale, or ice breakers without the {@code default} locale
     */
    public void set(AccessToken token, MessengerProfile profile) {
        GraphEngine.await(setAsync(token, profile));
    }

    /**
     * Sets the account's ice breakers and/or persistent menu without blocking.
     *
     * @param token the Page token or Instagram user token
     * @param profile the profile: only ice breakers and persistent menus may be set
     * @return completes when Meta accepted it
     */
    public CompletableFuture<Void> setAsync(AccessToken token, MessengerProfile profile) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
        ObjectNode body;
        try {
            check(profile);
            body = MessengerProfiles.toJson(profile);
            if (body.isEmpty()) {
                throw new IllegalArgumentException("the profile sets nothing");
            }
            body.put("platform", "instagram");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        GraphCall call = new GraphCall("instagram messenger_profile POST", "POST", "/me/messenger_profile",
                Map.of("platform", "instagram"), token, proof, null, Json.bytes(body), true, true);
        return engine.execute(call).thenAccept(r -> Subscriptions.requireSuccess(r, "instagram profile update"));
    }

    /**
     * Deletes ice breakers and/or the persistent menu.
     *
     * @param token the Page token or Instagram user token
     * @param fields {@code ICE_BREAKERS} and/or {@code PERSISTENT_MENU}
     */
    public void delete(AccessToken token, Collection<MessengerProfile.Field> fields) {
        GraphEngine.await(deleteAsync(token, fields));
    }

    /**
     * Deletes ice breakers and/or the persistent menu without blocking.
     *
     * @param token the Page token or Instagram user token
     * @param fields {@code ICE_BREAKERS} and/or {@code PERSISTENT_MENU}
     * @return completes when Meta accepted it
     */
    public CompletableFuture<Void> deleteAsync(AccessToken token, Collection<MessengerProfile.Field> fields) {
        Objects.requireNonNull(token, "token");
        if (fields == null || fields.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("name at least one field to delete"));
        }
        ObjectNode body = Json.object();
        ArrayNode names = body.putArray("fields");
        for (MessengerProfile.Field f : fields) {
            if (f != MessengerProfile.Field.ICE_BREAKERS && f != MessengerProfile.Field.PERSISTENT_MENU) {
                return CompletableFuture.failedFuture(new UnsupportedOnInstagramException(f.wireName(),
                        "Instagram's messenger profile has ice_breakers and persistent_menu only, not "
                                + f.wireName()));
            }
            names.add(f.wireName());
        }
        body.put("platform", "instagram");
        GraphCall call = new GraphCall("instagram messenger_profile DELETE", "DELETE", "/me/messenger_profile",
                Map.of("platform", "instagram"), token, proof, null, Json.bytes(body), true, true);
        return engine.execute(call).thenAccept(r -> Subscriptions.requireSuccess(r, "instagram profile delete"));
    }

    static void check(MessengerProfile p) {
        if (p.getStartedPayload().isPresent()) {
            throw new UnsupportedOnInstagramException("get_started", "Instagram has no Get Started button");
        }
        if (!p.greetings().isEmpty()) {
            throw new UnsupportedOnInstagramException("greeting", "Instagram has no greeting text");
        }
        if (!p.whitelistedDomains().isEmpty()) {
            throw new UnsupportedOnInstagramException("whitelisted_domains",
                    "Instagram's messenger profile has no whitelisted domains");
        }
        if (!p.iceBreakers().isEmpty()) {
            if (p.iceBreakers().stream().noneMatch(ib -> "default".equals(ib.locale()))) {
                throw new UnsupportedOnInstagramException("ice_breakers without default locale",
                        "Instagram ice breakers need a set for the \"default\" locale");
            }
            for (MessengerProfile.IceBreakers ib : p.iceBreakers()) {
                if (ib.questions().size() > MAX_ICE_BREAKERS) {
                    throw new UnsupportedOnInstagramException("more than " + MAX_ICE_BREAKERS + " ice breakers",
                            "Instagram takes at most " + MAX_ICE_BREAKERS + " ice breaker questions per locale; "
                                    + ib.locale() + " has " + ib.questions().size());
                }
            }
        }
        for (MessengerProfile.PersistentMenu menu : p.persistentMenus()) {
            List<Button> buttons = menu.callToActions();
            for (Button b : buttons) {
                if (!(b instanceof Button.Url || b instanceof Button.Postback)) {
                    throw new UnsupportedOnInstagramException("phone_number button",
                            "Instagram menus take web_url and postback buttons only");
                }
            }
        }
    }
}
