package io.messengerkit.jakarta.error;

import java.util.Objects;

/** The caller is authenticated, but may not act on this chatbot. */
public final class AccessDeniedException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** The chatbot the caller asked for. */
    private final String chatbotId;

    /**
     * The caller may not act on {@code chatbotId}.
     *
     * @param chatbotId the chatbot (tenant) the caller asked for
     */
    public AccessDeniedException(String chatbotId) {
        super("These credentials may not act on chatbot '" + chatbotId + "'.");
        this.chatbotId = Objects.requireNonNull(chatbotId, "chatbotId");
    }

    /** {@return the chatbot the caller asked for} */
    public String chatbotId() {
        return chatbotId;
    }
}
