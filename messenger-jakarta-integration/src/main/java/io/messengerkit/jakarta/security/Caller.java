package io.messengerkit.jakarta.security;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who is calling the management API and which chatbots they may act on.
 *
 * <pre>{@code
 * Caller shop = Caller.of("alice", Set.of("shop-bot"));
 * Caller admin = Caller.operator("ops");
 * Caller byRole = Caller.matching("bob", id -> security.isUserInRole("chatbot:" + id));
 * }</pre>
 */
public final class Caller {
    private final String name;
    private final Predicate<String> chatbots;

    private Caller(String name, Predicate<String> chatbots) {
        this.name = Objects.requireNonNull(name, "name");
        this.chatbots = Objects.requireNonNull(chatbots, "chatbots");
    }

    /**
     * {@return a caller limited to the given chatbots}
     *
     * @param name who the caller is, for logs
     * @param chatbots the chatbots it may act on
     */
    public static Caller of(String name, Set<String> chatbots) {
        Set<String> copy = Set.copyOf(chatbots);
        return new Caller(name, copy::contains);
    }

    /**
     * {@return a caller allowed the chatbots {@code rule} accepts}
     *
     * @param name who the caller is, for logs
     * @param rule accepts the chatbot ids it may act on
     */
    public static Caller matching(String name, Predicate<String> rule) {
        return new Caller(name, rule);
    }

    /**
     * {@return an operator who may act on every chatbot}
     *
     * @param name who the caller is, for logs
     */
    public static Caller operator(String name) {
        return new Caller(name, id -> true);
    }

    /** {@return a name for logs (a principal name or an API key label), never a credential} */
    public String name() {
        return name;
    }

    /**
     * {@return true if this caller may read and change {@code chatbotId}'s account, pages and messages}
     *
     * @param chatbotId the chatbot (tenant) id
     */
    public boolean mayActOn(String chatbotId) {
        return chatbotId != null && chatbots.test(chatbotId);
    }

    @Override
    public String toString() {
        return "Caller[" + name + "]";
    }
}
