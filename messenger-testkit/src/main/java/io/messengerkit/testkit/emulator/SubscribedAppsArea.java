package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.json.MetaStyleJson.object;

import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's webhook subscription on a page, {@code GET|POST|DELETE /{page-id}/subscribed_apps}
 * with the page's token: which fields' events the page sends to the app's callback.
 */
final class SubscribedAppsArea implements GraphArea {
    /** The Messenger webhook fields a page can subscribe an app to. */
    static final Set<String> WEBHOOK_FIELDS = new LinkedHashSet<>(List.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "message_reactions", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby", "messaging_policy_enforcement", "message_edits",
            "messaging_account_linking", "messaging_feedback", "messaging_game_plays",
            "messenger_template_status_update", "response_feedback", "send_cart"));

    private final GraphAuth auth;
    private final EmulatedApp app;

    SubscribedAppsArea(GraphAuth auth, EmulatedApp app) {
        this.auth = auth;
        this.app = app;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("subscribed_apps", Set.of("GET", "POST", "DELETE"), this::subscribedApps);
    }

    private Map<String, Object> subscribedApps(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        switch (r.method) {
            case "GET" -> {
                if (page.subscribedFields == null) {
                    return Map.of("data", List.of());
                }
                return Map.of("data", List.of(object("category", "Business", "link",
                        "https://www.facebook.com/games/?app_id=" + app.id(), "name", app.name(), "id", app.id(),
                        "subscribed_fields", List.copyOf(page.subscribedFields))));
            }
            case "POST" -> {
                GraphAuth.requireScope(token, "pages_manage_metadata");
                List<String> fields = r.listParam("subscribed_fields");
                if (fields == null || fields.isEmpty()) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The parameter subscribed_fields is required"));
                }
                for (String field : fields) {
                    if (!WEBHOOK_FIELDS.contains(field)) {
                        throw new GraphErrorException(GraphError.invalidParameter(
                                "Param subscribed_fields must be one of {" + String.join(", ", WEBHOOK_FIELDS)
                                        + "} - got \"" + field + "\""));
                    }
                }
                page.subscribedFields = new LinkedHashSet<>(fields);
                return Map.of("success", true);
            }
            default -> {
                GraphAuth.requireScope(token, "pages_manage_metadata");
                page.subscribedFields = null;
                return Map.of("success", true);
            }
        }
    }
}
