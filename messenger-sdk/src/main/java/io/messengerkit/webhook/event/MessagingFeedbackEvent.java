package io.messengerkit.webhook.event;

import java.util.List;

/**
 * A person answered a customer feedback template ({@code messaging_feedback}, Messenger only).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param screens the answered screens, in body order
 */
public record MessagingFeedbackEvent(Envelope envelope, List<Screen> screens) implements WebhookEvent {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param screens the answered screens, in body order
     */
    public MessagingFeedbackEvent {
        screens = screens == null ? List.of() : List.copyOf(screens);
    }

    /**
     * One screen of the feedback template.
     *
     * @param screenId {@code screen_id}
     * @param answers the answers to its questions, in body order
     */
    public record Screen(long screenId, List<Answer> answers) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param screenId {@code screen_id}
         * @param answers the answers to its questions, in body order
         */
        public Screen {
            answers = answers == null ? List.of() : List.copyOf(answers);
        }
    }

    /**
     * The answer to one question, keyed in the body by the question's id.
     *
     * @param questionId the id the template gave the question
     * @param type the question's type, e.g. {@code csat}, {@code nps}, {@code ces}
     * @param payload the answer; scores arrive as strings ({@code "5"})
     * @param followUpType the follow-up's type, e.g. {@code free_form}, or null without a follow-up
     * @param followUpPayload the follow-up's text, or null without a follow-up
     */
    public record Answer(String questionId, String type, String payload, String followUpType,
            String followUpPayload) {
    }
}
