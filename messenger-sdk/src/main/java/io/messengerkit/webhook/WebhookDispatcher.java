package io.messengerkit.webhook;

import io.messengerkit.Redactor;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.webhook.EventKind.Route;
import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The front door for webhook events: register typed handlers once, then hand every verified body
 * to {@link #dispatch(byte[])}.
 *
 * <pre>{@code
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder()
 *         .appId(config.appId())
 *         .executor(executor)
 *         .messengers(pageId -> graph.messenger(tokens.pageToken(pageId)))
 *         .onMessage((message, ctx) -> ctx.reply("You said: " + message.text()))
 *         .onPostback((postback, ctx) -> ctx.reply("Tapped " + postback.payload()))
 *         .onError((event, error) -> log.warn("handler failed", error))
 *         .build();
 *
 * signature.verify(body, request.getHeader(WebhookSignature.SIGNATURE_256_HEADER));
 * dispatcher.dispatch(body);   // returns at once; answer Meta with 200
 * }</pre>
 *
 * <p>What the dispatcher does around the handlers, in this order:
 * <ol>
 *   <li><b>Parse</b> the body with {@link WebhookParser}; every entry and event, in order. A body
 *       the parser rejects (not JSON, over a size, nesting, event or array cap) is one error-hook
 *       call, however many elements it has.</li>
 *   <li><b>Check the object</b>: only {@code page} and {@code instagram} deliveries are messaging.
 *       Any other object (a WhatsApp or user subscription on the same URL) reaches no event handler,
 *       only the {@link Builder#onOtherObject} hooks, and is acknowledged.</li>
 *   <li><b>Route</b>: each event goes to the handlers registered for its type, or else to the
 *       {@link Builder#onUnhandled unhandled} handlers. Echoes, wherever they arrive, reach only
 *       {@link Builder#onEcho} handlers (otherwise a bot answers itself forever); an echo from
 *       {@code standby[]} is flagged {@code standby}. Other standby events (this app does not own the
 *       thread) reach only {@link Builder#onStandby} handlers. {@code changes[]} items reach only
 *       {@link Builder#onChange} handlers. Unparseable events go to the error hook.</li>
 *   <li><b>Order</b>: events of one conversation (page + person) run one at a time, in arrival
 *       order, on the given executor; different conversations run in parallel. At most
 *       {@link Builder#maxPendingEvents} events are queued or running; a delivery that does not fit
 *       waits up to {@link Builder#admissionTimeout} and is then refused as a whole
 *       ({@link WebhookOverloadedException}).</li>
 *   <li><b>De-duplicate</b> right before the handlers run, through the {@link DeduplicationLedger}:
 *       an event already handled (or being handled elsewhere) is skipped.</li>
 *   <li><b>Isolate</b>: a handler's exception goes to the error hook, releases the event's ledger
 *       claim (so a redelivery runs it again), and affects no other handler or event.</li>
 * </ol>
 * The returned future completes with a {@link DispatchReport} once every event has finished.
 */
public final class WebhookDispatcher {
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    /** The default error hook logs at most this many lines a minute; a flood of bad bodies is counted, not logged. */
    private static final LogThrottle LOG_THROTTLE = new LogThrottle(30, TimeUnit.MINUTES.toNanos(1));

    private final WebhookParser parser;
    private final ErrorHandler errorHandler;
    /** Handlers by the kind of event they take; a kind without handlers has no entry. */
    private final Map<EventKind, List<EventHandler<WebhookEvent>>> handlers;
    private final List<EventHandler<WebhookEvent>> standbyHandlers;
    private final List<EventHandler<WebhookEvent>> unhandledHandlers;
    private final boolean echoFiltering;
    private final List<Consumer<WebhookBatch>> otherObjectHooks;
    private final Executor executor;
    private final ConversationLanes lanes;
    private final EventJob.Handling handling;

    private WebhookDispatcher(Builder b) {
        this.parser = b.parser;
        this.errorHandler = b.errorHandler == null ? WebhookDispatcher::logError : b.errorHandler;
        Map<EventKind, List<EventHandler<WebhookEvent>>> copy = new EnumMap<>(EventKind.class);
        b.handlers.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        this.handlers = copy;
        this.standbyHandlers = List.copyOf(b.standbyHandlers);
        this.unhandledHandlers = List.copyOf(b.unhandledHandlers);
        this.echoFiltering = b.echoFiltering;
        this.otherObjectHooks = List.copyOf(b.otherObjectHooks);
        this.executor = b.executor;
        this.lanes = new ConversationLanes(Objects.requireNonNull(b.executor, "executor"), b.maxPendingEvents,
                b.admissionTimeout);
        this.handling = new EventJob.Handling(b.ledger == null ? DeduplicationLedger.inMemory() : b.ledger, b.appId,
                b.resolver, this::notifyError, MessengerMetrics.safe(b.metrics));
    }

    /**
     * Starts a configuration. {@link Builder#executor(Executor)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a verified body and dispatches every event. Never throws: a body that cannot be parsed
     * yields a report with {@code unparseable = 1} (and the error hook hears of it).
     *
     * @param verifiedBody the raw body whose signature {@link WebhookSignature} has accepted
     * @return completes with the report when every handler has finished, or exceptionally with
     *     {@link WebhookOverloadedException} when the delivery was refused for lack of room
     */
    public CompletableFuture<DispatchReport> dispatch(byte[] verifiedBody) {
        WebhookBatch batch;
        try {
            batch = parser.parse(verifiedBody);
        } catch (WebhookParseException e) {
            handling.metrics().deliveryUnparseable();
            notifyError(null, e);
            return CompletableFuture.completedFuture(new DispatchReport(0, 0, 0, 0, 1, 0));
        }
        return dispatch(batch);
    }

    /**
     * Dispatches the events of an already parsed body; see {@link #dispatch(byte[])}.
     *
     * @param batch events already parsed from a verified body
     * @return completes with the report when every handler of the batch has finished
     */
    public CompletableFuture<DispatchReport> dispatch(WebhookBatch batch) {
        if (!isMessaging(batch.object())) {
            return otherObject(batch);
        }
        DispatchTally tally = new DispatchTally(batch.eventCount());
        // Two passes over the events: the first counts what is to be handled (room is reserved for
        // all of them at once), the second makes each event's job and submits it.
        int jobs = 0;
        for (WebhookEntry entry : batch.entries()) {
            for (WebhookEvent event : entry.events()) {
                EventKind kind = EventKind.of(event);
                handling.metrics().eventReceived(kind.tag());
                List<EventHandler<WebhookEvent>> targets = route(event, kind);
                if (targets == null) {
                    tally.unparseable();
                    notifyError(event, new WebhookParseException("unparseable event: "
                            + ((UnparseableEvent) event).problem()));
                } else if (targets.isEmpty()) {
                    tally.ignored();
                } else {
                    jobs++;
                }
            }
        }
        if (jobs == 0) {
            return CompletableFuture.completedFuture(tally.report());
        }
        if (!lanes.admit(jobs)) {
            return CompletableFuture.failedFuture(new WebhookOverloadedException("dispatcher is full: "
                    + jobs + " events did not fit within the limit of pending events"));
        }
        tally.expect(jobs);
        for (WebhookEntry entry : batch.entries()) {
            for (WebhookEvent event : entry.events()) {
                EventKind kind = EventKind.of(event);
                List<EventHandler<WebhookEvent>> targets = route(event, kind);
                if (targets != null && !targets.isEmpty()) {
                    lanes.submit(event.pageId(), event.counterpartId(),
                            new EventJob(event, kind, targets, tally, handling));
                }
            }
        }
        return tally.future;
    }

    /** {@return true for the objects whose deliveries are messaging: {@code page} and {@code instagram}} */
    static boolean isMessaging(String object) {
        return "page".equals(object) || "instagram".equals(object);
    }

    /** A delivery of another object: none of its events is dispatched; the other-object hooks see it whole. */
    private CompletableFuture<DispatchReport> otherObject(WebhookBatch batch) {
        int events = batch.eventCount();
        DispatchReport report = new DispatchReport(events, 0, 0, 0, 0, events);
        if (otherObjectHooks.isEmpty()) {
            return CompletableFuture.completedFuture(report);
        }
        CompletableFuture<DispatchReport> done = new CompletableFuture<>();
        Runnable hooks = () -> {
            for (Consumer<WebhookBatch> hook : otherObjectHooks) {
                try {
                    hook.accept(batch);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    notifyError(null, e);
                }
            }
            done.complete(report);
        };
        try {
            executor.execute(hooks);
        } catch (RuntimeException e) {
            notifyError(null, e);
            done.complete(report);
        }
        return done;
    }

    /** {@return the parser this dispatcher uses} */
    public WebhookParser parser() {
        return parser;
    }

    /**
     * Events queued or running right now (for health checks and metrics).
     *
     * @return the number of events queued or running now
     */
    public int pendingEvents() {
        return lanes.pending();
    }

    /** The handlers an event goes to (empty: none), or null when it goes to the error hook instead. */
    private List<EventHandler<WebhookEvent>> route(WebhookEvent event, EventKind kind) {
        Route route = kind.route();
        if (route == Route.ERROR_HOOK) {
            return null;
        }
        List<EventHandler<WebhookEvent>> typed = handlers.get(kind);
        if (route == Route.OWN_HANDLERS_ONLY) {
            return typed == null ? List.of() : typed;
        }
        if (route == Route.ECHO) {
            // An echo is an echo wherever it arrives, standby[] included.
            if (typed != null) {
                return typed;
            }
            return echoFiltering || event.envelope().standby() ? List.of() : unhandledHandlers;
        }
        if (event.envelope().standby()) {
            return standbyHandlers;
        }
        return typed != null ? typed : unhandledHandlers;
    }


    private void notifyError(WebhookEvent event, Throwable error) {
        try {
            errorHandler.onError(event, error);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // The hook is the last line of reporting; its own failure must not skip the bookkeeping.
            LOG.log(Level.WARNING, "webhook error hook threw " + e.getClass().getName());
        }
    }

    private static void logError(WebhookEvent event, Throwable error) {
        if (!LOG.isLoggable(Level.WARNING)) {
            return;
        }
        long dropped = LOG_THROTTLE.admit(System.nanoTime());
        if (dropped < 0) {
            return;
        }
        String what = event == null ? "webhook body" : event.getClass().getSimpleName() + " for page " + event.pageId();
        String more = dropped == 0 ? "" : " (" + dropped + " similar lines were not logged)";
        LOG.log(Level.WARNING, () -> "handling " + what + " failed: " + error.getClass().getName() + ": "
                + Redactor.redact(String.valueOf(error.getMessage())) + more);
    }

    /**
     * Configuration of a {@link WebhookDispatcher}. Handlers registered for the same type run in
     * registration order, each isolated from the others.
     */
    public static final class Builder {
        private WebhookParser parser = WebhookParser.create();
        private String appId;
        private Executor executor;
        private PageMessengerResolver resolver;
        private DeduplicationLedger ledger;
        private ErrorHandler errorHandler;
        private boolean echoFiltering = true;
        private int maxPendingEvents = 10_000;
        private Duration admissionTimeout = Duration.ofSeconds(1);
        private MessengerMetrics metrics;
        private final Map<EventKind, List<EventHandler<WebhookEvent>>> handlers = new EnumMap<>(EventKind.class);
        private final List<EventHandler<WebhookEvent>> standbyHandlers = new ArrayList<>();
        private final List<EventHandler<WebhookEvent>> unhandledHandlers = new ArrayList<>();
        private final List<Consumer<WebhookBatch>> otherObjectHooks = new ArrayList<>();

        private Builder() {
        }

        /**
         * {@return this app's id; echoes carrying it are this app's own sends ({@link EchoEvent#origin})}
         *
         * @param appId this app's id, as in the App Dashboard
         */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * Where handlers run (required). Per-conversation order is kept on any executor; give it at
         * least as many threads as conversations you want handled in parallel.
         *
         * @param executor runs the handlers
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * {@return how to get the Send API client of a page, for {@link EventContext}'s replies}
         *
         * @param resolver gives the Send API client of a page
         */
        public Builder messengers(PageMessengerResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * {@return the de-duplication ledger; defaults to {@link DeduplicationLedger#inMemory()}}
         *
         * @param ledger remembers handled events
         */
        public Builder deduplication(DeduplicationLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /**
         * {@return the parser (and so the body size and nesting limits); defaults to {@link WebhookParser#create()}}
         *
         * @param parser turns verified bytes into events
         */
        public Builder parser(WebhookParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * {@return where failures go; defaults to a WARNING log line without event content}
         *
         * @param errorHandler receives every failure
         */
        public Builder onError(ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * Echo filtering (on by default): echoes reach only {@link #onEcho} handlers. Off, echoes
         * without an echo handler reach the {@link #onUnhandled} handlers.
         *
         * @param enabled false to let echoes reach the catch-all
         * @return this builder
         */
        public Builder echoFiltering(boolean enabled) {
            this.echoFiltering = enabled;
            return this;
        }

        /**
         * Most events queued or running at once (default 10,000). A delivery holds up to 1,000 events;
         * one with more events than this limit is always refused.
         *
         * @param maxPendingEvents the limit, at least 1
         * @return this builder
         */
        public Builder maxPendingEvents(int maxPendingEvents) {
            if (maxPendingEvents < 1) {
                throw new IllegalArgumentException("maxPendingEvents must be at least 1");
            }
            this.maxPendingEvents = maxPendingEvents;
            return this;
        }

        /**
         * How long {@link WebhookDispatcher#dispatch} blocks waiting for room when the dispatcher is
         * full before refusing the delivery (default 1 second; zero refuses at once).
         *
         * @param admissionTimeout how long to wait; not negative
         * @return this builder
         */
        public Builder admissionTimeout(Duration admissionTimeout) {
            if (admissionTimeout == null || admissionTimeout.isNegative()) {
                throw new IllegalArgumentException("admissionTimeout must not be negative");
            }
            this.admissionTimeout = admissionTimeout;
            return this;
        }

        /**
         * Handles events of the given type (for types without a dedicated method).
         *
         * @param <E> the event type
         * @param type the event class
         * @param handler called for each event of that type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <E extends WebhookEvent> Builder on(Class<E> type, EventHandler<? super E> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            EventKind kind = EventKind.ofType(type);
            if (kind == null || kind.route() == Route.ERROR_HOOK) {
                throw new IllegalArgumentException("register " + type.getSimpleName()
                        + " through onError or onUnhandled");
            }
            handlers.computeIfAbsent(kind, k -> new ArrayList<>()).add((EventHandler<WebhookEvent>) handler);
            return this;
        }

        /**
         * Messages people send, quick-reply taps included (echoes never arrive here).
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onMessage(EventHandler<? super MessageEvent> handler) {
            return on(MessageEvent.class, handler);
        }

        /**
         * Echoes of messages the page sent; registering one is the only way to see echoes. Use
         * {@link EchoEvent#origin(String)} with {@link EventContext#appId()} to tell this app's
         * sends from other apps' and from people in the Page inbox.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onEcho(EventHandler<? super EchoEvent> handler) {
            return on(EchoEvent.class, handler);
        }

        /**
         * Postback buttons, Get Started, persistent menu, ice breakers.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onPostback(EventHandler<? super PostbackEvent> handler) {
            return on(PostbackEvent.class, handler);
        }

        /**
         * Reactions and their removal.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onReaction(EventHandler<? super ReactionEvent> handler) {
            return on(ReactionEvent.class, handler);
        }

        /**
         * Read receipts.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onRead(EventHandler<? super ReadEvent> handler) {
            return on(ReadEvent.class, handler);
        }

        /**
         * Delivery receipts.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onDelivery(EventHandler<? super DeliveryEvent> handler) {
            return on(DeliveryEvent.class, handler);
        }

        /**
         * Referrals of people who already have a thread (m.me links, ads, plugins).
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onReferral(EventHandler<? super ReferralEvent> handler) {
            return on(ReferralEvent.class, handler);
        }

        /**
         * Plugin and marketing-message opt-ins.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onOptin(EventHandler<? super OptinEvent> handler) {
            return on(OptinEvent.class, handler);
        }

        /**
         * Account linking and unlinking.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onAccountLinking(EventHandler<? super AccountLinkingEvent> handler) {
            return on(AccountLinkingEvent.class, handler);
        }

        /**
         * Edited messages.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onMessageEdit(EventHandler<? super MessageEditEvent> handler) {
            return on(MessageEditEvent.class, handler);
        }

        /**
         * Thread control passed to this app.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onPassThreadControl(EventHandler<? super PassThreadControlEvent> handler) {
            return on(PassThreadControlEvent.class, handler);
        }

        /**
         * Thread control taken from this app.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onTakeThreadControl(EventHandler<? super TakeThreadControlEvent> handler) {
            return on(TakeThreadControlEvent.class, handler);
        }

        /**
         * Another app asks for thread control.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onRequestThreadControl(EventHandler<? super RequestThreadControlEvent> handler) {
            return on(RequestThreadControlEvent.class, handler);
        }

        /**
         * Handover app roles changed.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onAppRoles(EventHandler<? super AppRolesEvent> handler) {
            return on(AppRolesEvent.class, handler);
        }

        /**
         * {@return Meta blocked or unblocked the page's messaging}
         *
         * @param handler called for each such event
         */
        public Builder onPolicyEnforcement(EventHandler<? super PolicyEnforcementEvent> handler) {
            return on(PolicyEnforcementEvent.class, handler);
        }

        /**
         * Answers to customer feedback templates.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onMessagingFeedback(EventHandler<? super MessagingFeedbackEvent> handler) {
            return on(MessagingFeedbackEvent.class, handler);
        }

        /**
         * Items of an entry's {@code changes[]} (page feed, App Dashboard tests): they reach only these
         * handlers, never the catch-all or the unknown-event handlers.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onChange(EventHandler<? super ChangeEvent> handler) {
            return on(ChangeEvent.class, handler);
        }

        /**
         * Deliveries whose {@code object} is neither {@code page} nor {@code instagram} (another product
         * subscribed to the same URL). Their events reach no event handler; this hook sees the whole
         * parsed delivery, on the executor. Without it such deliveries are acknowledged and dropped.
         *
         * @param hook called once per such delivery
         * @return this builder
         */
        public Builder onOtherObject(Consumer<WebhookBatch> hook) {
            otherObjectHooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Events this SDK does not model yet, with their raw JSON.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onUnknown(EventHandler<? super UnknownEvent> handler) {
            return on(UnknownEvent.class, handler);
        }

        /**
         * Events that arrived in {@code standby[]}: another app owns the thread, so this app should
         * watch, not answer. Standby events reach only these handlers.
         *
         * @param handler called for each such event
         * @return this builder
         */
        public Builder onStandby(EventHandler<WebhookEvent> handler) {
            standbyHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * {@return the catch-all: every event no typed handler is registered for (echoes and standby excepted)}
         *
         * @param handler called for each such event
         */
        public Builder onUnhandled(EventHandler<WebhookEvent> handler) {
            unhandledHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * {@return events by kind, duplicates dropped, handler latency and unparseable bodies go to {@code metrics}}
         *
         * @param metrics the listener, or null for none
         */
        public Builder metrics(MessengerMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * @return the dispatcher
         * @throws IllegalStateException when no executor was given
         */
        public WebhookDispatcher build() {
            if (executor == null) {
                throw new IllegalStateException("WebhookDispatcher needs an executor");
            }
            return new WebhookDispatcher(this);
        }
    }
}
