package io.messengerkit.send;

import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Meta's messaging window, checked before a send instead of learnt from error 10/2018278 after it.
 *
 * <p>Record the webhooks that open the window with {@link #record(WebhookEvent)} (messages, quick
 * replies, postbacks, referrals, opt-ins, reactions; echoes never count), and send through
 * {@link #guard(String, PageMessenger)}. Then, for a person ({@link Recipient#psid PSID}):
 * <ul>
 *   <li>within 24 hours of their last interaction any messaging type is allowed;</li>
 *   <li>after that, the {@link MessageTag#HUMAN_AGENT} tag is allowed up to 7 days when the
 *       application {@linkplain Builder#humanAgentEnabled enables it} (it needs Meta's App Review);</li>
 *   <li>the {@link MessageTag#CUSTOMER_FEEDBACK} tag is allowed up to 7 days, on a
 *       {@link CustomerFeedbackTemplate} only;</li>
 *   <li>anything else throws {@link MessagingWindowClosedException} before any Graph call.</li>
 * </ul>
 * Other tags are left for Meta to judge. Sender actions and recipients other than a PSID (comment
 * private replies, {@code user_ref}) are not checked. {@link Mode#WARN} logs instead of refusing;
 * {@link Mode#OFF} checks nothing.
 */
public final class MessagingWindowPolicy {
    /** The standard messaging window. */
    public static final Duration STANDARD_WINDOW = Duration.ofHours(24);
    /** How long HUMAN_AGENT and CUSTOMER_FEEDBACK allow sending after the last interaction. */
    public static final Duration TAG_WINDOW = Duration.ofDays(7);
    private static final System.Logger LOG = System.getLogger("io.messengerkit.send.window");

    /** What the policy does with a send it would refuse. */
    public enum Mode {
        /** Throw {@link MessagingWindowClosedException} (the default). */
        ENFORCE,
        /** Log a warning and send anyway; Meta will likely refuse it. */
        WARN,
        /** Do not check. */
        OFF
    }

    private final ConversationWindowStore store;
    private final Mode mode;
    private final boolean humanAgentEnabled;
    private final Clock clock;

    private MessagingWindowPolicy(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.mode = b.mode;
        this.humanAgentEnabled = b.humanAgentEnabled;
        this.clock = b.clock;
    }

    /** {@return a builder: in-memory store, enforce mode, HUMAN_AGENT off, UTC clock} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the store} */
    public ConversationWindowStore store() {
        return store;
    }

    /** {@return the mode} */
    public Mode mode() {
        return mode;
    }

    /**
     * Records the interaction if the event opens the window; does nothing for other events.
     *
     * @param event a webhook event
     * @return true when it was recorded
     */
    public boolean record(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        boolean opens = event instanceof MessageEvent || event instanceof PostbackEvent
                || event instanceof ReferralEvent || event instanceof OptinEvent
                || (event instanceof ReactionEvent r && r.isReact());
        String psid = event.senderId();
        if (!opens || psid == null || event.pageId() == null) {
            return false;
        }
        Instant at = event.timestamp() > 0 ? Instant.ofEpochMilli(event.timestamp()) : clock.instant();
        store.recordInbound(event.pageId(), psid, at);
        return true;
    }

    /**
     * Checks a send; returns normally when it is allowed (or only warned about).
     *
     * @param pageId the page sending
     * @param request the send
     * @throws MessagingWindowClosedException in {@link Mode#ENFORCE} when the window forbids it
     */
    public void check(String pageId, SendRequest request) {
        Objects.requireNonNull(request, "request");
        if (mode == Mode.OFF || request.recipient().id() == null) {
            return;
        }
        MessagingWindowClosedException refusal = refusal(Objects.requireNonNull(pageId, "pageId"), request);
        if (refusal == null) {
            return;
        }
        if (mode == Mode.WARN) {
            LOG.log(System.Logger.Level.WARNING, "sending despite the messaging window: {0}", refusal.getMessage());
            return;
        }
        throw refusal;
    }

    private MessagingWindowClosedException refusal(String pageId, SendRequest request) {
        Optional<Instant> last = store.lastInbound(pageId, request.recipient().id());
        Instant now = clock.instant();
        Duration age = last.map(l -> Duration.between(l, now)).orElse(null);
        if (age != null && age.compareTo(STANDARD_WINDOW) <= 0) {
            return null;
        }
        Instant at = last.orElse(null);
        String since = age == null ? "no interaction with this person is recorded"
                : "the person last interacted " + age.toHours() + " h ago";
        MessageTag tag = request.tag();
        if (MessageTag.HUMAN_AGENT.equals(tag)) {
            if (!humanAgentEnabled) {
                return new MessagingWindowClosedException(MessagingWindowClosedException.Reason.HUMAN_AGENT_NOT_ENABLED,
                        at, "HUMAN_AGENT is not enabled for this application (it needs Meta's Human Agent"
                        + " feature); " + since);
            }
            return age != null && age.compareTo(TAG_WINDOW) <= 0 ? null : new MessagingWindowClosedException(
                    age == null ? MessagingWindowClosedException.Reason.NO_INBOUND_RECORDED
                            : MessagingWindowClosedException.Reason.TAG_WINDOW_CLOSED, at,
                    "HUMAN_AGENT allows 7 days after the person's last interaction; " + since);
        }
        if (MessageTag.CUSTOMER_FEEDBACK.equals(tag)) {
            boolean feedback = request.message().attachment() instanceof TemplateAttachment t
                    && t.template() instanceof CustomerFeedbackTemplate;
            if (!feedback) {
                return new MessagingWindowClosedException(
                        MessagingWindowClosedException.Reason.TAG_NOT_ALLOWED_FOR_MESSAGE, at,
                        "CUSTOMER_FEEDBACK allows only the customer feedback template");
            }
            return age != null && age.compareTo(TAG_WINDOW) <= 0 ? null : new MessagingWindowClosedException(
                    age == null ? MessagingWindowClosedException.Reason.NO_INBOUND_RECORDED
                            : MessagingWindowClosedException.Reason.TAG_WINDOW_CLOSED, at,
                    "CUSTOMER_FEEDBACK allows 7 days after the person's last interaction; " + since);
        }
        if (tag != null) {
            return null; // a tag this policy does not know: Meta decides
        }
        return new MessagingWindowClosedException(age == null ? MessagingWindowClosedException.Reason.NO_INBOUND_RECORDED
                : MessagingWindowClosedException.Reason.WINDOW_CLOSED, at,
                "outside the 24-hour messaging window: " + since
                        + (humanAgentEnabled ? "; a human agent may answer with the HUMAN_AGENT tag" : ""));
    }

    /**
     * {@return a messenger that checks every send against this policy before calling Graph}
     *
     * @param pageId the id of the page whose token {@code messenger} holds
     * @param messenger the messenger to guard
     */
    public PageMessenger guard(String pageId, PageMessenger messenger) {
        return new WindowGuardedMessenger(this, Objects.requireNonNull(pageId, "pageId"),
                Objects.requireNonNull(messenger, "messenger"));
    }

    /** Builds a {@link MessagingWindowPolicy}. */
    public static final class Builder {
        private ConversationWindowStore store = new InMemoryConversationWindowStore();
        private Mode mode = Mode.ENFORCE;
        private boolean humanAgentEnabled;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param windowStore where interactions are kept; default in memory
         */
        public Builder store(ConversationWindowStore windowStore) {
            this.store = Objects.requireNonNull(windowStore, "windowStore");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param value enforce (default), warn or off
         */
        public Builder mode(Mode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param enabled whether the app has Meta's Human Agent feature, allowing HUMAN_AGENT for 7 days
         */
        public Builder humanAgentEnabled(boolean enabled) {
            this.humanAgentEnabled = enabled;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param time the clock; default UTC system clock
         */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "clock");
            return this;
        }

        /** {@return the policy} */
        public MessagingWindowPolicy build() {
            return new MessagingWindowPolicy(this);
        }
    }
}
