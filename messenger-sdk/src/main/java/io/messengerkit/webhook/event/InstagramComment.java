package io.messengerkit.webhook.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A comment on an Instagram professional account's media, from an {@code "object":"instagram"}
 * delivery's {@code changes[]} item with field {@code comments} or {@code live_comments}. Answer it
 * once, privately, with {@code InstagramMessenger.privateReply(comment.id(), ...)}.
 *
 * @param accountId the Instagram professional account the comment is on (the entry id)
 * @param id the comment id: the {@code comment_id} of a private reply
 * @param text the comment's text, or null
 * @param fromId the commenter's Instagram-scoped id, or null
 * @param fromUsername the commenter's username, or null
 * @param mediaId the commented media's id, or null
 * @param parentId the comment this one answers, or null for a top-level comment
 * @param live true for a comment on a Live broadcast ({@code live_comments}): reply during the broadcast
 */
public record InstagramComment(String accountId, String id, String text, String fromId, String fromUsername,
        String mediaId, String parentId, boolean live) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a comment from a change event.
     *
     * @param change a {@code changes[]} item
     * @return the comment, or empty when the change is not an Instagram comment (or has no comment id)
     */
    public static Optional<InstagramComment> of(ChangeEvent change) {
        if (change == null || !change.envelope().instagram() || change.valueJson() == null
                || !("comments".equals(change.field()) || "live_comments".equals(change.field()))) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = JSON.readTree(change.valueJson());
        } catch (IOException e) {
            return Optional.empty();
        }
        String id = text(value, "id");
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new InstagramComment(change.pageId(), id, text(value, "text"),
                text(value.path("from"), "id"), text(value.path("from"), "username"), text(value.path("media"), "id"),
                text(value, "parent_id"), "live_comments".equals(change.field())));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
