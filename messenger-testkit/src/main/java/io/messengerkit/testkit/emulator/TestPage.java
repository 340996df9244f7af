package io.messengerkit.testkit.emulator;

import io.messengerkit.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** A Facebook Page in the emulator: has people who write to it, a token, subscriptions and a profile. */
public final class TestPage {
    private final PlatformEmulator emulator;
    private final String id;

    TestPage(PlatformEmulator emulator, String id) {
        this.emulator = emulator;
        this.id = id;
    }

    /** The page id. */
    public String id() {
        return id;
    }

    /** The page name. */
    public String name() {
        return emulator.world.page(id).name;
    }

    /**
     * A page token that never expires, with all Messenger permissions, as if read from
     * {@code /me/accounts} with a long-lived user token. The same value until it is invalidated.
     */
    public AccessToken token() {
        return AccessToken.of(emulator.world.fixturePageToken(id));
    }

    /** Invalidates every token of this page with the given 190 subcode (e.g. 460 after a password change). */
    public void invalidateTokens(int subcode) {
        emulator.world.invalidateTokens(null, id, subcode);
    }

    /** Makes every current token of this page expired: calls answer 190 with subcode 463. */
    public void expireTokens() {
        invalidateTokens(463);
    }

    /** Gives the user a direct role on the page, so it appears in their {@code /me/accounts}. */
    public TestPage grantRole(TestUser user) {
        emulator.world.grantPageRole(id, user.id());
        return this;
    }

    /** A person who can message the page, with a fresh page-scoped id. */
    public TestCustomer createCustomer(String firstName, String lastName) {
        return new TestCustomer(emulator, this,
                emulator.world.createCustomer(id, null, firstName, lastName).psid);
    }

    /** A person with a chosen page-scoped id. */
    public TestCustomer createCustomer(String psid, String firstName, String lastName) {
        return new TestCustomer(emulator, this,
                emulator.world.createCustomer(id, PlatformEmulator.requireText(psid, "psid"), firstName,
                        lastName).psid);
    }

    /** The people who wrote to (or were created on) this page. */
    public List<TestCustomer> customers() {
        return emulator.world.customersOf(id).stream().map(c -> new TestCustomer(emulator, this, c.psid))
                .toList();
    }

    /** Subscribes the app to these webhook fields, as {@code POST /{page-id}/subscribed_apps} would. */
    public TestPage subscribeApp(String... fields) {
        emulator.world.subscribe(id, Set.of(fields));
        return this;
    }

    /** The webhook fields the app is subscribed to (empty when it is not installed). */
    public Set<String> subscribedFields() {
        return emulator.world.subscribedFields(id);
    }

    /** The Messenger Profile properties set so far (greeting, get_started...). */
    public Map<String, Object> messengerProfile() {
        return emulator.world.messengerProfile(id);
    }

    /** The conversation with a person. */
    public Conversation conversation(String psid) {
        return emulator.conversation(id, psid);
    }

    /** The sends to this person the emulator refused, and why; see {@link PlatformEmulator#refusedSends()}. */
    public List<RefusedSend> refusedSends(String psid) {
        return emulator.refusedSends(id, psid);
    }

    /** Waits (woken by each new entry) until the conversation satisfies the condition or the timeout passes. */
    public Conversation awaitConversation(String psid, Predicate<Conversation> condition, Duration timeout) {
        return emulator.awaitConversation(id, psid, condition, timeout);
    }

    /**
     * Connects an Instagram professional account to the page: Graph then answers the page's
     * {@code instagram_business_account} field with it.
     *
     * @param username the account's handle
     * @param name the account's display name
     * @return the account
     */
    public TestInstagramAccount connectInstagramAccount(String username, String name) {
        return new TestInstagramAccount(emulator, emulator.world.connectInstagram(id,
                PlatformEmulator.requireText(username, "username"), PlatformEmulator.requireText(name, "name")).id);
    }

    /**
     * Disconnects the page's Instagram account: Graph no longer answers it as the page's
     * {@code instagram_business_account}, and its people can no longer write to it.
     */
    public void disconnectInstagramAccount() {
        emulator.world.disconnectInstagram(id);
    }

    /** {@return the Instagram professional account connected to the page, if any} */
    public java.util.Optional<TestInstagramAccount> instagramAccount() {
        Model.InstagramRecord ig = emulator.world.instagramOfPage(id);
        return ig == null ? java.util.Optional.empty()
                : java.util.Optional.of(new TestInstagramAccount(emulator, ig.id));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestPage that && id.equals(that.id) && emulator == that.emulator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "TestPage[" + id + "]";
    }
}
