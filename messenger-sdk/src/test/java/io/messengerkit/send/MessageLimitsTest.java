package io.messengerkit.send;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {

    private static void rejects(String expectedInMessage, org.junit.jupiter.api.function.Executable build) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, build);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void rejectsMoreThanThirteenQuickReplies() {
        List<QuickReply> fourteen = Collections.nCopies(14, QuickReply.text("A", "A"));
        rejects("quick replies", () -> Message.text("hi").withQuickReplies(fourteen));
        assertDoesNotThrow(() -> Message.text("hi").withQuickReplies(fourteen.subList(0, 13)));
    }

    @Test
    void rejectsQuickReplyTitleOverTwentyCharacters() {
        rejects("quick reply title", () -> QuickReply.text("x".repeat(21), "P"));
        rejects("quick reply payload", () -> QuickReply.text("ok", "p".repeat(1001)));
    }

    @Test
    void rejectsButtonTitleOverTwentyAndMoreThanThreeButtons() {
        rejects("button title", () -> Button.postback("x".repeat(21), "P"));
        Button b = Button.postback("A", "A");
        rejects("buttons", () -> ButtonTemplate.of("text", b, b, b, b));
        rejects("button template text", () -> ButtonTemplate.of("t".repeat(641), b));
    }

    @Test
    void rejectsMoreThanTenCardsAndLongTitles() {
        GenericTemplate.Element e = new GenericTemplate.Element("T", "S", null, null, List.of());
        rejects("elements", () -> new GenericTemplate(Collections.nCopies(11, e), false));
        rejects("element title", () -> new GenericTemplate.Element("t".repeat(81), "S", null, null, List.of()));
        rejects("besides its title", () -> new GenericTemplate.Element("T", null, null, null, List.of()));
    }

    @Test
    void requiresATagExactlyWithMessageTag() {
        Message m = Message.text("hi");
        rejects("needs a tag", () -> new SendRequest(Recipient.psid("1"), MessagingType.MESSAGE_TAG, null, m, null, null, null));
        rejects("only with", () -> new SendRequest(Recipient.psid("1"), MessagingType.UPDATE, MessageTag.HUMAN_AGENT, m,
                null, null, null));
        assertDoesNotThrow(() -> SendRequest.to("1", m).withTag(MessageTag.of("SOME_NEW_TAG")));
    }

    @Test
    void rejectsEmptyMessagesAndBadAttachments() {
        rejects("exactly one", () -> new Message(null, null, List.of(), null));
        rejects("blank", () -> Message.text("  "));
        rejects("http", () -> Attachment.image("file:///etc/passwd"));
        rejects("metadata", () -> Message.text("x").withMetadata("m".repeat(1001)));
    }
}
