package io.messengerkit.testkit.emulator;

import java.util.Objects;

/** A person who messages a page, known by a page-scoped id (PSID). */
public final class TestCustomer {
    private final PlatformEmulator emulator;
    private final TestPage page;
    private final String psid;

    TestCustomer(PlatformEmulator emulator, TestPage page, String psid) {
        this.emulator = emulator;
        this.page = page;
        this.psid = psid;
    }

    /** The page-scoped id. */
    public String psid() {
        return psid;
    }

    /** The page this id belongs to. */
    public TestPage page() {
        return page;
    }

    /** The person writes a text; see {@link PlatformEmulator#deliver}. */
    public InboundDelivery sends(String text) {
        return emulator.userSends(page.id(), psid, text);
    }

    /** The person taps a quick reply. */
    public InboundDelivery tapsQuickReply(String title, String payload) {
        return emulator.userTapsQuickReply(page.id(), psid, title, payload);
    }

    /** The person taps a postback button. */
    public InboundDelivery tapsPostback(String title, String payload) {
        return emulator.userTapsPostback(page.id(), psid, title, payload);
    }

    /** The conversation with the page so far. */
    public Conversation conversation() {
        return emulator.conversation(page.id(), psid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestCustomer that && psid.equals(that.psid) && page.equals(that.page);
    }

    @Override
    public int hashCode() {
        return Objects.hash(page, psid);
    }

    @Override
    public String toString() {
        return "TestCustomer[" + psid + " on page " + page.id() + "]";
    }
}
