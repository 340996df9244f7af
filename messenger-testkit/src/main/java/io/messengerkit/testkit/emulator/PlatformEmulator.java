package io.messengerkit.testkit.emulator;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A stateful emulator of the Graph API calls a Messenger integration makes, on loopback.
 *
 * <p>Point an SDK client's base URL at {@link #baseUrl()} and it behaves like
 * {@code https://graph.facebook.com}: any version prefix ({@code /v26.0/...}) is accepted,
 * tokens are read from the {@code access_token} parameter or {@code Authorization: Bearer}, and
 * errors come back in Meta's JSON shape. Supported calls:
 * <ul>
 *   <li>{@code GET|POST /oauth/access_token} ({@code fb_exchange_token}: short-lived to
 *       long-lived user token; {@code client_credentials}: app token)</li>
 *   <li>{@code GET /debug_token?input_token=...}</li>
 *   <li>{@code GET /me}, {@code GET /{id}} (user, page, business, or a person's profile by PSID
 *       with a page token), with {@code fields}</li>
 *   <li>{@code GET /me/accounts}, {@code /me/businesses}, {@code /{business-id}/owned_pages},
 *       {@code /{business-id}/client_pages}: cursor paging ({@code limit}, {@code after},
 *       {@code before}, {@code paging.next})</li>
 *   <li>{@code GET|POST|DELETE /{page-id}/subscribed_apps} (or {@code /me/subscribed_apps})</li>
 *   <li>{@code POST /me/messages} and {@code /{page-id}/messages}: messages and sender actions</li>
 *   <li>{@code GET|POST|DELETE /me/messenger_profile}</li>
 * </ul>
 * Rules enforced as Meta does: token validity (190 with subcodes), {@code appsecret_proof}
 * (checked when present, required when {@link Builder#requireAppSecretProof(boolean)}),
 * permissions, {@code messaging_type} present, text at most 2,000 characters, at most 13 quick
 * replies, the 24-hour window since the person's last message (7 days with {@code HUMAN_AGENT}),
 * and 300 sends per second per page (10 for audio and video), answered with code 613. Also the
 * Attachment Upload API ({@code /me/message_attachments}, multipart or URL, with Meta's type, size
 * and ownership errors), every current template type checked against Meta's limits,
 * {@code CUSTOMER_FEEDBACK} and the Human Agent feature ({@link Builder#humanAgentFeature}),
 * Conversation Routing (thread ownership, pass/take/request/release/extend, {@code thread_owner},
 * {@code secondary_receivers}, standby delivery while another app owns a thread, Page-inbox replies
 * as echoes without an app id) and the Personas API.
 *
 * <p>Demo and browser endpoints under {@code /emulator/} (CORS allowed for loopback origins):
 * <ul>
 *   <li>{@code GET /emulator/sdk.js}: a stand-in for the Facebook JS SDK ({@code window.FB} with
 *       {@code init}, {@code login}, {@code getLoginStatus}, {@code logout}, {@code api}); its
 *       login yields a short-lived token for the demo user that the emulator exchanges</li>
 *   <li>{@code POST /emulator/login}: what {@code FB.login} calls; JSON {@code {app_id, scope}}</li>
 *   <li>{@code GET /emulator/info}: app id, Graph URL, demo user and pages (no tokens)</li>
 *   <li>{@code POST /emulator/pages/{page-id}/inbound}: "message the page as a user"; JSON or
 *       form {@code {psid?, text?, quick_reply_payload?, postback_payload?, title?}} (or
 *       {@code reaction_mid, emoji?, reaction?, action?} for a reaction, {@code read: true} for a
 *       read receipt); the emulator opens the 24-hour window, builds and signs the webhook and
 *       posts it to the callback</li>
 *   <li>{@code POST /emulator/pages/{page-id}/inbox-reply}: "answer from the Page inbox";
 *       {@code {psid, text}}; the echo goes to the callback without an {@code app_id}</li>
 *   <li>{@code GET /emulator/pages/{page-id}/conversations} and
 *       {@code GET /emulator/pages/{page-id}/conversations/{psid}?after=N}: transcripts as JSON</li>
 * </ul>
 *
 * <p>With {@link Builder#deliverEchoes(boolean)} each text the page sends comes back to the
 * callback as a {@code message_echoes} webhook, as on the platform.
 *
 * <p>Every Graph call is recorded ({@link #requests()}), and every refused send with its error
 * ({@link #refusedSends()}); faults can be injected ({@link #injectFault(Fault)}). Deliveries that
 * should count as a person's doing go through {@link #trigger()} or the {@code user...} methods.
 * Instances are thread-safe. Close the emulator to stop its server; closing lets calls in flight finish.
 */
public final class PlatformEmulator implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs
        // and every call takes ~40 ms; the property is read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    final EmulatedApp app;
    final World world;
    private final Clock clock;
    private final String defaultVersion;
    private final String baseUrl;
    private final Transcripts transcripts = new Transcripts();
    private final FaultPlan faults = new FaultPlan();
    private final CallLog calls = new CallLog();
    private final RefusedSends refusedSends;
    private final AppWebhook webhook;
    private final GraphEndpoint graph;
    private final EmulatorServer server;
    private volatile String demoUserId;
    final InstagramLoginArea instagramLogin;

    private PlatformEmulator(Builder builder) {
        this.app = new EmulatedApp(builder.appId, builder.appSecret, builder.appName);
        this.clock = builder.clock;
        this.defaultVersion = builder.defaultVersion;
        this.server = EmulatorServer.bind(builder.port);
        try {
            this.baseUrl = server.baseUrl();
            this.world = new World(app, clock);
            this.refusedSends = new RefusedSends(world);
            this.webhook = new AppWebhook(app, world, transcripts, server,
                    builder.requirePageSubscription);
            this.graph = new GraphEndpoint(graphRouter(builder), faults, calls, refusedSends, clock, defaultVersion);
            this.instagramLogin = new InstagramLoginArea(this, world, new InstagramSendArea(world, transcripts,
                    new SendRateLimits(builder.sendLimitPerSecond, builder.mediaSendLimitPerSecond),
                    builder.deliverEchoes ? webhook::echoLater : sent -> { }));
            server.start(graph, new DemoApi(this));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (builder.callback != null) {
            webhookCallback(builder.callback);
        }
    }

    /** The Graph API, one area after another; a new area of the emulator is one more entry here. */
    private GraphRouter graphRouter(Builder builder) {
        GraphAuth auth = new GraphAuth(world, app, builder.requireAppSecretProof);
        SendRateLimits rateLimits = new SendRateLimits(builder.sendLimitPerSecond, builder.mediaSendLimitPerSecond);
        Consumer<SendApiArea.SentText> onSentText = builder.deliverEchoes ? webhook::echoLater : sent -> { };
        return new GraphRouter(world, auth, rateLimits, List.of(
                new OAuthArea(world, auth, app),
                new NodesArea(world, auth, new Paging(builder.pageSize, baseUrl, defaultVersion), baseUrl),
                new SubscribedAppsArea(auth, app),
                new MessengerProfileArea(auth, world),
                new SendApiArea(world, auth, transcripts, rateLimits, onSentText, app.id(), builder.humanAgentFeature),
                new AttachmentsArea(world, auth, rateLimits, builder.maxUploadBytes),
                new RoutingArea(world, auth, app),
                new PersonasArea(world, auth)));
    }

    /** A builder with made-up app credentials, port 0 (any free port) and Meta's limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator with the defaults of {@link #builder()}. */
    public static PlatformEmulator start() {
        return builder().start();
    }

    // ---------------------------------------------------------------- where it is

    /** The root URL, e.g. {@code http://127.0.0.1:41234}: the SDK's Graph base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The root URL with the default version, e.g. {@code http://127.0.0.1:41234/v26.0}. */
    public String graphUrl() {
        return baseUrl + "/" + defaultVersion;
    }

    /** The TCP port. */
    /**
     * {@return where the emulator serves {@code graph.instagram.com} (the Instagram API with
     * Instagram Login): give it to {@code InstagramLoginClient.Builder.graphBaseUrl}}
     */
    public String instagramGraphUrl() {
        return baseUrl + "/emulator/instagram-graph";
    }

    /**
     * {@return where the emulator serves {@code api.instagram.com} (the code exchange): give it to
     * {@code InstagramLoginClient.Builder.authBaseUrl}}
     */
    public String instagramApiUrl() {
        return baseUrl + "/emulator/instagram-api";
    }

    /**
     * Stands in for Instagram's authorization window: the account's owner granted the scopes and
     * Instagram redirected with this code (single use, valid one hour).
     *
     * @param account the account logging in
     * @param scopes Instagram Login scopes, e.g. {@code instagram_business_manage_messages};
     *     {@code instagram_business_basic} is always granted
     * @return the authorization code
     */
    public String instagramLoginCode(TestInstagramAccount account, String... scopes) {
        return instagramLogin.issueCode(account.id(), java.util.Set.of(scopes));
    }

    public int port() {
        return server.port();
    }

    /** The Graph version the emulator names in paging links when a call had no version prefix. */
    public String defaultVersion() {
        return defaultVersion;
    }

    /** The emulated app's id. */
    public String appId() {
        return app.id();
    }

    /** The emulated app's secret (made up; signs webhooks and checks {@code appsecret_proof}). */
    public AppSecret appSecret() {
        return app.secret();
    }

    /** An app access token ({@code app_id|app_secret}) for {@code debug_token}. */
    public String appAccessToken() {
        return app.id() + "|" + app.secret().reveal();
    }

    /** The emulator's clock. */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- fixtures

    /** A Facebook user who can log in to the app; tokens carry all the permissions a Messenger app asks for. */
    public TestUser createUser(String name) {
        return new TestUser(this, world.createUser(requireText(name, "name")).id);
    }

    /** A page on which {@code admin} has a direct role (it appears in their {@code /me/accounts}). */
    public TestPage createPage(TestUser admin, String name) {
        return new TestPage(this, world.createPage(requireText(name, "name"), "Local business", admin.id(),
                null).id);
    }

    /** A business portfolio administered by {@code admin}. */
    public TestBusiness createBusiness(TestUser admin, String name) {
        return new TestBusiness(this, world.createBusiness(requireText(name, "name"), admin.id()).id);
    }

    /** The user with this id, if the emulator knows it. */
    public Optional<TestUser> user(String id) {
        return Optional.ofNullable(world.user(id)).map(u -> new TestUser(this, u.id));
    }

    /** The page with this id, if the emulator knows it. */
    public Optional<TestPage> page(String id) {
        return Optional.ofNullable(world.page(id)).map(p -> new TestPage(this, p.id));
    }

    /** Every page, in creation order. */
    /**
     * {@return the Instagram account with this id, connected to one of the emulator's pages}
     *
     * @param id the Instagram professional account id
     */
    public Optional<TestInstagramAccount> instagramAccount(String id) {
        return Optional.ofNullable(world.instagram(id)).map(ig -> new TestInstagramAccount(this, ig.id));
    }

    public List<TestPage> pages() {
        return world.allPages().stream().map(p -> new TestPage(this, p.id)).toList();
    }

    /**
     * Creates the demo world the sample app shows: a user "Dana Demo" with a personal page
     * "Demo Coffee Corner", a business portfolio "Demo Outfitters Ltd" owning the page "Demo Bike
     * Repair" (also shared to Dana directly, so it appears twice and must be de-duplicated), a
     * client page "Demo Bakery", and one customer on each page. Dana becomes the demo user whose
     * token the {@code sdk.js} login returns.
     */
    public DemoWorld seedDemo() {
        TestUser dana = createUser("Dana Demo");
        TestPage coffee = createPage(dana, "Demo Coffee Corner");
        TestBusiness business = createBusiness(dana, "Demo Outfitters Ltd");
        TestPage bikes = business.createOwnedPage("Demo Bike Repair");
        bikes.grantRole(dana);
        TestUser other = createUser("Bo Baker");
        TestPage bakery = createPage(other, "Demo Bakery");
        business.addClientPage(bakery);
        TestCustomer alex = coffee.createCustomer("Alex", "Rivera");
        TestCustomer sam = bikes.createCustomer("Sam", "Lee");
        bakery.createCustomer("Kim", "Park");
        coffee.connectInstagramAccount("demo.coffee.corner", "Demo Coffee Corner").createUser("Robin", "Insta");
        demoUserId = dana.id();
        return new DemoWorld(dana, coffee, business, bikes, bakery, alex, sam);
    }

    /** Makes this user the one the {@code sdk.js} login signs in. */
    public void useAsDemoUser(TestUser user) {
        demoUserId = user.id();
    }

    /** The user the {@code sdk.js} login signs in; created ("Demo User") if none was chosen. */
    public synchronized TestUser demoUser() {
        if (demoUserId == null) {
            demoUserId = createUser("Demo User").id();
        }
        return new TestUser(this, demoUserId);
    }

    // ---------------------------------------------------------------- webhooks into the app

    /** Sets the app's webhook callback URL (as in the App Dashboard). */
    public void webhookCallback(URI callbackUrl) {
        webhook.callback(callbackUrl);
    }

    /** The configured webhook callback URL, if any. */
    public Optional<URI> webhookCallback() {
        return Optional.ofNullable(webhook.callback());
    }

    /**
     * Sets the callback URL and runs Meta's verification handshake against it, as the App
     * Dashboard does when the URL is saved.
     *
     * @return true when the app answered 200 with exactly the challenge
     */
    public boolean verifyAndSetWebhookCallback(URI callbackUrl, String verifyToken) {
        return webhook.verifyAndSetCallback(callbackUrl, verifyToken);
    }

    /** The person writes a text to the page: the window opens and a signed webhook goes to the callback. */
    public InboundDelivery userSends(String pageId, String psid, String text) {
        return deliver(TestEvent.text(pageId, psid, text));
    }

    /** The person taps a quick reply (a message with {@code quick_reply.payload}). */
    public InboundDelivery userTapsQuickReply(String pageId, String psid, String title, String payload) {
        return deliver(TestEvent.quickReply(pageId, psid, title, payload));
    }

    /** The person reacts to a message ({@code love}, {@code smile}...) with the given emoji. */
    public InboundDelivery userReacts(String pageId, String psid, String mid, String reaction, String emoji) {
        return deliver(TestEvent.reaction(pageId, psid, mid, reaction, emoji, true));
    }

    /** The person reads everything the page sent up to now (a {@code read} event, watermark = now). */
    public InboundDelivery userReads(String pageId, String psid) {
        return deliver(TestEvent.read(pageId, psid, clock.instant().toEpochMilli()));
    }

    /** The person taps a postback button. */
    public InboundDelivery userTapsPostback(String pageId, String psid, String title, String payload) {
        return deliver(TestEvent.postback(pageId, psid, title, payload));
    }

    /**
     * Delivers any event a person causes (message, postback, reaction, read, delivery) to the
     * callback, as Meta would: messages and postbacks open the 24-hour window and join the
     * transcript; the event's timestamp is set from the emulator clock. Delivery needs a callback
     * URL and, unless disabled in the builder, the page's subscription to the event's field.
     */
    public InboundDelivery deliver(TestEvent event) {
        return webhook.deliver(event);
    }

    InboundDelivery deliverComment(Model.InstagramRecord ig, Model.CommentRecord comment) {
        return webhook.deliverComment(ig, comment);
    }

    /**
     * A webhook trigger through this emulator: it posts to the callback URL set now, signed with the
     * app secret, and shows the emulator each payload first, as {@link #deliver(TestEvent)} does. A
     * person's message or postback opens the 24-hour window and joins the transcript once, however
     * many copies are posted ({@link WebhookTrigger#sendDuplicated}, {@link WebhookTrigger#sendConcurrently}),
     * so replies to it are accepted as on Meta. The events are posted as given (their timestamps
     * too), whatever the page subscribed to. ({@link WebhookTrigger#to} goes around the emulator:
     * replies to its deliveries are refused with code 10, subcode 2018278.)
     *
     * @throws IllegalStateException when no callback URL is set
     */
    public WebhookTrigger trigger() {
        return webhook.witnessedTrigger();
    }

    // ---------------------------------------------------------------- human handoff (Conversation Routing)

    /** The Page inbox's app id, to which a conversation is passed for people to answer by hand. */
    public static final String PAGE_INBOX_APP_ID = RoutingArea.PAGE_INBOX_APP_ID;

    /**
     * Someone at the business answers the person by hand in the Page inbox: the text joins the
     * transcript and its echo, without an {@code app_id}, is posted to the callback.
     */
    public InboundDelivery pageInboxReplies(String pageId, String psid, String text) {
        return webhook.pageInboxReply(pageId, psid, java.util.Objects.requireNonNull(text, "text"));
    }

    /**
     * Another app (the Page inbox by default) takes control of the conversation from this app: the
     * callback gets a {@code take_thread_control} event, this app's sends are refused (10/2018300)
     * and the person's messages reach it in {@code standby}, until control comes back.
     */
    public InboundDelivery otherAppTakesThreadControl(String pageId, String psid, String appId, String metadata) {
        String previous;
        synchronized (world) {
            previous = world.threadOwner(pageId, psid);
            world.threadOwner(pageId, psid, appId);
        }
        return webhook.control(TestEvent.takeThreadControl(pageId, psid, previous == null ? app.id() : previous, appId,
                metadata));
    }

    /**
     * The app controlling the conversation (the Page inbox, say) passes it back to this app: the
     * callback gets a {@code pass_thread_control} event naming this app as the new owner.
     */
    public InboundDelivery threadControlPassedBack(String pageId, String psid, String metadata) {
        String previous;
        synchronized (world) {
            previous = world.threadOwner(pageId, psid);
            world.threadOwner(pageId, psid, app.id());
        }
        return webhook.control(TestEvent.passThreadControl(pageId, psid, app.id(), previous, metadata));
    }

    /** {@return the app controlling the conversation, or empty when it is idle} */
    public Optional<String> threadOwner(String pageId, String psid) {
        return Optional.ofNullable(world.threadOwner(pageId, psid));
    }

    /** Connects another app to the emulated pages; it is listed as a secondary receiver and may be passed threads. */
    public void connectApp(String appId, String name) {
        world.addOtherApp(appId, name);
    }

    // ---------------------------------------------------------------- transcripts

    /** The conversation between a page and a person so far. */
    public Conversation conversation(String pageId, String psid) {
        return transcripts.conversation(pageId, psid);
    }

    /** Every conversation of a page. */
    public List<Conversation> conversations(String pageId) {
        return transcripts.conversationsOf(pageId);
    }

    /**
     * Waits until the conversation satisfies the condition or the timeout passes, woken by each
     * new transcript entry (no polling).
     *
     * @return the conversation when the condition held, or its last state at the timeout
     */
    public Conversation awaitConversation(String pageId, String psid, Predicate<Conversation> condition,
            Duration timeout) {
        try {
            return transcripts.await(pageId, psid, condition, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transcripts.conversation(pageId, psid);
        }
    }

    /** Forgets all transcripts (state such as windows and subscriptions stays). */
    public void clearTranscripts() {
        transcripts.clear();
    }

    // ---------------------------------------------------------------- recording and faults

    /** Every Graph call so far, oldest first (at most the last 10,000). */
    public List<RecordedRequest> requests() {
        return calls.all();
    }

    /** The recorded calls whose method matches and whose path (without version) matches the regex. */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests().stream()
                .filter(r -> r.method().equalsIgnoreCase(method) && pattern.matcher(r.path()).matches())
                .toList();
    }

    /** Forgets the recorded calls (and the refused sends among them). */
    public void clearRequests() {
        calls.clear();
        refusedSends.clear();
    }

    /**
     * Every Send API call the emulator answered with an error, oldest first (at most the last 10,000):
     * a rule it broke (outside the 24-hour window, unknown PSID, text too long...), a token problem, or
     * an injected fault. Failed assertions on a conversation list the ones sent to its person.
     */
    public List<RefusedSend> refusedSends() {
        return refusedSends.all();
    }

    /** The refused sends to this person on this page (including those whose token named no page). */
    public List<RefusedSend> refusedSends(String pageId, String psid) {
        return refusedSends.to(pageId, psid);
    }

    /** The next Graph call (any path) meets this fault. */
    public void injectFault(Fault fault) {
        injectFault(".*", 1, fault);
    }

    /** The next {@code times} Graph calls whose path (without version, e.g. {@code /me/messages}) matches meet this fault. */
    public void injectFault(String pathRegex, int times, Fault fault) {
        faults.add(pathRegex, times, fault);
    }

    /**
     * The next {@code times} Graph calls whose path matches and whose body contains a match of
     * {@code bodyRegex} meet this fault: one send among many, e.g. the reply with a given text
     * ({@code injectFault("/me/messages", "You said: m-17\\b", 2, Fault.serverError(500))}).
     */
    public void injectFault(String pathRegex, String bodyRegex, int times, Fault fault) {
        faults.add(pathRegex, bodyRegex, times, fault);
    }

    /** Removes faults not yet used. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Stops the server gracefully: releases calls held by {@link Fault#delay(Duration)}, lets the calls
     * being answered finish (so a handler waiting for its answer gets it), for at most 5 seconds, then
     * closes every connection.
     */
    @Override
    public void close() {
        graph.close();
        server.close();
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "PlatformEmulator[" + baseUrl() + ", app " + appId() + "]";
    }

    /** Configures and starts a {@link PlatformEmulator}. */
    public static final class Builder {
        private String appId = "1234567890123456";
        private AppSecret appSecret = AppSecret.of("emulator-app-secret-not-a-real-one");
        private String appName = "MessengerKit Emulated App";
        private int port;
        private int pageSize = 25;
        private int sendLimitPerSecond = 300;
        private int mediaSendLimitPerSecond = 10;
        private boolean requireAppSecretProof;
        private boolean requirePageSubscription = true;
        private boolean deliverEchoes;
        private Clock clock = Clock.systemUTC();
        private String defaultVersion = "v26.0";
        private URI callback;
        private boolean humanAgentFeature = true;
        private long maxUploadBytes = 25L * 1024 * 1024;

        private Builder() {
        }

        /** The app id (digits, as Meta's). */
        public Builder appId(String appId) {
            if (appId == null || !appId.matches("\\d{1,32}")) {
                throw new IllegalArgumentException("app id must be digits");
            }
            this.appId = appId;
            return this;
        }

        /** The app secret that signs webhooks and keys {@code appsecret_proof}. */
        public Builder appSecret(AppSecret appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        /** The app's display name (in {@code debug_token} and {@code subscribed_apps}). */
        public Builder appName(String appName) {
            this.appName = requireText(appName, "app name");
            return this;
        }

        /** The port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Default page size of list edges (Meta: 25); small values exercise paging. */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("page size must be at least 1");
            }
            this.pageSize = pageSize;
            return this;
        }

        /** Sends per second per page before code 613 (Meta: 300). */
        public Builder sendRateLimitPerSecond(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            this.sendLimitPerSecond = limit;
            return this;
        }

        /** Audio and video sends per second per page before code 613 (Meta: 10). */
        public Builder mediaSendRateLimitPerSecond(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            this.mediaSendLimitPerSecond = limit;
            return this;
        }

        /** Rejects user and page token calls without {@code appsecret_proof} ("Require App Secret"). */
        public Builder requireAppSecretProof(boolean require) {
            this.requireAppSecretProof = require;
            return this;
        }

        /**
         * Whether inbound events reach the callback only when the app is subscribed to the page's
         * matching webhook field (default true, as on the platform).
         */
        public Builder requirePageSubscription(boolean require) {
            this.requirePageSubscription = require;
            return this;
        }

        /**
         * Whether each text message the page sends is echoed to the callback as a
         * {@code message_echoes} webhook ({@code is_echo: true}, the app's id as {@code app_id}),
         * when the page is subscribed to that field. Off by default.
         */
        public Builder deliverEchoes(boolean deliver) {
            this.deliverEchoes = deliver;
            return this;
        }

        /** The clock for windows, expiry and rate limits; a {@link MutableClock} makes time controllable. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The version used in paging links for calls without a version prefix (default {@code v26.0}). */
        public Builder defaultVersion(String version) {
            this.defaultVersion = requireText(version, "version");
            return this;
        }

        /**
         * Whether the app has Meta's Human Agent feature (default true): with it, {@code HUMAN_AGENT}
         * sends are accepted for 7 days after the person's last message; without it, refused with
         * 10/2018278 after 24 hours, as Meta answers a bot.
         */
        public Builder humanAgentFeature(boolean enabled) {
            this.humanAgentFeature = enabled;
            return this;
        }

        /**
         * The largest upload {@code /me/message_attachments} accepts (default Meta's 25 MB); lower
         * it to test the 2018109 refusal with small files.
         */
        public Builder maxUploadBytes(long bytes) {
            if (bytes < 1 || bytes > 25L * 1024 * 1024) {
                throw new IllegalArgumentException("maxUploadBytes is between 1 and 25 MB");
            }
            this.maxUploadBytes = bytes;
            return this;
        }

        /** The app's webhook callback URL. */
        public Builder webhookCallback(URI callbackUrl) {
            this.callback = callbackUrl;
            return this;
        }

        /** Binds and starts the emulator. */
        public PlatformEmulator start() {
            return new PlatformEmulator(this);
        }
    }
}
