package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.transport.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The entry point to the Graph API for one Meta app. Thread-safe; create one per app and share it.
 *
 * <pre>{@code
 * GraphClient graph = GraphClient.create(MessengerConfig.fromEnvironment());
 * LongLivedToken user = graph.oauth().exchangeForLongLivedToken(AccessToken.of(shortToken));
 * PageListing pages = graph.pages().listAll(user.accessToken());
 * graph.messenger(pages.pages().get(0).accessToken().orElseThrow()).sendText(psid, "Hello");
 * }</pre>
 *
 * <p>Every call that carries a user or page token sends it in the {@code Authorization} header
 * with an {@code appsecret_proof}; nothing secret goes into a URL except where Graph reads it only
 * from the URL ({@code input_token} of {@code /debug_token}), and every URL that reaches a log line
 * or exception message is redacted. Failures are {@link GraphException} subclasses, classified by
 * Graph's error code and subcode.
 *
 * <p>Retries follow the configured {@link io.messengerkit.config.RetryPolicy}: reads and other
 * idempotent calls are retried on transient errors, rate limits (after the wait Meta advises) and
 * connection failures; sends only when the failure proves Meta did not accept them (see
 * {@link PageMessenger}).
 */
public final class GraphClient {
    private final GraphEngine engine;
    private final OAuth oauth;
    private final Users users;
    private final Pages pages;
    private final Subscriptions subscriptions;
    private final MessengerProfiles messengerProfiles;
    private final InstagramAccounts instagramAccounts;
    private final InstagramProfiles instagramProfiles;
    private final Attachments attachments;
    private final ConversationRouting routing;
    private final Personas personas;

    private GraphClient(GraphEngine engine) {
        this.engine = engine;
        this.oauth = new OAuth(engine);
        this.users = new Users(engine);
        this.pages = new Pages(engine);
        this.subscriptions = new Subscriptions(engine);
        this.messengerProfiles = new MessengerProfiles(engine);
        this.instagramAccounts = new InstagramAccounts(engine);
        this.instagramProfiles = new InstagramProfiles(engine, true);
        this.attachments = new Attachments(engine);
        this.routing = new ConversationRouting(engine);
        this.personas = new Personas(engine);
    }

    /**
     * {@return a client on the JDK's HTTP client}
     *
     * @param config app id, secret, version, base URL, timeouts, retry policy
     */
    public static GraphClient create(MessengerConfig config) {
        return builder(config).build();
    }

    /**
     * {@return a builder, to plug in a custom {@link HttpTransport} or a usage listener}
     *
     * @param config app id, secret, version, base URL, timeouts, retry policy
     */
    public static Builder builder(MessengerConfig config) {
        return new Builder(config);
    }

    /**
     * Token exchange and inspection.
     *
     * @return the OAuth facade
     */
    public OAuth oauth() {
        return oauth;
    }

    /** {@return the logged-in user ({@code /me}) and User Profile lookups} */
    public Users users() {
        return users;
    }

    /**
     * Shortcut for {@code users().me(userToken)}.
     *
     * @param userToken a user access token
     * @return the user's id, name and email
     */
    public UserInfo me(AccessToken userToken) {
        return users.me(userToken);
    }

    /** {@return the user's pages, personal and from Business portfolios} */
    public Pages pages() {
        return pages;
    }

    /**
     * Page webhook subscriptions ({@code subscribed_apps}).
     *
     * @return the subscriptions facade
     */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** {@return the Messenger Profile API: Get Started, greeting, persistent menu, ice breakers} */
    public MessengerProfiles messengerProfile() {
        return messengerProfiles;
    }

    /** {@return the Attachment Upload API: reusable {@code attachment_id}s from files, streams or URLs} */
    public Attachments attachments() {
        return attachments;
    }

    /** {@return Conversation Routing: pass, take, request and release thread control, thread owner} */
    public ConversationRouting routing() {
        return routing;
    }

    /** {@return the Personas API: create, list, get and delete the names a page can send as} */
    public Personas personas() {
        return personas;
    }

    /**
     * {@return a Send API client for the page whose token this is}
     *
     * @param pageToken the page access token
     */
    public PageMessenger messenger(AccessToken pageToken) {
        return new GraphPageMessenger(engine, pageToken);
    }

    /**
     * {@return the Instagram accounts connected to Pages ({@code instagram_business_account})}
     */
    public InstagramAccounts instagramAccounts() {
        return instagramAccounts;
    }

    /**
     * {@return the Messenger Profile API for Instagram ({@code platform=instagram}): ice breakers and
     * persistent menu of the Instagram account connected to the Page whose token is used}
     */
    public InstagramProfiles instagramProfile() {
        return instagramProfiles;
    }

    /**
     * A messenger for the Instagram professional account connected to a Page: sends to
     * Instagram-scoped ids through the Page's token, refusing before the call what Instagram does not
     * support (see {@link io.messengerkit.send.InstagramRules}).
     *
     * @param pageToken the token of the Page connected to the Instagram account
     * @return the messenger
     */
    public io.messengerkit.send.InstagramMessenger instagramMessenger(AccessToken pageToken) {
        return new GraphInstagramMessenger(engine, pageToken, true);
    }

    /** {@return the usage headers of the most recent response that carried any} */
    public GraphUsage lastUsage() {
        return engine.lastUsage();
    }

    /** {@return the configuration this client was built with} */
    public MessengerConfig config() {
        return engine.config();
    }

    @Override
    public String toString() {
        return "GraphClient[appId=" + engine.config().appId() + ", " + engine.config().apiVersion() + "]";
    }

    /**
     * How the client waits (back-off, rate-limit waits, the send limiter) without holding a
     * thread. Tests substitute one on virtual time so waiting is proven without sleeping.
     */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Completes after {@code duration}.
         *
         * @param duration how long to wait
         * @return completes when the time has passed
         */
        CompletableFuture<Void> sleep(Duration duration);

        /** Real waiting on the common pool's delayed executor. */
        Sleeper SYSTEM = duration -> duration.isZero() || duration.isNegative()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Builds a {@link GraphClient}. */
    public static final class Builder {
        private final MessengerConfig config;
        private HttpTransport transport;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Consumer<GraphUsage> usageListener;
        private MessengerMetrics metrics;

        private Builder(MessengerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * {@return the HTTP stack to use; default {@link HttpTransport#jdk}}
         *
         * @param transport the transport
         */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Called with the usage headers of every response that carries them.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder usageListener(Consumer<GraphUsage> listener) {
            this.usageListener = listener;
            return this;
        }

        /**
         * {@return every call's result and Graph error code, retries and Meta's usage headers go to {@code metrics}}
         *
         * @param metrics the listener, or null for none
         */
        public Builder metrics(MessengerMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * {@return the clock for token expiry and retry budgets; default UTC system clock}
         *
         * @param clock the clock
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How the client waits for back-off and rate limits. Tests pass one that advances a fake
         * clock instead of sleeping.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Source of jitter in {@code [0, 1)}; default a thread-local random.
         *
         * @param random values in {@code [0, 1)}
         * @return this builder
         */
        public Builder jitter(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public GraphClient build() {
            HttpTransport t = transport != null ? transport : HttpTransport.jdk(config.connectTimeout());
            return new GraphClient(new GraphEngine(config, t, sleeper, clock, random, usageListener, metrics));
        }
    }
}
