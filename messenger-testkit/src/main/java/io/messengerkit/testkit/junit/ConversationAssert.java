package io.messengerkit.testkit.junit;

import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.RefusedSend;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TranscriptEntry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on one conversation's transcript (what the person wrote and what the page
 * sent, in order). Failure messages print the whole transcript and every send to the person the
 * emulator refused, with Meta's code, subcode and message.
 */
public final class ConversationAssert {
    private final TestPage page;
    private final String psid;
    private final Duration timeout;

    ConversationAssert(TestPage page, String psid) {
        this(page, psid, Duration.ofSeconds(5));
    }

    private ConversationAssert(TestPage page, String psid, Duration timeout) {
        this.page = Objects.requireNonNull(page, "page");
        this.psid = Objects.requireNonNull(psid, "psid");
        this.timeout = timeout;
    }

    /** How long assertions that expect something wait for it (default 5 s). */
    public ConversationAssert within(Duration wait) {
        return new ConversationAssert(page, psid, wait);
    }

    /** The conversation as it is now. */
    public Conversation conversation() {
        return page.conversation(psid);
    }

    private Conversation awaitThat(Predicate<Conversation> condition, String expectation) {
        Conversation conversation = page.awaitConversation(psid, condition, timeout);
        if (!condition.test(conversation)) {
            throw new AssertionFailedError("Expected " + expectation + " (waited " + timeout.toMillis() + " ms)\n"
                    + describe(conversation));
        }
        return conversation;
    }

    /** The transcript, then the sends to this person the emulator refused and why. */
    private String describe(Conversation conversation) {
        StringBuilder text = new StringBuilder("but the conversation between page ").append(conversation.pageId())
                .append(" and ").append(conversation.psid());
        if (conversation.entries().isEmpty()) {
            text.append(" is empty");
        } else {
            text.append(" is:\n").append(conversation.entries().stream().map(e -> "  " + e)
                    .collect(Collectors.joining("\n")));
        }
        List<RefusedSend> refused = page.refusedSends(psid);
        if (refused.isEmpty()) {
            return text.append("\nand the emulator refused no send to ").append(psid).toString();
        }
        text.append("\nand the emulator refused ").append(refused.size()).append(refused.size() == 1 ? " send" : " sends")
                .append(" to ").append(psid).append(":\n")
                .append(refused.stream().map(r -> "  " + r).collect(Collectors.joining("\n")));
        if (refused.stream().anyMatch(r -> r.error().code() == 10 && Integer.valueOf(2018278).equals(r.error().subcode()))) {
            text.append("\nThe 24-hour window was closed: it opens when the person writes through the emulator"
                    + " (customer.sends(...), emulator.deliver(...), or a trigger from emulator.trigger() or the"
                    + " extension's trigger()); deliveries posted with WebhookTrigger.to(url, secret) go around it.");
        }
        return text.toString();
    }

    /** The page sent a message with exactly this text. */
    public ConversationAssert replied(String text) {
        awaitThat(c -> c.replies().contains(text), "the page to reply '" + text + "'");
        return this;
    }

    /** The page sent a message whose text contains this fragment. */
    public ConversationAssert repliedContaining(String fragment) {
        awaitThat(c -> c.replies().stream().anyMatch(r -> r != null && r.contains(fragment)),
                "a reply containing '" + fragment + "'");
        return this;
    }

    /** The page's message texts are exactly these, in this order (waits until that many were sent). */
    public ConversationAssert repliedExactly(String... texts) {
        List<String> expected = Arrays.asList(texts);
        Conversation c = awaitThat(conv -> conv.replies().size() >= expected.size(),
                expected.size() + " replies " + expected);
        if (!c.replies().equals(expected)) {
            throw new AssertionFailedError("Expected replies " + expected + "\n" + describe(c), expected, c.replies());
        }
        return this;
    }

    /** The page sent this sender action ({@code typing_on}, {@code typing_off}, {@code mark_seen}...). */
    public ConversationAssert sentAction(String action) {
        awaitThat(c -> c.outbound().stream().anyMatch(e -> e.isSenderAction(action)), "the page to send " + action);
        return this;
    }

    /** The page sent the sender action before its message {@code replyText}, e.g. {@code typing_on} before the reply. */
    public ConversationAssert sentBefore(String action, String replyText) {
        Conversation c = awaitThat(conv -> conv.replies().contains(replyText), "the page to reply '" + replyText + "'");
        List<TranscriptEntry> outbound = c.outbound();
        int reply = -1;
        for (int i = 0; i < outbound.size(); i++) {
            if (outbound.get(i).isReply() && replyText.equals(outbound.get(i).text())) {
                reply = i;
                break;
            }
        }
        for (int i = 0; i < reply; i++) {
            if (outbound.get(i).isSenderAction(action)) {
                return this;
            }
        }
        throw new AssertionFailedError("Expected " + action + " before the reply '" + replyText + "'\n" + describe(c));
    }

    /** The page's last message offered exactly these quick replies (titles), in order. */
    public ConversationAssert offeredQuickReplies(String... titles) {
        List<String> expected = Arrays.asList(titles);
        Conversation c = awaitThat(conv -> conv.lastReply().map(r -> r.quickReplies().equals(expected)).orElse(false),
                "the last reply to offer quick replies " + expected);
        Objects.requireNonNull(c);
        return this;
    }

    /** The page sent nothing (checked now, without waiting). */
    public ConversationAssert sentNothing() {
        Conversation c = conversation();
        if (!c.outbound().isEmpty()) {
            throw new AssertionFailedError("Expected the page to send nothing\n" + describe(c));
        }
        return this;
    }

    /** Exactly this many messages (not sender actions) were sent, checked once at least that many arrived. */
    public ConversationAssert hasReplyCount(int count) {
        Conversation c = awaitThat(conv -> conv.replies().size() >= count, count + " replies");
        if (c.replies().size() != count) {
            throw new AssertionFailedError("Expected " + count + " replies\n" + describe(c), count, c.replies().size());
        }
        return this;
    }
}
