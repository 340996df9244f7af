package io.messengerkit.testkit.emulator;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one conversation (a page and a person's page-scoped id) as the emulator recorded
 * it: what the person wrote and everything the page sent, in order.
 *
 * @param pageId the page
 * @param psid the person's page-scoped id
 * @param entries the steps in order
 */
public record Conversation(String pageId, String psid, List<TranscriptEntry> entries) {

    public Conversation {
        entries = List.copyOf(entries);
    }

    /** What the page sent (messages and sender actions), in order. */
    public List<TranscriptEntry> outbound() {
        return entries.stream().filter(e -> e.direction() == TranscriptEntry.Direction.OUTBOUND).toList();
    }

    /** The texts of the page's messages, in order. */
    public List<String> replies() {
        return entries.stream().filter(TranscriptEntry::isReply).map(TranscriptEntry::text).toList();
    }

    /** The page's last message, if any. */
    public Optional<TranscriptEntry> lastReply() {
        List<TranscriptEntry> replies = entries.stream().filter(TranscriptEntry::isReply).toList();
        return replies.isEmpty() ? Optional.empty() : Optional.of(replies.get(replies.size() - 1));
    }
}
