package io.messengerkit.jakarta.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling the management API and which chatbots they may act on.
 *
 * @param name a name for logs (a principal name or an API key label), never a credential
 * @param allChatbots true for an operator who may act on every chatbot
 * @param chatbots the chatbots this caller may act on (ignored when {@code allChatbots})
 */
public record Caller(String name, boolean allChatbots, Set<String> chatbots) {
    public Caller {
        Objects.requireNonNull(name, "name");
        chatbots = chatbots == null ? Set.of() : Set.copyOf(chatbots);
    }

    /** A caller limited to the given chatbots. */
    public static Caller of(String name, Set<String> chatbots) {
        return new Caller(name, false, chatbots);
    }

    /** An operator who may act on every chatbot. */
    public static Caller operator(String name) {
        return new Caller(name, true, Set.of());
    }

    /** True if this caller may read and change {@code chatbotId}'s account, pages and messages. */
    public boolean mayActOn(String chatbotId) {
        return allChatbots || chatbots.contains(chatbotId);
    }
}
