package io.messengerkit.send;

/**
 * Who a message goes to. Exactly one component is set; use the factory methods.
 *
 * @param id a page-scoped id (PSID), the usual case
 * @param userRef a {@code user_ref} from the checkbox plugin
 * @param commentId a comment to answer with a private reply
 * @param postId a post to answer with a private reply
 */
public record Recipient(String id, String userRef, String commentId, String postId) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id a page-scoped id (PSID), the usual case
     * @param userRef a {@code user_ref} from the checkbox plugin
     * @param commentId a comment to answer with a private reply
     * @param postId a post to answer with a private reply
     */
    public Recipient {
        int set = (id == null ? 0 : 1) + (userRef == null ? 0 : 1) + (commentId == null ? 0 : 1)
                + (postId == null ? 0 : 1);
        if (set != 1) {
            throw new InvalidMessageException("a recipient needs exactly one of id, user_ref, comment_id, post_id");
        }
        for (String v : new String[] {id, userRef, commentId, postId}) {
            if (v != null && v.isBlank()) {
                throw new InvalidMessageException("recipient must not be blank");
            }
        }
    }

    /**
     * {@return a person by page-scoped id}
     *
     * @param psid the person's page-scoped id
     */
    public static Recipient psid(String psid) {
        return new Recipient(psid, null, null, null);
    }

    /**
     * {@return a person known only by a checkbox plugin {@code user_ref}}
     *
     * @param userRef the plugin's {@code user_ref}
     */
    public static Recipient userRef(String userRef) {
        return new Recipient(null, userRef, null, null);
    }

    /**
     * {@return the author of a comment (private reply)}
     *
     * @param commentId the comment's id
     */
    public static Recipient comment(String commentId) {
        return new Recipient(null, null, commentId, null);
    }

    /**
     * {@return the author of a post (private reply)}
     *
     * @param postId the post's id
     */
    public static Recipient post(String postId) {
        return new Recipient(null, null, null, postId);
    }
}
