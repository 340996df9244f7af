package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.emulator.Model.InstagramRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /{page-id}/messenger_profile?platform=instagram}: the ice breakers and persistent menu of the
 * Instagram account connected to the Page, kept apart from the Page's own Messenger profile. At most
 * 4 ice breaker questions per locale, and the {@code default} locale is required.
 */
final class InstagramProfileArea {
    static final Set<String> PROPERTIES = Set.of("ice_breakers", "persistent_menu");

    private InstagramProfileArea() {
    }

    static Map<String, Object> profile(GraphRequest r, TokenRecord token, PageRecord page, World world) {
        InstagramRecord ig = world == null ? null : world.instagramOfPage(page.id);
        if (ig == null) {
            throw new GraphErrorException(new EmulatedGraphError(400, 100, 2534013, "OAuthException",
                    "(#100) The Page is not linked to an Instagram professional account", null));
        }
        GraphAuth.requireScope(token, "instagram_manage_messages");
        synchronized (world) {
            switch (r.method) {
                case "GET" -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (String field : fields(r)) {
                        if (!PROPERTIES.contains(field)) {
                            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                                    "Param fields[" + field + "] is not a valid Instagram messenger profile field"));
                        }
                        if (ig.messengerProfile.containsKey(field)) {
                            values.put(field, ig.messengerProfile.get(field));
                        }
                    }
                    return Map.of("data", values.isEmpty() ? List.of() : List.of(values));
                }
                case "POST" -> {
                    Map<String, Object> updates = new LinkedHashMap<>();
                    for (String key : r.params.keySet()) {
                        if (Set.of("access_token", "appsecret_proof", "platform").contains(key)) {
                            continue;
                        }
                        if (!PROPERTIES.contains(key)) {
                            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                                    "Invalid keys \"" + key + "\" were found for platform instagram"));
                        }
                        JsonNode value = r.jsonParam(key);
                        if (key.equals("ice_breakers")) {
                            checkIceBreakers(value);
                        }
                        updates.put(key, GraphRequest.JSON.convertValue(value, Object.class));
                    }
                    if (updates.isEmpty()) {
                        throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                                "No messenger profile properties were given"));
                    }
                    ig.messengerProfile.putAll(updates);
                    return Map.of("result", "success");
                }
                default -> {
                    fields(r).forEach(ig.messengerProfile::remove);
                    return Map.of("result", "success");
                }
            }
        }
    }

    private static void checkIceBreakers(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("param ice_breakers must be a non-empty array"));
        }
        boolean hasDefault = false;
        for (JsonNode locale : value) {
            if ("default".equals(locale.path("locale").asText())) {
                hasDefault = true;
            }
            if (locale.path("call_to_actions").size() > 4) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "param ice_breakers[call_to_actions] must have at most 4 elements"));
            }
        }
        if (!hasDefault) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "ice_breakers need the default locale"));
        }
    }

    private static List<String> fields(GraphRequest r) {
        List<String> fields = r.listParam("fields");
        if (fields == null || fields.isEmpty()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter fields is required"));
        }
        return fields;
    }
}
