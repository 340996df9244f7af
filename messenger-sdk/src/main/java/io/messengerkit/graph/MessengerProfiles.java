package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.AccessToken;
import io.messengerkit.send.Button;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The Messenger Profile API ({@code /me/messenger_profile}) with a page token. */
public final class MessengerProfiles {
    private static final String ALL_FIELDS = Arrays.stream(MessengerProfile.Field.values())
            .map(MessengerProfile.Field::wireName).collect(Collectors.joining(","));

    private final GraphEngine engine;

    MessengerProfiles(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads the page's profile.
     *
     * @param pageToken the page access token
     * @return the fields the page has set
     */
    public MessengerProfile get(AccessToken pageToken) {
        return GraphEngine.await(getAsync(pageToken));
    }

    /**
     * Async {@link #get(AccessToken)}.
     *
     * @param pageToken the page access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<MessengerProfile> getAsync(AccessToken pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        return engine.execute(GraphCall.get("messenger_profile GET", "/me/messenger_profile",
                Map.of("fields", ALL_FIELDS), pageToken)).thenApply(r -> parse(r.body().path("data").path(0)));
    }

    /**
     * Writes the properties set in {@code profile}; others are left as they are.
     *
     * @param pageToken the page access token
     * @param profile the fields to set
     */
    public void set(AccessToken pageToken, MessengerProfile profile) {
        GraphEngine.await(setAsync(pageToken, profile));
    }

    /**
     * Async {@link #set(AccessToken, MessengerProfile)}.
     *
     * @param pageToken the page access token
     * @param profile the fields to set
     * @return completes when the call is done
     */
    public CompletableFuture<Void> setAsync(AccessToken pageToken, MessengerProfile profile) {
        Objects.requireNonNull(pageToken, "pageToken");
        Objects.requireNonNull(profile, "profile");
        ObjectNode body = toJson(profile);
        if (body.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the profile sets nothing"));
        }
        GraphCall call = new GraphCall("messenger_profile POST", "POST", "/me/messenger_profile", Map.of(),
                pageToken, true, null, Json.bytes(body), true, true);
        return engine.execute(call).thenAccept(r -> Subscriptions.requireSuccess(r, "messenger profile update"));
    }

    /**
     * Removes the given properties from the page's profile.
     *
     * @param pageToken the page access token
     * @param fields the fields to remove
     */
    public void delete(AccessToken pageToken, Collection<MessengerProfile.Field> fields) {
        GraphEngine.await(deleteAsync(pageToken, fields));
    }

    /**
     * Async {@link #delete(AccessToken, Collection)}.
     *
     * @param pageToken the page access token
     * @param fields the fields to remove
     * @return completes when the call is done
     */
    public CompletableFuture<Void> deleteAsync(AccessToken pageToken, Collection<MessengerProfile.Field> fields) {
        Objects.requireNonNull(pageToken, "pageToken");
        if (fields == null || fields.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("name at least one field to delete"));
        }
        ObjectNode body = Json.object();
        ArrayNode names = body.putArray("fields");
        fields.forEach(f -> names.add(f.wireName()));
        GraphCall call = new GraphCall("messenger_profile DELETE", "DELETE", "/me/messenger_profile", Map.of(),
                pageToken, true, null, Json.bytes(body), true, true);
        return engine.execute(call).thenAccept(r -> Subscriptions.requireSuccess(r, "messenger profile delete"));
    }

    static ObjectNode toJson(MessengerProfile p) {
        ObjectNode n = Json.object();
        p.getStartedPayload().ifPresent(payload -> n.putObject("get_started").put("payload", payload));
        if (!p.greetings().isEmpty()) {
            ArrayNode a = n.putArray("greeting");
            p.greetings().forEach(g -> a.addObject().put("locale", g.locale()).put("text", g.text()));
        }
        if (!p.persistentMenus().isEmpty()) {
            ArrayNode a = n.putArray("persistent_menu");
            for (MessengerProfile.PersistentMenu m : p.persistentMenus()) {
                ObjectNode o = a.addObject();
                o.put("locale", m.locale()).put("composer_input_disabled", m.composerInputDisabled());
                o.set("call_to_actions", SendJson.buttons(m.callToActions()));
            }
        }
        if (!p.iceBreakers().isEmpty()) {
            ArrayNode a = n.putArray("ice_breakers");
            for (MessengerProfile.IceBreakers ib : p.iceBreakers()) {
                ObjectNode o = a.addObject();
                ArrayNode q = o.putArray("call_to_actions");
                ib.questions().forEach(x -> q.addObject().put("question", x.question()).put("payload", x.payload()));
                o.put("locale", ib.locale());
            }
        }
        if (!p.whitelistedDomains().isEmpty()) {
            ArrayNode a = n.putArray("whitelisted_domains");
            p.whitelistedDomains().forEach(a::add);
        }
        return n;
    }

    static MessengerProfile parse(JsonNode d) {
        Optional<String> getStarted = Json.optText(d.path("get_started"), "payload");
        List<MessengerProfile.Greeting> greetings = new ArrayList<>();
        d.path("greeting").forEach(g -> {
            String text = Json.text(g, "text");
            if (text != null && !text.isBlank()) {
                greetings.add(new MessengerProfile.Greeting(Json.optText(g, "locale").orElse("default"), text));
            }
        });
        List<MessengerProfile.PersistentMenu> menus = new ArrayList<>();
        d.path("persistent_menu").forEach(m -> {
            List<Button> buttons = new ArrayList<>();
            m.path("call_to_actions").forEach(b -> {
                String type = Json.text(b, "type");
                if ("web_url".equals(type)) {
                    buttons.add(Button.url(Json.text(b, "title"), Json.text(b, "url")));
                } else if ("postback".equals(type)) {
                    buttons.add(Button.postback(Json.text(b, "title"), Json.text(b, "payload")));
                }
            });
            if (!buttons.isEmpty()) {
                menus.add(new MessengerProfile.PersistentMenu(Json.optText(m, "locale").orElse("default"),
                        m.path("composer_input_disabled").asBoolean(false), buttons));
            }
        });
        List<MessengerProfile.IceBreakers> iceBreakers = new ArrayList<>();
        d.path("ice_breakers").forEach(ib -> {
            List<MessengerProfile.IceBreaker> questions = new ArrayList<>();
            ib.path("call_to_actions").forEach(q -> questions.add(
                    new MessengerProfile.IceBreaker(Json.text(q, "question"), Json.text(q, "payload"))));
            if (!questions.isEmpty()) {
                iceBreakers.add(new MessengerProfile.IceBreakers(Json.optText(ib, "locale").orElse("default"),
                        questions));
            }
        });
        List<String> domains = Json.strings(d, "whitelisted_domains");
        return new MessengerProfile(getStarted, greetings, menus, iceBreakers, domains);
    }
}
