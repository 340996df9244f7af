package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.trigger.TestEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An Instagram professional account connected to a {@link TestPage}: Graph answers it as the Page's
 * {@code instagram_business_account}; its people write to it as Instagram users (IGSIDs); their
 * messages reach the app as {@code "object":"instagram"} webhooks whose entry id is {@link #id()};
 * the app answers through the Page's token. Conversations are keyed by (account id, IGSID).
 */
public final class TestInstagramAccount {
    private final PlatformEmulator emulator;
    private final String id;

    TestInstagramAccount(PlatformEmulator emulator, String id) {
        this.emulator = emulator;
        this.id = id;
    }

    private Model.InstagramRecord record() {
        return emulator.world.instagram(id);
    }

    /** {@return the Instagram professional account id: the entry id of its webhooks} */
    public String id() {
        return id;
    }

    /** {@return the account's handle} */
    public String username() {
        return record().username;
    }

    /** {@return the account's display name} */
    public String name() {
        return record().name;
    }

    /** {@return the Page the account is connected to} */
    public TestPage page() {
        return new TestPage(emulator, record().pageId);
    }

    /**
     * Adds an Instagram user who can write to the account.
     *
     * @param firstName first name
     * @param lastName last name
     * @return the person's Instagram-scoped id (IGSID)
     */
    public String createUser(String firstName, String lastName) {
        return emulator.world.createCustomer(id, null, firstName, lastName).psid;
    }

    /** {@return the IGSIDs of the people known to the account, in creation order} */
    public List<String> users() {
        return emulator.world.customersOf(id).stream().map(c -> c.psid).toList();
    }

    /**
     * An Instagram user sends a text message to the account (an {@code "object":"instagram"} webhook).
     *
     * @param igsid the person
     * @param text the text
     * @return what happened to the delivery
     */
    public InboundDelivery userSends(String igsid, String text) {
        return emulator.userSends(id, igsid, text);
    }

    /**
     * An Instagram user taps an ice breaker or a postback button.
     *
     * @param igsid the person
     * @param title the button's title
     * @param payload its payload
     * @return what happened to the delivery
     */
    public InboundDelivery userTapsPostback(String igsid, String title, String payload) {
        return emulator.userTapsPostback(id, igsid, title, payload);
    }

    /**
     * Delivers any event to the account: its page id is replaced by the account id.
     *
     * @param event the event, built with {@link TestEvent}
     * @return what happened to the delivery
     */
    public InboundDelivery deliver(TestEvent event) {
        return emulator.deliver(event);
    }

    /**
     * An Instagram user comments on the account's media; the app may answer once with a private reply
     * ({@code recipient.comment_id}) within 7 days. The {@code comments} webhook is sent as by
     * {@link #commentAndNotify}, when a callback is set and the Page subscribed.
     *
     * @param igsid the commenter
     * @param text the comment
     * @return the comment id
     */
    public String userComments(String igsid, String text) {
        return commentAndNotify(igsid, text).id();
    }

    /**
     * An Instagram user comments on the account's media, and Meta tells the app: a {@code comments}
     * change ({@code "object":"instagram"}, {@code changes[]}) while the connected Page is subscribed.
     *
     * @param igsid the commenter
     * @param text the comment
     * @return the comment id and what happened to the delivery
     */
    public CommentDelivery commentAndNotify(String igsid, String text) {
        Model.CommentRecord comment = emulator.world.comment(id, igsid, text);
        return new CommentDelivery(comment.id, emulator.deliverComment(record(), comment));
    }

    /**
     * A comment and its webhook.
     *
     * @param id the comment id (the {@code comment_id} of a private reply)
     * @param delivery what happened to the {@code comments} webhook
     */
    public record CommentDelivery(String id, InboundDelivery delivery) {
    }

    /**
     * Turns the account's "Allow access to messages" setting on or off; while off, sends fail with
     * code 200, subcode 2534041.
     *
     * @param allowed the setting
     */
    public void allowAccessToMessages(boolean allowed) {
        synchronized (emulator.world) {
            record().messagesAccessAllowed = allowed;
        }
    }

    /** {@return the account's ice breakers and persistent menu, as set with {@code platform=instagram}} */
    public Map<String, Object> messengerProfile() {
        synchronized (emulator.world) {
            return Map.copyOf(record().messengerProfile);
        }
    }

    /**
     * {@return the conversation with one person}
     *
     * @param igsid the person
     */
    public Conversation conversation(String igsid) {
        return emulator.conversation(id, igsid);
    }

    /**
     * Waits until the conversation with one person satisfies a condition.
     *
     * @param igsid the person
     * @param condition the condition
     * @param timeout how long to wait
     * @return the conversation when the condition held, or as it was at the timeout
     */
    public Conversation awaitConversation(String igsid, Predicate<Conversation> condition, Duration timeout) {
        return emulator.awaitConversation(id, igsid, condition, timeout);
    }

    /**
     * {@return the sends to one person the emulator refused}
     *
     * @param igsid the person
     */
    public List<RefusedSend> refusedSends(String igsid) {
        return emulator.refusedSends(record().pageId, igsid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestInstagramAccount that && id.equals(that.id) && emulator == that.emulator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "TestInstagramAccount[" + id + "]";
    }
}
