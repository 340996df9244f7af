package io.messengerkit.jakarta.reply;

/**
 * A {@link ChatbotResponder} that answers with a {@link ChatbotAnswer}: quick replies,
 * attachments, templates, several messages in order. Register it wherever a
 * {@code ChatbotResponder} is expected.
 *
 * <pre>{@code
 * RichChatbotResponder bot = query -> ChatbotAnswer.text("Pick a size")
 *         .thenTemplate(ButtonTemplate.of("Sizes", Button.postback("S", "SIZE_S"), Button.postback("M", "SIZE_M")));
 * }</pre>
 */
@FunctionalInterface
public interface RichChatbotResponder extends ChatbotResponder {

    @Override
    ChatbotAnswer answer(ChatbotQuery query) throws Exception;

    /** The answer's summary, for callers that only take text. */
    @Override
    default String respond(ChatbotQuery query) throws Exception {
        ChatbotAnswer answer = answer(query);
        return answer == null || answer.isEmpty() ? null : answer.summary();
    }
}
