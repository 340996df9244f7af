package io.messengerkit.webhook.event;

/**
 * The Instagram story a message replied to ({@code message.reply_to.story}).
 *
 * @param id the story's media id, or null
 * @param url the story's media URL (it expires with the story: do not store it), or null
 */
public record Story(String id, String url) {
}
