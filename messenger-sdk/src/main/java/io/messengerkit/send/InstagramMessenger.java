package io.messengerkit.send;

import java.util.concurrent.CompletableFuture;

/**
 * Sends to Instagram users (Instagram-scoped ids, IGSIDs) through the Send API: through a Page
 * connected to the Instagram professional account (Page token, {@code graph.facebook.com}) or
 * through the Instagram API with Instagram Login (Instagram user token, {@code graph.instagram.com}).
 *
 * <p>Every send is checked against {@link InstagramRules} first: what Instagram does not support
 * fails with {@link UnsupportedOnInstagramException} before any call is made.
 */
public interface InstagramMessenger extends PageMessenger {

    /**
     * Sends a private reply to the person who wrote an Instagram comment: one message per comment,
     * within 7 days of the comment (during the broadcast for Live). Continue only after they answer.
     *
     * @param commentId the comment's id, from a {@code comments} or {@code live_comments} webhook
     * @param message the message
     * @return the send result
     */
    default SendResult privateReply(String commentId, Message message) {
        return send(SendRequest.to(Recipient.comment(commentId), message));
    }

    /**
     * Sends a private reply to the person who wrote an Instagram comment, without blocking.
     *
     * @param commentId the comment's id
     * @param message the message
     * @return completes with the send result
     */
    default CompletableFuture<SendResult> privateReplyAsync(String commentId, Message message) {
        try {
            return sendAsync(SendRequest.to(Recipient.comment(commentId), message));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Reacts to a message the person sent ({@code sender_action: react} with
     * {@code payload: {message_id, reaction}}). Instagram sends no echo of it.
     *
     * @param igsid the person
     * @param mid the message reacted to
     * @param reaction the reaction, e.g. {@code love}
     * @return the send result (Meta answers with the recipient id only)
     */
    SendResult react(String igsid, String mid, String reaction);

    /**
     * Removes the account's reaction from a message ({@code sender_action: unreact}).
     *
     * @param igsid the person
     * @param mid the message
     * @return the send result (recipient id only)
     */
    SendResult unreact(String igsid, String mid);

    /** The most images one Instagram message may carry. */
    int MAX_IMAGES = 10;

    /**
     * Sends 1 to {@value #MAX_IMAGES} images in one message ({@code message.attachments[]} of type
     * {@code image}, each by URL).
     *
     * @param igsid the person
     * @param imageUrls the images' http(s) URLs
     * @return the send result
     * @throws InvalidMessageException for no images, more than 10, or a URL that is not http(s)
     */
    SendResult sendImages(String igsid, java.util.List<String> imageUrls);

    /**
     * Sends the heart sticker ({@code message.attachment.type: like_heart}).
     *
     * @param igsid the person
     * @return the send result
     */
    SendResult sendLikeHeart(String igsid);

    /**
     * Shares one of the account's own posts ({@code message.attachment: {type: MEDIA_SHARE, payload: {id}}}).
     *
     * @param igsid the person
     * @param postId the id of a post the account published
     * @return the send result
     */
    SendResult sharePost(String igsid, String postId);
}
