package io.messengerkit.testkit.junit;

import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestPage;

/**
 * Entry points for fluent assertions on what a page sent, as recorded by the emulator.
 *
 * <pre>{@code
 * assertThat(customer).replied("Hi Grace!").sentBefore("typing_on", "Hi Grace!");
 * assertThat(page).conversationWith(psid).repliedContaining("opening hours");
 * }</pre>
 *
 * Assertions that expect something to have been sent wait for it (5 s by default, see
 * {@link ConversationAssert#within}), woken by each new transcript entry, so they work with
 * handlers that answer asynchronously. A failure prints the conversation and the sends to the person
 * the emulator refused, with Meta's code, subcode and message.
 */
public final class MessengerAssertions {
    private MessengerAssertions() {
    }

    /** Assertions on the conversation between this customer and their page. */
    public static ConversationAssert assertThat(TestCustomer customer) {
        return new ConversationAssert(customer.page(), customer.psid());
    }

    /** Assertions on one of a page's conversations. */
    public static PageAssert assertThat(TestPage page) {
        return new PageAssert(page);
    }

    /** Assertions on the conversation between a page and a person, by ids. */
    public static ConversationAssert assertThatConversation(PlatformEmulator emulator, String pageId, String psid) {
        TestPage page = emulator.page(pageId).orElseThrow(() -> new IllegalArgumentException("no such page: " + pageId));
        return new ConversationAssert(page, psid);
    }

    /** Picks a conversation of a page. */
    public static final class PageAssert {
        private final TestPage page;

        PageAssert(TestPage page) {
            this.page = page;
        }

        /** Assertions on the page's conversation with this person. */
        public ConversationAssert conversationWith(String psid) {
            return new ConversationAssert(page, psid);
        }

        /** Shorthand for {@code conversationWith(psid).replied(text)}: the page replied {@code text} to {@code psid}. */
        public ConversationAssert repliedTo(String psid, String text) {
            return conversationWith(psid).replied(text);
        }
    }
}
