package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the management requests, with the names the seed's clients send. Every field
 * may come from the query string instead ({@link RequestCheck} looks there when the body has none);
 * checking happens there too, so these records hold what was sent, unchecked.
 *
 * <p>Each record ends with {@code ignored}, the members it does not use. Besides keeping unknown
 * members harmless, it keeps Jackson 2 from building a record as soon as every component has a
 * value (jackson-databind#4690): a member sent twice, or under two of its names, then follows
 * "the last one wins" instead of failing.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * {@code POST /api/fb-linkage/}.
     *
     * @param chatbotId {@code chatbot_id} (alias {@code chatbot})
     * @param accessToken the short-lived login token: {@code access_token} (aliases {@code short_lived_token},
     *     {@code user_access_token}, {@code accessToken})
     * @param ignored members not used
     */
    record LinkAccount(@JsonAlias("chatbot") String chatbotId,
            @JsonAlias({"short_lived_token", "user_access_token", "accessToken"}) String accessToken,
            @JsonAnySetter Map<String, Object> ignored) implements JsonBody {

        @Override
        public String toString() {
            // Never print the token.
            return "LinkAccount[chatbotId=" + chatbotId + "]";
        }
    }

    /**
     * {@code POST /api/link-pages/} and {@code DELETE /api/unlink-pages/}.
     *
     * @param chatbotId {@code chatbot_id} (alias {@code chatbot})
     * @param pageIds {@code page_ids} (aliases {@code pages}, {@code page_id}): an array of ids or of
     *     {@code {"id": ...}} objects, or comma-separated text
     * @param instagram {@code instagram} (alias {@code enable_instagram}): when linking, also enable
     *     Instagram messaging for the pages' connected Instagram accounts; absent means false
     * @param ignored members not used
     */
    record PageIds(@JsonAlias("chatbot") String chatbotId,
            @JsonAlias({"pages", "page_id"}) @JsonDeserialize(using = PageIdList.class) List<String> pageIds,
            @JsonAlias("enable_instagram") Boolean instagram,
            @JsonAnySetter Map<String, Object> ignored) implements JsonBody {
    }

    /**
     * {@code DELETE /api/fb-unlink-account/} and {@code POST /api/health-check/}.
     *
     * @param chatbotId {@code chatbot_id} (alias {@code chatbot})
     * @param ignored members not used
     */
    record Chatbot(@JsonAlias("chatbot") String chatbotId, @JsonAnySetter Map<String, Object> ignored)
            implements JsonBody {
    }

    /**
     * {@code POST /api/events/requeue/}.
     *
     * @param chatbotId {@code chatbot_id} (alias {@code chatbot})
     * @param eventId {@code event_id}: one event, or absent for all set aside
     * @param ignored members not used
     */
    record Requeue(@JsonAlias("chatbot") String chatbotId, @JsonAlias("id") Long eventId,
            @JsonAnySetter Map<String, Object> ignored) implements JsonBody {
    }

    /**
     * {@code POST /api/conversations/hand-back/}.
     *
     * @param chatbotId {@code chatbot_id} (alias {@code chatbot})
     * @param pageId {@code page_id}: the page of the conversation
     * @param psid {@code psid}: the person
     * @param ignored members not used
     */
    record HandBack(@JsonAlias("chatbot") String chatbotId, String pageId, String psid,
            @JsonAnySetter Map<String, Object> ignored) implements JsonBody {
    }

    /** Page ids as the seed's clients send them; checking them is left to {@link RequestCheck}. */
    static final class PageIdList extends StdDeserializer<List<String>> {
        private static final long serialVersionUID = 1L;

        PageIdList() {
            super(List.class);
        }

        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            List<String> ids = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(n -> ids.add(n.isObject() && n.has("id") ? n.get("id").asText() : n.asText()));
            } else {
                ids.addAll(RequestCheck.split(node.asText()));
            }
            return ids;
        }
    }
}
