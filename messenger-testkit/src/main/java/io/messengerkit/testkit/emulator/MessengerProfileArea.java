package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page's Messenger Profile, {@code GET|POST|DELETE /me/messenger_profile} with the page's
 * token: get started button, greeting, ice breakers, persistent menu, whitelisted domains...
 */
final class MessengerProfileArea implements GraphArea {
    static final Set<String> PROFILE_PROPERTIES = new LinkedHashSet<>(List.of("get_started", "greeting",
            "ice_breakers", "persistent_menu", "whitelisted_domains", "account_linking_url", "commands", "title",
            "description"));

    private final GraphAuth auth;
    private final World world;

    MessengerProfileArea(GraphAuth auth) {
        this(auth, null);
    }

    MessengerProfileArea(GraphAuth auth, World world) {
        this.auth = auth;
        this.world = world;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("messenger_profile", Set.of("GET", "POST", "DELETE"), this::messengerProfile);
    }

    private Map<String, Object> messengerProfile(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        if ("instagram".equals(r.param("platform"))) {
            return InstagramProfileArea.profile(r, token, page, world);
        }
        GraphAuth.requireScope(token, "pages_messaging");
        switch (r.method) {
            case "GET" -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String field : requiredFields(r)) {
                    if (!PROFILE_PROPERTIES.contains(field)) {
                        throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                                "Param fields[" + field + "] is not a valid messenger profile field"));
                    }
                    if (page.messengerProfile.containsKey(field)) {
                        values.put(field, page.messengerProfile.get(field));
                    }
                }
                return Map.of("data", values.isEmpty() ? List.of() : List.of(values));
            }
            case "POST" -> {
                Map<String, Object> updates = new LinkedHashMap<>();
                for (String key : r.params.keySet()) {
                    if (key.equals("access_token") || key.equals("appsecret_proof")) {
                        continue;
                    }
                    if (!PROFILE_PROPERTIES.contains(key)) {
                        throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                                "Invalid keys \"" + key + "\" were found in param \"name_placeholder\"."));
                    }
                    updates.put(key, GraphRequest.JSON.convertValue(r.jsonParam(key), Object.class));
                }
                if (updates.isEmpty()) {
                    throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                            "No messenger profile properties were given"));
                }
                page.messengerProfile.putAll(updates);
                return Map.of("result", "success");
            }
            default -> {
                requiredFields(r).forEach(page.messengerProfile::remove);
                return Map.of("result", "success");
            }
        }
    }

    private static List<String> requiredFields(GraphRequest r) {
        List<String> fields = r.listParam("fields");
        if (fields == null || fields.isEmpty()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter fields is required"));
        }
        return fields;
    }
}
