package io.messengerkit.sample.bot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleBasedBotTest {

    private final RuleBasedBot bot = new RuleBasedBot("Corner Café");

    @Test
    void greetsWithPostbackButtons() {
        BotReply reply = bot.onText("Hello there!");
        assertTrue(reply.text().startsWith("Hi! I'm the Corner Café assistant"));
        assertEquals(List.of(RuleBasedBot.HOURS, RuleBasedBot.PRICES, RuleBasedBot.HUMAN),
                reply.buttons().stream().map(Choice::payload).toList());
        assertTrue(reply.quickReplies().isEmpty());
    }

    @Test
    void answersFaqByKeywordRegardlessOfCaseAndPunctuation() {
        assertTrue(bot.onText("WHEN are you OPEN??").text().contains("Monday to Friday"));
        assertTrue(bot.onText("how much is a cappuccino").text().contains("cappuccino 3.10"));
        assertTrue(bot.onText("do you deliver?").text().contains("within 3 km"));
        assertTrue(bot.onText("what's your address").text().contains("Harbour Street"));
    }

    @Test
    void faqAnswerOffersTheOtherTopicsAsQuickReplies() {
        BotReply reply = bot.onText("opening hours");
        assertEquals(List.of(RuleBasedBot.PRICES, RuleBasedBot.DELIVERY, RuleBasedBot.LOCATION),
                reply.quickReplies().stream().map(Choice::payload).toList());
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        // "opens" is not "open", "shipment" is not "ship": both fall back instead of guessing.
        assertTrue(bot.onText("reopens shipment").text().startsWith("Sorry"));
    }

    @Test
    void fallsBackWithEveryTopicForUnknownText() {
        BotReply reply = bot.onText("qwertz");
        assertTrue(reply.text().startsWith("Sorry, I didn't catch that"));
        assertEquals(4, reply.quickReplies().size());
        assertTrue(bot.onText("   ").text().startsWith("Sorry"));
        assertTrue(bot.onText(null).text().startsWith("Sorry"));
    }

    @Test
    void tappedPayloadsGiveTheSameAnswerAsTyping() {
        assertEquals(bot.onText("prices").text(), bot.onPayload(RuleBasedBot.PRICES).text());
        assertEquals(bot.greeting(), bot.onPayload(RuleBasedBot.GET_STARTED));
        assertTrue(bot.onPayload(RuleBasedBot.HUMAN).text().contains("colleague"));
        assertTrue(bot.onPayload("SOMETHING_ELSE").text().startsWith("Sorry"));
    }

    @Test
    void asksForAPersonWhenTheUserDoes() {
        assertEquals(bot.onPayload(RuleBasedBot.HUMAN), bot.onText("can I talk to a human"));
    }

    @Test
    void thanksForPositiveReactionsOnly() {
        assertEquals("Glad that helped!", bot.onReaction("love", "react").orElseThrow().text());
        assertFalse(bot.onReaction("love", "unreact").isPresent());
        assertFalse(bot.onReaction("angry", "react").isPresent());
        assertFalse(bot.onReaction(null, "react").isPresent());
    }

    @Test
    void repliesRespectMessengerLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Choice("a title longer than twenty", "X"));
        assertThrows(IllegalArgumentException.class,
                () -> new BotReply("t", List.of(new Choice("a", "A")), List.of(new Choice("b", "B"))));
        assertThrows(IllegalArgumentException.class, () -> BotReply.withButtons("x".repeat(641), List.of(new Choice("a", "A"))));
    }
}
