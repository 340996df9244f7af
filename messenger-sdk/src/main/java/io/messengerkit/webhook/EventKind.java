package io.messengerkit.webhook;

import static io.messengerkit.webhook.EventBody.attachments;
import static io.messengerkit.webhook.EventBody.count;
import static io.messengerkit.webhook.EventBody.fields;
import static io.messengerkit.webhook.EventBody.flag;
import static io.messengerkit.webhook.EventBody.inner;
import static io.messengerkit.webhook.EventBody.number;
import static io.messengerkit.webhook.EventBody.optionalNumber;
import static io.messengerkit.webhook.EventBody.referral;
import static io.messengerkit.webhook.EventBody.replyTo;
import static io.messengerkit.webhook.EventBody.text;
import static io.messengerkit.webhook.EventBody.texts;

import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.webhook.DeduplicationKeys.Digest;
import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The kinds of webhook event, one per event record: the key each arrives under in a
 * {@code messaging[]} (or {@code standby[]}) item, the page subscription field that brings it, and
 * its record type.
 *
 * <p>Each kind is also the single place that says how its body is read by {@link WebhookParser}, how
 * its events are keyed for de-duplication, and which handlers {@link WebhookDispatcher} gives them
 * to; the testkit builds its events from the same table. A new kind of event is its record plus one
 * constant here.
 */
public enum EventKind {
    /** A message a person sent ({@code message} without {@code is_echo}), quick-reply taps included. */
    MESSAGE(kind("message", "messages", MessageEvent.class)
            .body(fields(text("mid"), text("text"), inner("quick_reply", "payload"), replyTo("reply_to"),
                            attachments("attachments"), flag("is_echo"), text("app_id"), text("metadata"),
                            flag("is_deleted"), flag("is_unsupported"), referral("referral")),
                    (envelope, v) -> v.flag(5)
                            ? new EchoEvent(envelope, v.text(0), v.text(1), v.text(6), v.text(7), v.attachments(4))
                            : new MessageEvent(envelope, v.text(0), v.text(1), v.text(2), v.text(3), v.attachments(4),
                                    v.flag(8), v.flag(9), v.referralOrItems(10), v.story()))
            // An Instagram deletion notice carries the deleted message's mid: key it apart from the message.
            .key(byId("m", m -> m.deleted() && m.mid() != null ? m.mid() + ":deleted" : m.mid()),
                    (m, d) -> d.add(m.text()).add(m.quickReplyPayload())
                    .add(m.replyToMid()).add(attachmentsKey(m.attachments())))),

    /**
     * The echo of a message the page sent: a {@code message} with {@code is_echo: true}, read by
     * {@link #MESSAGE}'s body. Echoes reach only echo handlers, so a bot never answers itself.
     */
    ECHO(kind("message", "message_echoes", EchoEvent.class)
            .route(Route.ECHO)
            .needs(Party.RECIPIENT)
            .key(byId("e", EchoEvent::mid), (e, d) -> d.add(e.text()).add(e.appId()).add(e.metadata())
                    .add(attachmentsKey(e.attachments())))),

    /** A postback button, Get Started, persistent menu item or ice breaker was tapped. */
    POSTBACK(kind("postback", "messaging_postbacks", PostbackEvent.class)
            .body(fields(text("mid"), text("title"), text("payload"), referral("referral")),
                    (envelope, v) -> new PostbackEvent(envelope, v.text(0), v.text(1), v.text(2), v.referralOrItems(3)))
            .key(byId("p", PostbackEvent::mid),
                    (p, d) -> digestReferral(d.add(p.title()).add(p.payload()), p.referral()))),

    /**
     * A person who already has a thread came through an m.me link, an ad or a plugin. A
     * {@code referral} beside a message or postback in the same item belongs to that event instead.
     */
    REFERRAL(kind("referral", "messaging_referrals", ReferralEvent.class)
            .needs(Party.SENDER_OR_USER_REF)
            .accompanying((in, value, key, out) -> out.itemReferral(EventBody.referral(in, value, null, key)),
                    (envelope, v) -> new ReferralEvent(envelope, v.itemReferral()))
            .key((r, d) -> digestReferral(d, r.referral()))),

    /** Messages reached the person's device. */
    DELIVERY(kind("delivery", "message_deliveries", DeliveryEvent.class)
            .body(fields(number("watermark"), texts("mids")),
                    (envelope, v) -> new DeliveryEvent(envelope, v.texts(1), v.number(0)))
            .key(r -> DeduplicationKeys.receipt("v", r, r.watermark()), (r, d) -> {
                d.add(r.watermark());
                r.mids().forEach(d::add);
            })),

    /** The person read the page's messages up to a watermark. */
    READ(kind("read", "message_reads", ReadEvent.class)
            .body(fields(number("watermark"), text("mid")),
                    (envelope, v) -> new ReadEvent(envelope, v.number(0), v.text(1)))
            .key(r -> r.mid() == null ? DeduplicationKeys.receipt("r", r, r.watermark()) : null,
                    (r, d) -> d.add(r.watermark()).add(r.mid()))),

    /** A reaction to a message, or its removal. */
    REACTION(kind("reaction", "message_reactions", ReactionEvent.class)
            .body(fields(text("reaction"), text("emoji"), text("action"), text("mid")),
                    (envelope, v) -> new ReactionEvent(envelope, v.text(0), v.text(1), v.text(2), v.text(3)))
            .key((r, d) -> d.add(r.mid()).add(r.action()).add(r.reaction()).add(r.emoji()))),

    /** A plugin or marketing-message opt-in (or its change). */
    OPTIN(kind("optin", "messaging_optins", OptinEvent.class)
            .needs(Party.NONE)
            .body(fields(text("type"), text("ref"), text("user_ref"), text("payload"), text("title"),
                            text("notification_messages_token"), text("notification_messages_timezone"),
                            text("notification_messages_status"), optionalNumber("token_expiry_timestamp"),
                            text("user_token_status"), text("one_time_notif_token")),
                    (envelope, v) -> new OptinEvent(envelope, v.text(0), v.text(1), v.text(2), v.text(3), v.text(4),
                            v.text(5), v.text(6), v.text(7), v.optionalNumber(8), v.text(9), v.text(10)))
            .key((o, d) -> d.add(o.type()).add(o.ref()).add(o.userRef()).add(o.payload())
                    .add(o.notificationMessagesToken()).add(o.notificationMessagesStatus()).add(o.userTokenStatus())
                    .add(String.valueOf(o.tokenExpiryTimestamp())).add(o.oneTimeNotifToken()))),

    /** An account was linked or unlinked. */
    ACCOUNT_LINKING(kind("account_linking", "messaging_account_linking", AccountLinkingEvent.class)
            .body(fields(text("status"), text("authorization_code")),
                    (envelope, v) -> new AccountLinkingEvent(envelope, v.text(0), v.text(1)))
            .key((a, d) -> d.add(a.status()).add(a.authorizationCode()))),

    /** A person edited a message. */
    MESSAGE_EDIT(kind("message_edit", "message_edits", MessageEditEvent.class)
            .body(fields(text("mid"), text("text"), count("num_edit")),
                    (envelope, v) -> new MessageEditEvent(envelope, v.text(0), v.text(1), (int) v.number(2)))
            .key(x -> x.mid() == null ? null : DeduplicationKeys.withId("x", x.mid() + ":" + x.numEdit()),
                    (x, d) -> d.add(x.text()).add(x.numEdit()))),

    /** Thread control was passed to this app. */
    PASS_THREAD_CONTROL(kind("pass_thread_control", "messaging_handovers", PassThreadControlEvent.class)
            .body(EventBody.HANDOVER,
                    (envelope, v) -> new PassThreadControlEvent(envelope, v.text(0), v.text(1), v.text(3)))
            .key((h, d) -> d.add(h.newOwnerAppId()).add(h.previousOwnerAppId()).add(h.metadata()))),

    /** Thread control was taken from this app. */
    TAKE_THREAD_CONTROL(kind("take_thread_control", "messaging_handovers", TakeThreadControlEvent.class)
            .body(EventBody.HANDOVER,
                    (envelope, v) -> new TakeThreadControlEvent(envelope, v.text(1), v.text(0), v.text(3)))
            .key((h, d) -> d.add(h.previousOwnerAppId()).add(h.newOwnerAppId()).add(h.metadata()))),

    /** Another app asks for thread control. */
    REQUEST_THREAD_CONTROL(kind("request_thread_control", "messaging_handovers", RequestThreadControlEvent.class)
            .body(EventBody.HANDOVER,
                    (envelope, v) -> new RequestThreadControlEvent(envelope, v.text(2), v.text(3)))
            .key((h, d) -> d.add(h.requestedOwnerAppId()).add(h.metadata()))),

    /** The page's handover app roles changed. */
    APP_ROLES(kind("app_roles", "messaging_handovers", AppRolesEvent.class)
            .needs(Party.NONE)
            .body((in, value, key, out) -> out.set(0, in.stringsByName(value, null, key)),
                    (envelope, v) -> new AppRolesEvent(envelope, v.get(0)))
            .key((r, d) -> d.add(new TreeMap<>(r.roles()).toString()))),

    /** Meta blocked or unblocked the page's messaging; Meta spells the key with a hyphen. */
    POLICY_ENFORCEMENT(kind("policy-enforcement", "messaging_policy_enforcement", PolicyEnforcementEvent.class)
            .alsoUnder("policy_enforcement")
            .needs(Party.NONE)
            .body(fields(text("action"), text("reason")),
                    (envelope, v) -> new PolicyEnforcementEvent(envelope, v.text(0), v.text(1)))
            .key((p, d) -> d.add(p.action()).add(p.reason()))),

    /** A person answered a customer feedback template (Messenger only). */
    MESSAGING_FEEDBACK(kind("messaging_feedback", "messaging_feedback", MessagingFeedbackEvent.class)
            .body(EventBody::feedback, (envelope, v) -> new MessagingFeedbackEvent(envelope, v.get(0)))
            .key((f, d) -> d.add(String.valueOf(f.screens())))),

    /**
     * An item of an entry's {@code changes[]} (page feed, App Dashboard tests): not messaging, so it
     * reaches only change handlers. No item key; its subscription field varies ({@link ChangeEvent#field()}).
     */
    CHANGE(kind(null, null, ChangeEvent.class)
            .route(Route.OWN_HANDLERS_ONLY)
            .needs(Party.NONE)
            .key((c, d) -> d.add(c.field()).add(c.valueJson()))),

    /**
     * An event this SDK does not model, kept whole: an unknown key, or an item with nothing besides
     * its envelope. No key or subscription field of its own.
     */
    UNKNOWN(kind(null, null, UnknownEvent.class)
            .needs(Party.NONE)
            .key((u, d) -> d.add(u.type()).add(u.rawJson()))),

    /**
     * An item whose shape is broken, kept raw in its place. Never given to a handler: it goes to the
     * dispatcher's error hook.
     */
    UNPARSEABLE(kind(null, null, UnparseableEvent.class)
            .route(Route.ERROR_HOOK)
            .needs(Party.NONE)
            .key((u, d) -> d.add(u.rawJson())));

    /** Where the dispatcher sends a kind's events (standby events aside, which go to standby handlers). */
    enum Route {
        /** To the handlers registered for the kind's type, or else to the catch-all handlers. */
        TYPED,
        /** To the echo handlers; to the catch-all only when there are none and echo filtering is off. */
        ECHO,
        /** To no handler: to the error hook. */
        ERROR_HOOK,
        /** To the handlers registered for the kind's type only: never the catch-all or standby handlers. */
        OWN_HANDLERS_ONLY,
    }

    /**
     * Who an event of a kind must name to mean anything; an item without it is unparseable. Most
     * kinds come from a person ({@code sender.id}); an echo goes to one ({@code recipient.id}).
     */
    enum Party {
        /** {@code sender.id}. */
        SENDER,
        /** {@code sender.id} or {@code sender.user_ref} (plugin referrals of people without a PSID yet). */
        SENDER_OR_USER_REF,
        /** {@code recipient.id}. */
        RECIPIENT,
        /** Nobody: page-level events, opt-ins (which may carry their user_ref in the body). */
        NONE;

        /** {@return why an event with this envelope is unusable, or null when it names whom it must} */
        String missingFrom(Envelope e) {
            return switch (this) {
                case SENDER -> e.senderId() == null ? "has no sender.id" : null;
                case SENDER_OR_USER_REF -> e.senderId() == null && e.senderUserRef() == null
                        ? "has no sender.id or sender.user_ref" : null;
                case RECIPIENT -> e.recipientId() == null ? "has no recipient.id" : null;
                case NONE -> null;
            };
        }
    }

    private static final Map<Class<? extends WebhookEvent>, EventKind> BY_TYPE = indexByType();
    private static final Map<String, EventKind> BY_KEY = indexByKey();

    private final String key;
    private final String alias;
    private final String subscriptionField;
    private final Class<? extends WebhookEvent> eventType;
    private final String typeName;
    private final Route route;
    private final Party needs;
    private final boolean accompanying;
    private final EventBody.Reader body;
    private final BiFunction<Envelope, EventBody.Values, WebhookEvent> build;
    private final Function<WebhookEvent, String> directKey;
    private final BiConsumer<WebhookEvent, Digest> keyContent;
    private final String tag = name().toLowerCase(Locale.ROOT);

    EventKind(Row<?> row) {
        this.key = row.key;
        this.alias = row.alias;
        this.subscriptionField = row.subscriptionField;
        this.eventType = row.type;
        this.typeName = row.type.getSimpleName();
        this.route = row.route;
        this.needs = row.needs;
        this.accompanying = row.accompanying;
        this.body = row.body;
        this.build = row.build;
        this.directKey = row.untypedDirectKey();
        this.keyContent = row.untypedKeyContent();
    }

    /**
     * The key the event arrives under in a {@code messaging[]} item, as in
     * {@code {"sender":...,"message":{...}}}; {@code message} for both {@link #MESSAGE} and
     * {@link #ECHO}; null for {@link #UNKNOWN} and {@link #UNPARSEABLE}.
     *
     * @return the item key, or null
     */
    public String field() {
        return key;
    }

    /**
     * The webhook field a page must be subscribed to for Meta to send these events (Messenger's
     * {@code subscribed_fields}); null for {@link #UNKNOWN} and {@link #UNPARSEABLE}.
     *
     * @return the subscription field, or null
     */
    public String subscriptionField() {
        return subscriptionField;
    }

    /**
     * The kind as metrics name it: the constant in lower case ({@code message}, {@code message_edit},
     * {@code unparseable}), a fixed set, so it keeps a metric's tags bounded.
     */
    String tag() {
        return tag;
    }

    /** {@return the record type of this kind's events} */
    public Class<? extends WebhookEvent> eventType() {
        return eventType;
    }

    /**
     * {@return the kind of an event}
     *
     * @param event any event
     */
    public static EventKind of(WebhookEvent event) {
        return BY_TYPE.get(event.getClass());
    }

    /** {@return the kind whose records are of this type, or null for a type that is not an event record} */
    static EventKind ofType(Class<?> type) {
        return BY_TYPE.get(type);
    }

    /** {@return the kind whose body arrives under this item key, or null when the SDK does not model it} */
    static EventKind ofKey(String itemKey) {
        return BY_KEY.get(itemKey);
    }

    Route route() {
        return route;
    }

    /** {@return whom an event of this kind must name (sender or recipient)} */
    Party needs() {
        return needs;
    }

    /**
     * Whether this kind's key may sit beside another event in the same item and then belongs to it
     * (a {@code referral} beside a message from an ad): it is read whether or not the item already
     * has an event, and becomes the event only when it has none.
     */
    boolean accompanying() {
        return accompanying;
    }

    /** Reads this kind's body, the token just reached, into {@code out}. */
    void readBody(JsonCursor in, JsonToken value, EventBody.Values out) throws IOException, BadEvent {
        body.read(in, value, key, out);
    }

    /** Builds the event from the body read last and the item's envelope. */
    WebhookEvent build(Envelope envelope, EventBody.Values values) {
        return build.apply(envelope, values);
    }

    /** The key that names this very event (its message id, a read receipt), or null to use the digest. */
    String directKey(WebhookEvent event) {
        return directKey == null ? null : directKey.apply(event);
    }

    /** The simple name of the record type, which starts every digest. */
    String typeName() {
        return typeName;
    }

    /** Adds the fields that tell this event from another of its kind with the same envelope. */
    void digestContent(WebhookEvent event, Digest digest) {
        keyContent.accept(event, digest);
    }

    private static Map<Class<? extends WebhookEvent>, EventKind> indexByType() {
        Map<Class<? extends WebhookEvent>, EventKind> map = new HashMap<>();
        for (EventKind kind : values()) {
            if (map.put(kind.eventType, kind) != null) {
                throw new IllegalStateException("two kinds for " + kind.typeName);
            }
        }
        return Map.copyOf(map);
    }

    private static Map<String, EventKind> indexByKey() {
        Map<String, EventKind> map = new HashMap<>();
        for (EventKind kind : values()) {
            // A kind without a body of its own (an echo) is read through the kind that has the key.
            if (kind.body != null) {
                for (String itemKey : new String[] {kind.key, kind.alias}) {
                    if (itemKey != null && map.put(itemKey, kind) != null) {
                        throw new IllegalStateException("two kinds read the key " + itemKey);
                    }
                }
            }
        }
        return Map.copyOf(map);
    }

    /**
     * The attachments as keyed since the first release: their fields before {@code videoId}, which
     * adds nothing (it is part of {@code payloadJson}) and must not change the keys of stored events.
     */
    private static String attachmentsKey(List<Attachment> attachments) {
        StringBuilder key = new StringBuilder("[");
        for (Attachment a : attachments) {
            if (key.length() > 1) {
                key.append(", ");
            }
            key.append("Attachment[type=").append(a.type()).append(", url=").append(a.url())
                    .append(", stickerId=").append(a.stickerId()).append(", title=").append(a.title())
                    .append(", latitude=").append(a.latitude()).append(", longitude=").append(a.longitude())
                    .append(", payloadJson=").append(a.payloadJson()).append(']');
        }
        return key.append(']').toString();
    }

    private static Digest digestReferral(Digest d, Referral r) {
        if (r != null) {
            d.add(r.ref()).add(r.source()).add(r.type()).add(r.adId()).add(r.refererUri()).add(r.adsContextJson());
        }
        return d;
    }

    private static <E extends WebhookEvent> Function<E, String> byId(String prefix, Function<E, String> id) {
        return event -> {
            String value = id.apply(event);
            return value == null ? null : DeduplicationKeys.withId(prefix, value);
        };
    }

    private static <E extends WebhookEvent> Row<E> kind(String key, String subscriptionField, Class<E> type) {
        return new Row<>(key, subscriptionField, type);
    }

    /** One row of the table while it is written; typed by the record, so its lambdas need no casts. */
    private static final class Row<E extends WebhookEvent> {
        private final String key;
        private final String subscriptionField;
        private final Class<E> type;
        private String alias;
        private Route route = Route.TYPED;
        private Party needs = Party.SENDER;
        private boolean accompanying;
        private EventBody.Reader body;
        private BiFunction<Envelope, EventBody.Values, WebhookEvent> build;
        private Function<E, String> directKey;
        private BiConsumer<E, Digest> keyContent;

        Row(String key, String subscriptionField, Class<E> type) {
            this.key = key;
            this.subscriptionField = subscriptionField;
            this.type = type;
        }

        Row<E> alsoUnder(String otherKey) {
            this.alias = otherKey;
            return this;
        }

        Row<E> route(Route where) {
            this.route = where;
            return this;
        }

        /** Whom the kind's events must name; {@link Party#SENDER} unless said otherwise. */
        Row<E> needs(Party party) {
            this.needs = party;
            return this;
        }

        /** The body under this kind's key, and how it and the envelope become the record. */
        Row<E> body(EventBody.Reader reader, BiFunction<Envelope, EventBody.Values, WebhookEvent> builder) {
            this.body = Objects.requireNonNull(reader);
            this.build = Objects.requireNonNull(builder);
            return this;
        }

        /** Like {@link #body}, for a key that may accompany another event (see {@link EventKind#accompanying()}). */
        Row<E> accompanying(EventBody.Reader reader, BiFunction<Envelope, EventBody.Values, WebhookEvent> builder) {
            this.accompanying = true;
            return body(reader, builder);
        }

        Row<E> key(BiConsumer<E, Digest> content) {
            return key(null, content);
        }

        Row<E> key(Function<E, String> direct, BiConsumer<E, Digest> content) {
            this.directKey = direct;
            this.keyContent = Objects.requireNonNull(content);
            return this;
        }

        // Safe: EventKind calls these only with events found through BY_TYPE, so of type E.
        @SuppressWarnings("unchecked")
        Function<WebhookEvent, String> untypedDirectKey() {
            return (Function<WebhookEvent, String>) (Function<?, String>) directKey;
        }

        @SuppressWarnings("unchecked")
        BiConsumer<WebhookEvent, Digest> untypedKeyContent() {
            return (BiConsumer<WebhookEvent, Digest>) (BiConsumer<?, Digest>) keyContent;
        }
    }
}
