package io.messengerkit.jakarta;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.config.ConversationSettings;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.JpaConversationWindowStore;
import io.messengerkit.send.ConversationWindowStore;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.jakarta.dashboard.PageUsageTracker;
import io.messengerkit.jakarta.health.SubscriptionHealthCheck;
import io.messengerkit.jakarta.link.AccountLinking;
import io.messengerkit.jakarta.link.GraphPort;
import io.messengerkit.jakarta.link.LoginCallbacks;
import io.messengerkit.jakarta.persistence.DataDeletions;
import io.messengerkit.jakarta.link.SdkGraphPort;
import io.messengerkit.Redactor;
import io.messengerkit.jakarta.persistence.JpaDeduplicationLedger;
import io.messengerkit.jakarta.reply.ChatbotResponder;
import io.messengerkit.jakarta.reply.ReplyFlow;
import io.messengerkit.jakarta.webhook.DispatcherDeliveryProcessor;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.jakarta.persistence.JpaTokenStore;
import io.messengerkit.jakarta.dashboard.OperationsDashboard;
import io.messengerkit.jakarta.persistence.DashboardQueries;
import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.security.ApiKeyAuthorizer;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import io.messengerkit.jakarta.webhook.DeliveryProcessor;
import io.messengerkit.jakarta.webhook.InboxWorker;
import io.messengerkit.jakarta.webhook.WebhookIntake;
import io.messengerkit.jakarta.webhook.EventSplitter;
import io.messengerkit.jakarta.webhook.EventWorker;
import io.messengerkit.jakarta.webhook.InFlightEvents;
import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.webhook.DeduplicationLedger;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenStore;
import io.messengerkit.token.TokenVault;
import io.messengerkit.webhook.WebhookSignature;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Messenger backend, wired once: persistence, token store, Graph client, webhook
 * verification, the inbox and its worker, the reply flow, the health check.
 *
 * <p>It offers the backend's use cases, which the REST resources adapt to HTTP and a host may
 * call directly: {@link #webhooks()} (the webhook handshake and receiving a delivery),
 * {@link #management()} (link an account and pages, unlink, refresh, message history, health) and
 * {@link #loginCallbacks()} (Meta's deauthorize and data-deletion callbacks). It also hands out the
 * few parts a host uses for its own work with the same configuration: the {@link #graphClient()
 * Graph client}, the {@link #tokens() token service}, the {@link #links() linked pages}, the
 * {@link #messageLog() message log}, the {@link #inbox() inbox} (to inspect deliveries) and the
 * {@link #authorizer() authorizer} (to protect the host's own resources the same way).
 *
 * <p>On an application server the CDI producers in {@code io.messengerkit.jakarta.cdi} build it;
 * standalone, you build it and {@code MessengerJersey} binds it into Jersey. Either way it is built
 * with this builder:
 *
 * <pre>{@code
 * MessengerBackend backend = MessengerBackend.builder(config, transactions, vault)
 *         .responder(query -> "You said: " + query.text())
 *         .build();
 * backend.start();   // starts the inbox worker and the health schedule
 * }</pre>
 *
 * <p>The schema must be migrated before {@link #start()}: {@code MessengerPersistence.standalone}
 * does it when it opens the database, the CDI producers before they build the backend.
 */
public final class MessengerBackend implements AutoCloseable {
    /** How long the reply turn keeps a page's link and opened token unless configured otherwise. */
    public static final java.time.Duration DEFAULT_REPLY_CACHE_TTL = java.time.Duration.ofSeconds(60);
    /** How long {@link #close()} lets running work finish by default. */
    public static final java.time.Duration DEFAULT_CLOSE_GRACE = java.time.Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(MessengerBackend.class.getName());

    private final IntegrationSettings settings;
    private final io.messengerkit.config.GraphApiVersion apiVersion;
    private final JpaTransactions transactions;
    private final Clock clock;
    private final ChatbotAuthorizer authorizer;
    private final TokenService tokens;
    private final LinkRepository links;
    private final ReplyTurnCache replyCache;
    private final MessageLog messageLog;
    private final WebhookInbox inbox;
    private final InboxWorker inboxWorker;
    private final EventQueue events;
    private final InFlightEvents inFlight;
    private final EventWorker eventWorker;
    private volatile java.util.concurrent.ScheduledFuture<?> retentionSchedule;
    private final Retention retention;
    private final BackendExecutors executors;
    private volatile java.util.concurrent.ScheduledFuture<?> healthSchedule;
    private final LoginCallbacks loginCallbacks;
    private final GraphClient graphClient;
    private final PageUsageTracker pageUsage;
    private final SubscriptionHealthCheck healthCheck;
    private final WebhookIntake webhooks;
    private final ChatbotManagement management;
    private final MessagingWindowPolicy windowPolicy;
    private final HumanHandoffs handoffs;
    private final java.time.Duration closeGrace;
    private volatile boolean started;

    private MessengerBackend(Builder b) {
        MessengerConfig config = Objects.requireNonNull(b.config, "config");
        this.apiVersion = config.apiVersion();
        this.settings = b.settings != null ? b.settings : IntegrationSettings.defaults();
        this.transactions = Objects.requireNonNull(b.transactions, "transactions");
        this.clock = b.clock;
        String appId = config.appId();
        ConversationSettings conversations = b.conversations != null ? b.conversations : ConversationSettings.defaults();
        ConversationWindowStore windowStore = b.windowStore != null ? b.windowStore
                : new JpaConversationWindowStore(transactions);
        this.windowPolicy = MessagingWindowPolicy.builder()
                .store(windowStore)
                .mode(conversations.windowMode())
                .humanAgentEnabled(conversations.humanAgentEnabled())
                .clock(clock)
                .build();
        this.handoffs = new HumanHandoffs(transactions, clock);
        this.authorizer = b.authorizer != null ? b.authorizer
                : ApiKeyAuthorizer.parse(settings.apiKeys().orElse(null));
        WebhookSignature.Builder signature = WebhookSignature.builder(config.appSecret()).metrics(b.metrics);
        config.verifyToken().ifPresent(signature::verifyToken);
        WebhookSignature webhookSignature = signature.build();
        ChangeCountingTokenStore store = new ChangeCountingTokenStore(
                b.tokenStore != null ? b.tokenStore : new JpaTokenStore(transactions, clock));
        this.tokens = new TokenService(store, Objects.requireNonNull(b.tokenVault, "tokenVault"), clock);
        this.links = new LinkRepository(transactions, clock);
        this.replyCache = new ReplyTurnCache(links, tokens, store, b.tokenVault, clock, b.replyCacheTtl);
        this.messageLog = new MessageLog(transactions, clock);
        this.inbox = new WebhookInbox(transactions, clock);
        this.events = new EventQueue(transactions, clock);
        this.inFlight = new InFlightEvents(events);
        DataDeletions dataDeletions = new DataDeletions(transactions, clock);
        this.loginCallbacks = new LoginCallbacks(config.appSecret(), tokens, links, dataDeletions, clock,
                settings.signedRequestMaxAge());
        this.pageUsage = b.pageUsage != null ? b.pageUsage : new PageUsageTracker(clock);
        this.graphClient = b.graphClient != null ? b.graphClient
                : GraphClient.builder(config).usageListener(pageUsage).metrics(b.metrics).build();
        GraphPort graph = b.graphPort != null ? b.graphPort : new SdkGraphPort(graphClient);
        AccountLinking linking = new AccountLinking(graph, tokens, links, settings);
        this.healthCheck = new SubscriptionHealthCheck(graph, tokens, links, settings, config.appId(), clock);

        this.executors = new BackendExecutors(b.executor, b.scheduler);
        ExecutorService executor = executors.executor();
        ScheduledExecutorService scheduler = executors.scheduler();
        this.closeGrace = b.closeGrace;
        JpaDeduplicationLedger deduplication = new JpaDeduplicationLedger(transactions, clock, settings.inboxLease());
        this.retention = new Retention(settings, clock, events, deduplication, inbox, handoffs, windowStore);
        ConversationControl control = new ConversationControl(appId, conversations, windowPolicy, handoffs, replyCache,
                links, tokens, graphClient);
        ReplyTurns turns = new ReplyTurns(replyCache, graphClient, control, messageLog, inFlight, links, tokens, clock);
        ChatbotResponder responder = b.responder != null ? b.responder : ChatbotResponder.silent();
        boolean eventPipeline = b.deliveryProcessor == null;
        WebhookDispatcher.Builder dispatch = WebhookDispatcher.builder()
                .appId(config.appId())
                .executor(executor)
                // With the event pipeline, messenger_event's unique event keys de-duplicate (before any handler
                // runs, for as long as MESSENGER_EVENT_RETENTION); the ledger would only add a second, shorter lease.
                .deduplication(eventPipeline ? DeduplicationLedger.disabled() : deduplication)
                .metrics(b.metrics)
                .messengers(turns::messengerFor)
                .onError(turns::onHandlerError)
                .onMessage(ReplyFlow.handler(responder, replyCache::activePageFor, messageLog, clock,
                        eventPipeline ? inFlight : null, control::quietReason));
        for (Consumer<WebhookDispatcher.Builder> handlers : b.handlers) {
            handlers.accept(dispatch);
        }
        WebhookDispatcher dispatcher = dispatch.build();
        this.eventWorker = !eventPipeline ? null : EventWorker.builder(events, inFlight,
                        new DispatcherDeliveryProcessor(dispatcher, control::beforeHandlers))
                .executor(executor)
                .scheduler(scheduler)
                .clock(clock)
                .owner(b.instanceId)
                .pollInterval(settings.inboxPollInterval())
                .maxAttempts(settings.inboxMaxAttempts())
                .lease(settings.inboxLease())
                .deadline(settings.eventDeadline())
                .initialBackoff(settings.inboxRetryBackoff())
                .finalRecord(turns::logRowOf)
                .build();
        EventSplitter splitter = !eventPipeline ? null
                : new EventSplitter(events, clock, settings.eventRetention(), eventWorker::wake,
                        WebhookParser.builder().maxBodyBytes(settings.webhookMaxBytes()).build(), b.metrics);
        DeliveryProcessor processor = !eventPipeline ? b.deliveryProcessor : splitter;
        this.inboxWorker = InboxWorker.builder(inbox, processor)
                .executor(executor)
                .scheduler(scheduler)
                .clock(clock)
                .pollInterval(settings.inboxPollInterval())
                .maxAttempts(settings.inboxMaxAttempts())
                .lease(settings.inboxLease())
                .initialBackoff(settings.inboxRetryBackoff())
                .workerId(b.instanceId)
                .build();
        this.webhooks = new WebhookIntake(webhookSignature, inbox, inboxWorker::wake, settings.webhookMaxBytes(), splitter);
        this.management = new ChatbotManagement(authorizer, linking, messageLog, healthCheck, events, this::pollInboxNow,
                new ChatbotManagement.HumanHandling(handoffs, control::takeThreadControl));
    }

    /**
     * Starts a backend.
     *
     * @param config the SDK configuration (app id, app secret, verify token, Graph base URL...)
     * @param transactions how to reach the database ({@code ResourceLocalTransactions} standalone)
     * @param tokenVault seals and opens stored tokens
     * @return a builder
     */
    public static Builder builder(MessengerConfig config, JpaTransactions transactions, TokenVault tokenVault) {
        return new Builder(config, transactions, tokenVault);
    }

    /** Starts the inbox worker and the health schedule, on a migrated schema. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        inboxWorker.start();
        if (eventWorker != null) {
            eventWorker.start();
        }
        // Retention runs whether or not the health schedule does.
        long retentionEvery = retention.everyMillis();
        ScheduledExecutorService scheduler = executors.scheduler();
        ExecutorService executor = executors.executor();
        retentionSchedule = scheduler.scheduleWithFixedDelay(() -> executor.execute(this::purgeExpired),
                retentionEvery, retentionEvery, java.util.concurrent.TimeUnit.MILLISECONDS);
        long every = settings.healthCheckInterval().toMillis();
        if (every > 0) {
            healthSchedule = scheduler.scheduleWithFixedDelay(() -> executor.execute(this::scheduledMaintenance),
                    every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        started = true;
        LOG.log(Level.INFO, "Messenger backend started (instance {0})", inboxWorker.workerId());
    }

    /**
     * Stops taking work, lets what is running finish for up to the close grace (outcomes and log rows
     * recorded, leases renewed meanwhile), then stops the executors this backend created. Work still
     * running after the grace is abandoned: its lease ends and another instance, or this one after a
     * restart, takes it over. Close the backend before its database.
     */
    @Override
    public synchronized void close() {
        inboxWorker.close();
        if (eventWorker != null) {
            eventWorker.close();
        }
        if (retentionSchedule != null) {
            retentionSchedule.cancel(false);
        }
        if (healthSchedule != null) {
            healthSchedule.cancel(false);
        }
        long until = System.nanoTime() + closeGrace.toNanos();
        boolean idle = inboxWorker.awaitIdle(closeGrace)
                && (eventWorker == null || eventWorker.awaitIdle(BackendExecutors.remaining(until)));
        // Retention and maintenance run on the executor too; a handler still running at the end is one that hangs.
        idle &= executors.shutdown(until);
        if (!idle) {
            LOG.log(Level.WARNING, "Closed with work still running after {0}; its leases end and it is taken over",
                    closeGrace);
        }
        started = false;
    }

    /**
     * {@return Meta's webhook callback: the subscription handshake and receiving a delivery}
     */
    public WebhookIntake webhooks() {
        return webhooks;
    }

    /**
     * {@return the management API's use cases: link an account and pages, unlink, refresh, message history, health}
     */
    public ChatbotManagement management() {
        return management;
    }

    /**
     * {@return Meta's Facebook Login callbacks: deauthorize, data deletion and its status}
     */
    public LoginCallbacks loginCallbacks() {
        return loginCallbacks;
    }

    /** {@return how many events this instance is handling right now} */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** {@return the event queue: one row per webhook event, by conversation, with the events set aside} */
    public EventQueue events() {
        return events;
    }

    /**
     * Asks the inbox worker to look for due deliveries now rather than at its next poll, for
     * instance after rows were made due again by hand. Never blocks.
     */
    public void pollInboxNow() {
        inboxWorker.wake();
        if (eventWorker != null) {
            eventWorker.wake();
        }
    }

    /**
     * The largest request body accepted by every endpoint but the webhook ({@code MESSENGER_REQUEST_MAX_BYTES}).
     *
     * @return the limit in bytes
     */
    public int requestMaxBytes() {
        return settings.requestMaxBytes();
    }

    /**
     * The largest webhook body accepted ({@code MESSENGER_WEBHOOK_MAX_BYTES}).
     *
     * @return the limit in bytes
     */
    public int webhookMaxBytes() {
        return settings.webhookMaxBytes();
    }

    /**
     * {@return the public base URL configured ({@code MESSENGER_PUBLIC_URL}), which links handed to
     * Meta start with; empty when not configured, and the data-deletion callback then answers 503}
     */
    public Optional<URI> publicUrl() {
        return settings.publicUrl();
    }

    /** {@return who may call the management API; protect a host's own resources with it too} */
    public ChatbotAuthorizer authorizer() {
        return authorizer;
    }

    /** {@return the token service, with the sealed tokens of linked accounts and pages} */
    public TokenService tokens() {
        return tokens;
    }

    /** {@return the linked accounts and pages, e.g. to find which chatbot a page belongs to} */
    public LinkRepository links() {
        return links;
    }

    /** {@return the message log, where a host's own handlers can record their turns beside the reply flow's} */
    public MessageLog messageLog() {
        return messageLog;
    }

    /** {@return the webhook inbox, to inspect stored deliveries ({@code counts()}, {@code list(...)}, {@code find(...)})} */
    public WebhookInbox inbox() {
        return inbox;
    }

    /**
     * {@return the operator's view of a chatbot: traffic, reply latency, failures, page and token
     * health with the action that fixes each state, the Graph API version notice}
     */
    public OperationsDashboard dashboard() {
        return new OperationsDashboard(new DashboardQueries(transactions), links, tokens, pageUsage,
                apiVersion, settings.healthCheckInterval(), clock);
    }

    /** {@return Meta's last reported rate-limit usage per page, as the dashboard shows it} */
    public PageUsageTracker pageUsage() {
        return pageUsage;
    }

    /** {@return the conversations a human handles now, during which the reply flow stays quiet} */
    public HumanHandoffs handoffs() {
        return handoffs;
    }

    /** {@return the messaging window policy every reply of the pipeline is checked against} */
    public MessagingWindowPolicy windowPolicy() {
        return windowPolicy;
    }

    /** {@return the SDK's Graph client this backend calls Meta with} */
    public GraphClient graphClient() {
        return graphClient;
    }

    /** The scheduled health check of every chatbot, and forgetting event keys Meta can no longer redeliver. */
    private void scheduledMaintenance() {
        try {
            healthCheck.runAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduled health check failed: {0}", Redactor.redact(e.toString()));
        }
    }

    /**
     * Deletes what the retention settings no longer keep: finished events and their keys (and the
     * de-duplication ledger's keys) after {@code MESSENGER_EVENT_RETENTION}, stored deliveries after
     * {@code MESSENGER_INBOX_RETENTION}.
     *
     * @return rows deleted
     */
    public int purgeExpired() {
        return retention.purge();
    }

    /** Configures a {@link MessengerBackend}; see there. */
    public static final class Builder {
        private final MessengerConfig config;
        private final JpaTransactions transactions;
        private final TokenVault tokenVault;
        private IntegrationSettings settings;
        private Clock clock = Clock.systemUTC();
        private ChatbotAuthorizer authorizer;
        private TokenStore tokenStore;
        private java.time.Duration replyCacheTtl = DEFAULT_REPLY_CACHE_TTL;
        private ExecutorService executor;
        private ScheduledExecutorService scheduler;
        private DeliveryProcessor deliveryProcessor;
        private GraphPort graphPort;
        private GraphClient graphClient;
        private PageUsageTracker pageUsage;
        private ChatbotResponder responder;
        private final List<Consumer<WebhookDispatcher.Builder>> handlers = new ArrayList<>();
        private String instanceId;
        private MessengerMetrics metrics;
        private ConversationSettings conversations;
        private ConversationWindowStore windowStore;
        private java.time.Duration closeGrace = DEFAULT_CLOSE_GRACE;

        private Builder(MessengerConfig config, JpaTransactions transactions, TokenVault tokenVault) {
            this.config = config;
            this.transactions = transactions;
            this.tokenVault = tokenVault;
        }

        /**
         * {@return the module's settings; default {@link IntegrationSettings#defaults()}}
         *
         * @param settings the settings
         */
        public Builder settings(IntegrationSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * The time source; default the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return who may call the management API; default the API keys of {@code MESSENGER_API_KEYS}}
         *
         * @param authorizer the authorizer
         */
        public Builder authorizer(ChatbotAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /**
         * How long the reply turn keeps a page's active link and its opened token (default
         * {@link MessengerBackend#DEFAULT_REPLY_CACHE_TTL}, 60 s; zero turns the cache off). A change made through this
         * backend (a page linked, unlinked or marked, a token stored, replaced or deleted) is seen at
         * once; a change stored by another instance on the same database is seen within this time.
         *
         * @param ttl the time to keep them
         * @return this builder
         */
        public Builder replyCacheTtl(java.time.Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("replyCacheTtl must not be negative");
            }
            this.replyCacheTtl = ttl;
            return this;
        }

        /**
         * {@return where sealed tokens are kept; default the JPA store on the same database}
         *
         * @param tokenStore the store
         */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = tokenStore;
            return this;
        }

        /**
         * Runs webhook processing (a {@code ManagedExecutorService} on a server); default a fixed pool owned by the backend.
         *
         * @param executor the executor; the backend does not shut it down
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Runs polls and the health schedule; default a single thread owned by the backend.
         *
         * @param scheduler the scheduler; the backend does not shut it down
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Replaces the processing of stored deliveries (default: the SDK dispatcher with the reply flow).
         *
         * @param deliveryProcessor the processor
         * @return this builder
         */
        public Builder deliveryProcessor(DeliveryProcessor deliveryProcessor) {
            this.deliveryProcessor = deliveryProcessor;
            return this;
        }

        /**
         * {@return the Graph client; default {@code GraphClient.create(config)}}
         *
         * @param graphClient the client
         */
        public Builder graphClient(GraphClient graphClient) {
            this.graphClient = graphClient;
            return this;
        }

        /**
         * The holder of Meta's rate-limit usage per page that the dashboard reads; default a new one,
         * fed by the Graph client the backend builds. With your own {@link #graphClient}, build that
         * client with {@code usageListener(tracker)} and pass the same tracker here.
         *
         * @param pageUsage the tracker
         * @return this builder
         */
        public Builder pageUsage(PageUsageTracker pageUsage) {
            this.pageUsage = pageUsage;
            return this;
        }

        /**
         * Replaces the Graph calls of the linking flow and the health check; default the Graph client's.
         *
         * @param graphPort the Graph calls
         * @return this builder
         */
        public Builder graphPort(GraphPort graphPort) {
            this.graphPort = graphPort;
            return this;
        }

        /**
         * Your chatbot, the seed's {@code process_chatbot_query}: answers text messages of linked pages
         * (typing, reply, mark-seen and the message log are done around it). Default: no answers, turns still logged.
         *
         * @param responder your chatbot
         * @return this builder
         */
        public Builder responder(ChatbotResponder responder) {
            this.responder = responder;
            return this;
        }

        /**
         * Registers more handlers on the webhook dispatcher (postbacks, reactions, reads...), e.g.
         * {@code b -> b.onPostback((postback, ctx) -> ctx.reply("Thanks!"))}. Messages are already
         * handled by the reply flow; a second {@code onMessage} handler runs after it.
         *
         * @param handlers registers handlers on the dispatcher's builder
         * @return this builder
         */
        public Builder handlers(Consumer<WebhookDispatcher.Builder> handlers) {
            this.handlers.add(Objects.requireNonNull(handlers, "handlers"));
            return this;
        }

        /**
         * Reports webhook deliveries, events, handlers and Graph calls to {@code metrics} (for example
         * {@code messenger-micrometer}'s binder); default none. A Graph client given to {@link #graphClient} reports
         * to whatever it was built with.
         *
         * @param metrics the listener
         * @return this builder
         */
        public Builder metrics(MessengerMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param conversations the messaging window mode, HUMAN_AGENT and the handoff quiet period; default
         *     {@link ConversationSettings#defaults()}
         */
        public Builder conversations(ConversationSettings conversations) {
            this.conversations = conversations;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param windowStore where each conversation's last inbound interaction is kept; default the JPA store on
         *     the same database, shared by every instance
         */
        public Builder windowStore(ConversationWindowStore windowStore) {
            this.windowStore = windowStore;
            return this;
        }

        /**
         * Names this instance in inbox claims; default random.
         *
         * @param instanceId a name unique among the instances
         * @return this builder
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        /**
         * How long {@link MessengerBackend#close()} lets running work finish before abandoning it;
         * default 10 seconds. Zero closes at once, as a crash would (the work is taken over after its
         * lease).
         *
         * @param closeGrace the longest wait on close
         * @return this builder
         */
        public Builder closeGrace(java.time.Duration closeGrace) {
            if (closeGrace == null || closeGrace.isNegative()) {
                throw new IllegalArgumentException("closeGrace must be zero or positive");
            }
            this.closeGrace = closeGrace;
            return this;
        }

        /**
         * Builds the backend; call {@link MessengerBackend#start()} next.
         *
         * @return the backend, not started yet
         */
        public MessengerBackend build() {
            return new MessengerBackend(this);
        }
    }
}
