package io.messengerkit.sample.bot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sample's chatbot brain: a greeting, a few FAQ answers found by keyword, and a fallback that offers
 * the topics it knows. Pure and stateless, so it is easy to read and to test; the handlers in this package
 * connect it to webhook events. Replace this class with your own brain (an NLU service, an LLM, a
 * ticketing system) and keep the handlers.
 *
 * <pre>{@code
 * RuleBasedBot bot = new RuleBasedBot("Corner Café");
 * bot.onText("when are you open?").text();   // "We're open Monday to Friday 8:00-18:00, ..."
 * bot.onPayload(RuleBasedBot.PRICES).text(); // the prices answer, as if the user tapped "Prices"
 * }</pre>
 */
public final class RuleBasedBot {

    /** Payload of the Get Started button and of "Main menu" taps. */
    public static final String GET_STARTED = "GET_STARTED";
    public static final String HOURS = "FAQ_HOURS";
    public static final String PRICES = "FAQ_PRICES";
    public static final String DELIVERY = "FAQ_DELIVERY";
    public static final String LOCATION = "FAQ_LOCATION";
    public static final String HUMAN = "TALK_TO_HUMAN";

    private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "hiya", "howdy", "yo", "hallo",
            "bonjour", "hola", "morning", "evening", "start", "menu");

    private record Faq(String payload, String title, Set<String> keywords, String answer) {
    }

    private final String shopName;
    private final List<Faq> faqs;

    /** @param shopName the business the bot speaks for, used in the greeting */
    public RuleBasedBot(String shopName) {
        this.shopName = shopName;
        this.faqs = List.of(
                new Faq(HOURS, "Opening hours", Set.of("hours", "open", "opening", "close", "closing", "closed", "when"),
                        "We're open Monday to Friday 8:00-18:00 and Saturday 9:00-14:00. Closed on Sundays."),
                new Faq(PRICES, "Prices", Set.of("price", "prices", "cost", "costs", "how much", "menu card", "expensive", "cheap"),
                        "Espresso 2.20, cappuccino 3.10, filter coffee 2.60, pastries from 2.00. Oat milk is free."),
                new Faq(DELIVERY, "Delivery", Set.of("delivery", "deliver", "shipping", "ship", "takeaway", "order"),
                        "We deliver within 3 km from 10:00 to 16:00. Orders over 15.00 ship free."),
                new Faq(LOCATION, "Where are you?", Set.of("where", "address", "location", "directions", "find you"),
                        "12 Harbour Street, next to the library. Bus 4 stops right outside."));
    }

    /** Answers a text the user typed. */
    public BotReply onText(String text) {
        String normalized = normalize(text);
        if (normalized.isEmpty()) {
            return fallback();
        }
        Set<String> words = Arrays.stream(normalized.split(" ")).collect(Collectors.toSet());
        if (words.contains("human") || words.contains("person") || words.contains("agent") || words.contains("someone")) {
            return onPayload(HUMAN);
        }
        for (Faq faq : faqs) {
            for (String keyword : faq.keywords()) {
                boolean hit = keyword.contains(" ") ? (" " + normalized + " ").contains(" " + keyword + " ") : words.contains(keyword);
                if (hit) {
                    return answer(faq);
                }
            }
        }
        if (words.stream().anyMatch(GREETINGS::contains) || normalized.startsWith("good ")) {
            return greeting();
        }
        if (words.contains("thanks") || words.contains("thank") || words.contains("thx")) {
            return BotReply.text("You're welcome! Anything else, just ask.");
        }
        return fallback();
    }

    /** Answers a tapped postback button or quick reply, identified by its payload. */
    public BotReply onPayload(String payload) {
        if (GET_STARTED.equals(payload)) {
            return greeting();
        }
        if (HUMAN.equals(payload)) {
            return BotReply.text("I've asked a colleague to take over. Someone from " + shopName
                    + " will answer here during opening hours.");
        }
        return faqs.stream().filter(f -> f.payload().equals(payload)).findFirst()
                .map(this::answer)
                .orElseGet(this::fallback);
    }

    /**
     * Answers a reaction to one of the page's messages: a thank-you for a new positive reaction, nothing for
     * others or for taking a reaction back.
     *
     * @param reaction Meta's reaction name, such as {@code love} or {@code like}
     * @param action   {@code react} or {@code unreact}
     */
    public Optional<BotReply> onReaction(String reaction, String action) {
        if (!"react".equals(action)) {
            return Optional.empty();
        }
        return switch (reaction == null ? "" : reaction) {
            case "love", "like", "smile", "wow" -> Optional.of(BotReply.text("Glad that helped!"));
            default -> Optional.empty();
        };
    }

    /**
     * The welcome message, with the main topics as postback buttons. Its text stands on its own, because a
     * text-only channel (the responder interface) sends it without the buttons.
     */
    public BotReply greeting() {
        return BotReply.withButtons("Hi! I'm the " + shopName + " assistant. Ask me about opening hours, prices, "
                        + "delivery or where to find us.",
                List.of(new Choice("Opening hours", HOURS), new Choice("Prices", PRICES), new Choice("Talk to a person", HUMAN)));
    }

    private BotReply answer(Faq faq) {
        List<Choice> others = faqs.stream().filter(f -> f != faq).map(f -> new Choice(f.title(), f.payload())).toList();
        return BotReply.withQuickReplies(faq.answer(), others);
    }

    private BotReply fallback() {
        return BotReply.withQuickReplies("Sorry, I didn't catch that. I can help with these:",
                faqs.stream().map(f -> new Choice(f.title(), f.payload())).toList());
    }

    private static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
