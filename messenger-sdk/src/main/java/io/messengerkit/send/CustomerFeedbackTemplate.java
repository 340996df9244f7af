package io.messengerkit.send;

import java.util.Objects;

/**
 * A customer feedback survey ({@code template_type: customer_feedback}): one screen with one
 * question, an optional free-text follow-up, and the business's privacy policy. It is the only
 * message the {@code CUSTOMER_FEEDBACK} tag allows, up to 7 days after the person's last message.
 * Answers arrive as {@code messaging_feedback} webhooks.
 *
 * @param title at most 65 characters
 * @param subtitle at most 80 characters, or null
 * @param buttonTitle at most 20 characters
 * @param question the question
 * @param businessPrivacyUrl the privacy policy, required
 * @param expiresInDays 1 to 7
 */
public record CustomerFeedbackTemplate(String title, String subtitle, String buttonTitle, Question question,
        String businessPrivacyUrl, int expiresInDays) implements Template {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param title at most 65 characters
     * @param subtitle at most 80 characters, or null
     * @param buttonTitle at most 20 characters
     * @param question the question
     * @param businessPrivacyUrl the privacy policy
     * @param expiresInDays 1 to 7
     */
    public CustomerFeedbackTemplate {
        Limits.max(Limits.required(title, "feedback title"), Limits.FEEDBACK_TITLE, "feedback title");
        Limits.max(subtitle, Limits.ELEMENT_SUBTITLE, "feedback subtitle");
        Limits.max(Limits.required(buttonTitle, "feedback button_title"), Limits.BUTTON_TITLE, "feedback button_title");
        Objects.requireNonNull(question, "question");
        Limits.required(businessPrivacyUrl, "business_privacy url");
        if (!businessPrivacyUrl.startsWith("https://") && !businessPrivacyUrl.startsWith("http://")) {
            throw new InvalidMessageException("business_privacy url must be http(s)");
        }
        if (expiresInDays < 1 || expiresInDays > 7) {
            throw new InvalidMessageException("expires_in_days must be 1 to 7, got " + expiresInDays);
        }
    }

    /**
     * {@return a survey expiring after one day}
     *
     * @param title at most 65 characters
     * @param buttonTitle at most 20 characters
     * @param question the question
     * @param businessPrivacyUrl the privacy policy
     */
    public static CustomerFeedbackTemplate of(String title, String buttonTitle, Question question,
            String businessPrivacyUrl) {
        return new CustomerFeedbackTemplate(title, null, buttonTitle, question, businessPrivacyUrl, 1);
    }

    /** The scoring standard of the question. */
    public enum ScoreType {
        /** Customer satisfaction, 1 to 5. */
        CSAT,
        /** Net promoter score, 0 to 10. */
        NPS,
        /** Customer effort score, 1 to 7. */
        CES,
        /** Free text only. */
        FREE_FORM
    }

    /**
     * The survey's question.
     *
     * @param id letters, digits and {@code _}, at most 80 characters
     * @param type the score type
     * @param title a custom question text, or null for Meta's default
     * @param scoreLabel e.g. {@code neg_pos}, or null
     * @param scoreOption e.g. {@code five_stars}, or null
     * @param followUpPlaceholder when set, a free-text follow-up (at most 400 characters) with this placeholder
     */
    public record Question(String id, ScoreType type, String title, String scoreLabel, String scoreOption,
            String followUpPlaceholder) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param id letters, digits and {@code _}, at most 80 characters
         * @param type the score type
         * @param title or null
         * @param scoreLabel or null
         * @param scoreOption or null
         * @param followUpPlaceholder or null
         */
        public Question {
            if (id == null || !id.matches("[A-Za-z0-9_]{1,80}")) {
                throw new InvalidMessageException("a feedback question id is 1 to 80 letters, digits or '_'");
            }
            Objects.requireNonNull(type, "type");
        }

        /**
         * {@return a question of the given type with Meta's default wording}
         *
         * @param id the question id
         * @param type the score type
         */
        public static Question of(String id, ScoreType type) {
            return new Question(id, type, null, null, null, null);
        }

        /**
         * {@return this question followed by a free-text box}
         *
         * @param placeholder the box's placeholder
         */
        public Question withFollowUp(String placeholder) {
            return new Question(id, type, title, scoreLabel, scoreOption, placeholder);
        }
    }

    @Override
    public String templateType() {
        return "customer_feedback";
    }
}
