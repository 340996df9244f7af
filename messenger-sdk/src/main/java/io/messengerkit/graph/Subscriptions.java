package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A page's webhook subscription for this app: {@code /{page-id}/subscribed_apps} with the page
 * token. Meta unsubscribes an app after an hour of failed deliveries, so check
 * {@link #isSubscribed} periodically and subscribe again after an outage.
 */
public final class Subscriptions {
    /** The Messenger webhook fields a bot normally needs. */
    public static final List<String> MESSAGING_FIELDS = List.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "message_reactions", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby", "messaging_policy_enforcement", "message_edits",
            "messaging_account_linking");

    private final GraphEngine engine;

    Subscriptions(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Subscribes this app to the page's webhooks for the given fields ({@code POST}; the fields
     * travel in the body). Subscribing again replaces the field list, so it is safe to repeat.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @param fields the webhook fields, such as {@link #MESSAGING_FIELDS}
     * @throws UnexpectedResponseException when Meta answers without {@code success: true}
     */
    public void subscribe(String pageId, AccessToken pageToken, Collection<String> fields) {
        GraphEngine.await(subscribeAsync(pageId, pageToken, fields));
    }

    /**
     * Async {@link #subscribe(String, AccessToken, Collection)}.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @param fields the webhook fields, such as {@link #MESSAGING_FIELDS}
     * @return completes when the call is done
     */
    public CompletableFuture<Void> subscribeAsync(String pageId, AccessToken pageToken, Collection<String> fields) {
        Objects.requireNonNull(pageToken, "pageToken");
        if (fields == null || fields.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("at least one field is required"));
        }
        for (String field : fields) {
            if (field == null || !field.matches("[a-z_]{1,64}")) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("not a webhook field: " + field));
            }
        }
        String path;
        try {
            path = "/" + Ids.check(pageId, "pageId") + "/subscribed_apps";
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        GraphCall call = new GraphCall("subscribed_apps POST", "POST", path, Map.of(), pageToken, true,
                Map.of("subscribed_fields", String.join(",", fields)), null, true, true);
        return engine.execute(call).thenAccept(r -> requireSuccess(r, "subscribe"));
    }

    /**
     * {@return the apps subscribed to the page, with their fields ({@code GET}, every cursor page)}
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     */
    public List<SubscribedApp> list(String pageId, AccessToken pageToken) {
        return GraphEngine.await(listAsync(pageId, pageToken));
    }

    /**
     * Async {@link #list(String, AccessToken)}.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<List<SubscribedApp>> listAsync(String pageId, AccessToken pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        GraphCall call;
        try {
            call = GraphCall.get("subscribed_apps GET", "/" + Ids.check(pageId, "pageId") + "/subscribed_apps",
                    Map.of(), pageToken);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return Paging.all(engine, call).thenApply(items -> items.stream()
                .map(n -> new SubscribedApp(Json.text(n, "id"), Json.text(n, "name"), Json.strings(n, "subscribed_fields")))
                .toList());
    }

    /**
     * {@return true when this app is subscribed to the page (for at least one field)}
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     */
    public boolean isSubscribed(String pageId, AccessToken pageToken) {
        return GraphEngine.await(isSubscribedAsync(pageId, pageToken));
    }

    /**
     * Async {@link #isSubscribed(String, AccessToken)}.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<Boolean> isSubscribedAsync(String pageId, AccessToken pageToken) {
        String appId = engine.config().appId();
        return listAsync(pageId, pageToken).thenApply(apps -> apps.stream()
                .anyMatch(a -> appId.equals(a.appId()) && !a.subscribedFields().isEmpty()));
    }

    /**
     * Removes this app's subscription to the page ({@code DELETE}).
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     */
    public void unsubscribe(String pageId, AccessToken pageToken) {
        GraphEngine.await(unsubscribeAsync(pageId, pageToken));
    }

    /**
     * Async {@link #unsubscribe(String, AccessToken)}.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @return completes when the call is done
     */
    public CompletableFuture<Void> unsubscribeAsync(String pageId, AccessToken pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        String path;
        try {
            path = "/" + Ids.check(pageId, "pageId") + "/subscribed_apps";
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        GraphCall call = new GraphCall("subscribed_apps DELETE", "DELETE", path, Map.of(), pageToken, true, null,
                null, true, true);
        return engine.execute(call).thenAccept(r -> requireSuccess(r, "unsubscribe"));
    }

    /**
     * Accepts {@code {"success": true}}, the documented {@code {"success": "true"}}, a bare
     * {@code true}, and the Messenger Profile API's {@code {"result": "success"}}.
     */
    static void requireSuccess(GraphResponse response, String what) {
        JsonNode body = response.body();
        JsonNode success = body.isBoolean() ? body : body.path("success");
        boolean ok = success.isBoolean() ? success.booleanValue()
                : success.isTextual() ? success.textValue().equalsIgnoreCase("true")
                : "success".equals(Json.text(body, "result"));
        if (!ok) {
            throw new UnexpectedResponseException(new GraphError(response.status(), 0, 0,
                    what + " answered without success=true", null, null, false, null, null), response.usage());
        }
    }
}
