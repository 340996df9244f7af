package io.messengerkit.config;

import io.messengerkit.AppSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the SDK needs to talk to Meta for one app: app id and secret, Graph API version, base
 * URL, timeouts, retry policy and send rate limits, plus the optional webhook and token-vault
 * settings other parts of the SDK read.
 *
 * <p>Immutable and safe to share. Build it with {@link #builder()} or read it from the environment
 * with {@link #fromEnvironment()}. Missing or malformed settings fail in {@code build()} with a
 * {@link ConfigurationException} naming the setting. {@link #toString()} never prints secrets.
 *
 * <p>When the configured API version has expired, or expires within {@value #VERSION_WARNING_DAYS}
 * days, {@code build()} logs a warning and {@link #versionWarning()} returns it; the version is still
 * used, because only the user can decide to move to a newer one.
 */
public final class MessengerConfig {
    /** Days before a version's expiry from which the configuration warns. */
    public static final int VERSION_WARNING_DAYS = 90;

    /** Meta's public Graph API endpoint. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://graph.facebook.com");

    /** Meta's published Send API limit per page for text, links, reactions and stickers. */
    public static final int DEFAULT_SENDS_PER_SECOND = 300;

    /** Meta's published Send API limit per page for audio and video attachments. */
    public static final int DEFAULT_MEDIA_SENDS_PER_SECOND = 10;

    /** Environment variable with the Meta app id. */
    public static final String ENV_APP_ID = "MESSENGER_APP_ID";
    /** Environment variable with the app secret. */
    public static final String ENV_APP_SECRET = "MESSENGER_APP_SECRET";
    /** Environment variable with the Graph API version. */
    public static final String ENV_API_VERSION = "MESSENGER_API_VERSION";
    /** Environment variable with the Graph API base URL. */
    public static final String ENV_GRAPH_BASE_URL = "MESSENGER_GRAPH_BASE_URL";
    /** Environment variable with the webhook verify token. */
    public static final String ENV_VERIFY_TOKEN = "MESSENGER_VERIFY_TOKEN";
    /** Environment variable with the seed's Fernet key, for importing its tokens. */
    public static final String ENV_ENCRYPTION_KEY = "MESSENGER_ENCRYPTION_KEY";
    /** Environment variable with the token keyset as Tink JSON. */
    public static final String ENV_TOKEN_KEYSET = "MESSENGER_TOKEN_KEYSET";
    /** Environment variable with the file holding the token keyset. */
    public static final String ENV_TOKEN_KEYSET_FILE = "MESSENGER_TOKEN_KEYSET_FILE";
    /** Environment variable with the connect timeout in milliseconds. */
    public static final String ENV_CONNECT_TIMEOUT_MS = "MESSENGER_HTTP_CONNECT_TIMEOUT_MS";
    /** Environment variable with the request timeout in milliseconds. */
    public static final String ENV_REQUEST_TIMEOUT_MS = "MESSENGER_HTTP_REQUEST_TIMEOUT_MS";
    /** Environment variable with the most attempts per retryable call. */
    public static final String ENV_RETRY_MAX_ATTEMPTS = "MESSENGER_RETRY_MAX_ATTEMPTS";

    private static final System.Logger LOG = System.getLogger(MessengerConfig.class.getName());

    private static final String EXPECTED_APP_ID =
            "the numeric App ID from the App Dashboard (App settings > Basic), such as 1234567890123456";
    private static final String EXPECTED_APP_SECRET = "the App Secret from the App Dashboard (App settings > Basic)";
    private static final String EXPECTED_BASE_URL =
            "an absolute http(s) URL without a version, such as https://graph.facebook.com";
    private static final String EXPECTED_VERIFY_TOKEN = "the verify token you enter beside the callback URL in the"
            + " App Dashboard's webhook settings (text you choose, such as a random string of 20 or more characters)";

    private final String appId;
    private final AppSecret appSecret;
    private final GraphApiVersion apiVersion;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final int sendsPerSecond;
    private final int mediaSendsPerSecond;
    private final String verifyToken;
    private final String encryptionKey;
    private final String tokenKeyset;
    private final Path tokenKeysetFile;
    private final String versionWarning;

    private MessengerConfig(Builder b, String versionWarning) {
        this.appId = b.appId;
        this.appSecret = b.appSecret;
        this.apiVersion = b.apiVersion;
        this.baseUrl = b.baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.sendsPerSecond = b.sendsPerSecond;
        this.mediaSendsPerSecond = b.mediaSendsPerSecond;
        this.verifyToken = b.verifyToken;
        this.encryptionKey = b.encryptionKey;
        this.tokenKeyset = b.tokenKeyset;
        this.tokenKeysetFile = b.tokenKeysetFile;
        this.versionWarning = versionWarning;
    }

    /** {@return a builder with the defaults: version {@code v26.0}, Meta's base URL, 10 s / 30 s timeouts} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration from the process environment ({@link System#getenv()}).
     *
     * @return the configuration
     * @throws ConfigurationException naming the first variable that is missing or malformed
     */
    public static MessengerConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration from the given variables: {@value #ENV_APP_ID} and
     * {@value #ENV_APP_SECRET} (required), {@value #ENV_API_VERSION}, {@value #ENV_GRAPH_BASE_URL},
     * {@value #ENV_VERIFY_TOKEN}, {@value #ENV_ENCRYPTION_KEY}, {@value #ENV_TOKEN_KEYSET},
     * {@value #ENV_TOKEN_KEYSET_FILE}, {@value #ENV_CONNECT_TIMEOUT_MS},
     * {@value #ENV_REQUEST_TIMEOUT_MS} and {@value #ENV_RETRY_MAX_ATTEMPTS}. Blank values count as
     * absent.
     *
     * @param env the variables to read
     * @return the configuration
     * @throws ConfigurationException naming the first variable that is missing or malformed
     */
    public static MessengerConfig fromEnvironment(Map<String, String> env) {
        return builderFromEnvironment(env).build();
    }

    /**
     * Like {@link #fromEnvironment(Map)} but returns the builder, so a caller can override some
     * settings before building.
     *
     * @param env the variables to read
     * @return a builder holding the values read
     */
    public static Builder builderFromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Function<String, Optional<String>> get = name -> Optional.ofNullable(env.get(name))
                .map(String::strip).filter(v -> !v.isEmpty());
        Builder b = builder();
        b.appId(get.apply(ENV_APP_ID).orElseThrow(() -> missing(ENV_APP_ID, EXPECTED_APP_ID)), ENV_APP_ID);
        b.appSecret(AppSecret.of(
                get.apply(ENV_APP_SECRET).orElseThrow(() -> missing(ENV_APP_SECRET, EXPECTED_APP_SECRET))));
        get.apply(ENV_API_VERSION).ifPresent(v -> b.apiVersion(
                parse(ENV_API_VERSION, v, GraphApiVersion::of, "a Graph API version such as " + GraphApiVersion.DEFAULT)));
        get.apply(ENV_GRAPH_BASE_URL).ifPresent(v -> b.baseUrl(v, ENV_GRAPH_BASE_URL));
        get.apply(ENV_VERIFY_TOKEN).ifPresent(b::verifyToken);
        get.apply(ENV_ENCRYPTION_KEY).ifPresent(b::encryptionKey);
        get.apply(ENV_TOKEN_KEYSET).ifPresent(b::tokenKeyset);
        get.apply(ENV_TOKEN_KEYSET_FILE).ifPresent(v -> b.tokenKeysetFile(
                parse(ENV_TOKEN_KEYSET_FILE, v, Path::of, "the path of a keyset file, such as /run/secrets/token-keyset.json")));
        get.apply(ENV_CONNECT_TIMEOUT_MS).ifPresent(v -> b.connectTimeout(millis(ENV_CONNECT_TIMEOUT_MS, v, 10_000)));
        get.apply(ENV_REQUEST_TIMEOUT_MS).ifPresent(v -> b.requestTimeout(millis(ENV_REQUEST_TIMEOUT_MS, v, 30_000)));
        get.apply(ENV_RETRY_MAX_ATTEMPTS).ifPresent(v -> {
            String expected = "a whole number of attempts, at least 1, such as 4";
            int attempts = parse(ENV_RETRY_MAX_ATTEMPTS, v, Integer::parseInt, expected);
            RetryPolicy d = RetryPolicy.defaults();
            b.retryPolicy(parse(ENV_RETRY_MAX_ATTEMPTS, v,
                    x -> new RetryPolicy(attempts, d.initialDelay(), d.maxDelay(), d.maxTotalTime()), expected));
        });
        return b;
    }

    private static ConfigurationException missing(String variable, String expected) {
        return new ConfigurationException(variable + " is not set: set it to " + expected);
    }

    private static <T> T parse(String variable, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            // The value itself is not echoed: some of these variables hold secrets.
            throw new ConfigurationException(variable + " is malformed: it must be " + expected, e);
        }
    }

    private static Duration millis(String variable, String value, int example) {
        String expected = "a positive whole number of milliseconds, such as " + example;
        long ms = parse(variable, value, Long::parseLong, expected);
        if (ms <= 0) {
            throw new ConfigurationException(variable + " must be " + expected);
        }
        return Duration.ofMillis(ms);
    }

    /** {@return the Meta app id (digits)} */
    public String appId() {
        return appId;
    }

    /** {@return the app secret; it redacts itself when printed} */
    public AppSecret appSecret() {
        return appSecret;
    }

    /** {@return the Graph API version every call uses} */
    public GraphApiVersion apiVersion() {
        return apiVersion;
    }

    /**
     * Scheme, host and port of the Graph API, without version, e.g. {@code https://graph.facebook.com}.
     *
     * @return the Graph API base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Time allowed to open a connection.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Time allowed for one request, from sending it to the end of the response.
     *
     * @return the per-request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@return how failed calls are retried} */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Client-side cap on Send API calls per second per page (text, links, reactions, stickers).
     *
     * @return the client-side cap on sends per second per page
     */
    public int sendsPerSecond() {
        return sendsPerSecond;
    }

    /**
     * Client-side cap on Send API calls per second per page carrying audio or video.
     *
     * @return the client-side cap on audio and video sends per second per page
     */
    public int mediaSendsPerSecond() {
        return mediaSendsPerSecond;
    }

    /** {@return the webhook verify token ({@value #ENV_VERIFY_TOKEN}), if configured} */
    public Optional<String> verifyToken() {
        return Optional.ofNullable(verifyToken);
    }

    /**
     * The webhook verify token, for code that cannot work without it (the webhook endpoint's handshake).
     *
     * @return the verify token
     * @throws ConfigurationException naming {@value #ENV_VERIFY_TOKEN} when no verify token is configured
     */
    public String requireVerifyToken() {
        if (verifyToken == null) {
            throw new ConfigurationException(ENV_VERIFY_TOKEN + " is not set (or verifyToken on the builder):"
                    + " set it to " + EXPECTED_VERIFY_TOKEN);
        }
        return verifyToken;
    }

    /** {@return the seed's Fernet key ({@value #ENV_ENCRYPTION_KEY}), used only to import old tokens} */
    public Optional<String> encryptionKey() {
        return Optional.ofNullable(encryptionKey);
    }

    /** {@return the token keyset as Tink JSON ({@value #ENV_TOKEN_KEYSET}), if configured inline} */
    public Optional<String> tokenKeyset() {
        return Optional.ofNullable(tokenKeyset);
    }

    /** {@return the file holding the token keyset ({@value #ENV_TOKEN_KEYSET_FILE}), if configured} */
    public Optional<Path> tokenKeysetFile() {
        return Optional.ofNullable(tokenKeysetFile);
    }

    /** {@return the warning about the API version's expiry computed at build time, if there is one} */
    public Optional<String> versionWarning() {
        return Optional.ofNullable(versionWarning);
    }

    /** {@return a builder holding this configuration's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.appId = appId;
        b.appSecret = appSecret;
        b.apiVersion = apiVersion;
        b.baseUrl = baseUrl;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.retryPolicy = retryPolicy;
        b.sendsPerSecond = sendsPerSecond;
        b.mediaSendsPerSecond = mediaSendsPerSecond;
        b.verifyToken = verifyToken;
        b.encryptionKey = encryptionKey;
        b.tokenKeyset = tokenKeyset;
        b.tokenKeysetFile = tokenKeysetFile;
        return b;
    }

    @Override
    public String toString() {
        return "MessengerConfig[appId=" + appId + ", appSecret=" + appSecret + ", apiVersion=" + apiVersion
                + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", retryPolicy=" + retryPolicy + ", sendsPerSecond=" + sendsPerSecond
                + ", mediaSendsPerSecond=" + mediaSendsPerSecond
                + ", verifyToken=" + (verifyToken == null ? "unset" : "[redacted]")
                + ", encryptionKey=" + (encryptionKey == null ? "unset" : "[redacted]")
                + ", tokenKeyset=" + (tokenKeyset == null ? "unset" : "[redacted]")
                + ", tokenKeysetFile=" + tokenKeysetFile + "]";
    }

    /** Builds a {@link MessengerConfig}; not thread-safe. */
    public static final class Builder {
        private String appId;
        private AppSecret appSecret;
        private GraphApiVersion apiVersion = GraphApiVersion.DEFAULT;
        private URI baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int sendsPerSecond = DEFAULT_SENDS_PER_SECOND;
        private int mediaSendsPerSecond = DEFAULT_MEDIA_SENDS_PER_SECOND;
        private String verifyToken;
        private String encryptionKey;
        private String tokenKeyset;
        private Path tokenKeysetFile;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The Meta app id; digits only. Required.
         *
         * @param appId the app id
         * @return this builder
         */
        public Builder appId(String appId) {
            return appId(appId, "appId");
        }

        private Builder appId(String appId, String settingName) {
            if (appId == null || !appId.strip().matches("\\d{1,32}")) {
                throw new ConfigurationException(settingName + " must be " + EXPECTED_APP_ID);
            }
            this.appId = appId.strip();
            return this;
        }

        /**
         * The app secret. Required.
         *
         * @param appSecret the app secret
         * @return this builder
         */
        public Builder appSecret(AppSecret appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        /**
         * {@return the Graph API version; default {@link GraphApiVersion#DEFAULT}}
         *
         * @param apiVersion the version
         */
        public Builder apiVersion(GraphApiVersion apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
            return this;
        }

        /**
         * {@return the Graph API version by name, e.g. {@code "v26.0"}}
         *
         * @param apiVersion the version name
         */
        public Builder apiVersion(String apiVersion) {
            return apiVersion(GraphApiVersion.of(apiVersion));
        }

        /**
         * {@return where the Graph API lives; tests and the emulator point this at loopback}
         *
         * @param baseUrl the base URL
         */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            return baseUrl(baseUrl.toString(), "baseUrl");
        }

        /**
         * {@return where the Graph API lives, as text}
         *
         * @param baseUrl the base URL
         */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(baseUrl, "baseUrl");
        }

        private Builder baseUrl(String text, String settingName) {
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException | NullPointerException e) {
                throw new ConfigurationException(settingName + " is not a URL: it must be " + EXPECTED_BASE_URL, e);
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigurationException(settingName + " must be " + EXPECTED_BASE_URL + ", got " + uri);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigurationException(settingName + " must be " + EXPECTED_BASE_URL
                        + ", without a query or fragment");
            }
            String s = uri.toString();
            this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return this;
        }

        /**
         * Time allowed to open a connection; default 10 s.
         *
         * @param timeout the timeout; positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Time allowed for one request; default 30 s.
         *
         * @param timeout the timeout; positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Retry policy; default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Client-side Send API rate caps per page; defaults are Meta's published 300 and 10 calls per
         * second.
         *
         * @param sendsPerSecond sends per second per page
         * @param mediaSendsPerSecond audio and video sends per second per page
         * @return this builder
         */
        public Builder sendRateLimits(int sendsPerSecond, int mediaSendsPerSecond) {
            if (sendsPerSecond < 1 || mediaSendsPerSecond < 1) {
                throw new ConfigurationException("send rate limits must be at least 1 per second");
            }
            this.sendsPerSecond = sendsPerSecond;
            this.mediaSendsPerSecond = mediaSendsPerSecond;
            return this;
        }

        /**
         * {@return the webhook verify token}
         *
         * @param verifyToken the token
         */
        public Builder verifyToken(String verifyToken) {
            this.verifyToken = verifyToken;
            return this;
        }

        /**
         * {@return the seed's Fernet key, for importing tokens it encrypted}
         *
         * @param encryptionKey the Fernet key
         */
        public Builder encryptionKey(String encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * {@return the token keyset as Tink JSON}
         *
         * @param keysetJson the keyset JSON
         */
        public Builder tokenKeyset(String keysetJson) {
            this.tokenKeyset = keysetJson;
            return this;
        }

        /**
         * {@return the file holding the token keyset}
         *
         * @param file the keyset file
         */
        public Builder tokenKeysetFile(Path file) {
            this.tokenKeysetFile = file;
            return this;
        }

        /**
         * {@return the clock used to judge the API version's expiry; default UTC system clock}
         *
         * @param clock the clock
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new ConfigurationException(name + " must be a positive duration");
            }
            return d;
        }

        /**
         * Validates and builds. Logs a warning when the API version has expired or expires within
         * {@value MessengerConfig#VERSION_WARNING_DAYS} days.
         *
         * @return the configuration
         * @throws ConfigurationException when the app id or secret is missing
         */
        public MessengerConfig build() {
            if (appId == null) {
                throw new ConfigurationException("appId is not set (" + ENV_APP_ID + "): set it to " + EXPECTED_APP_ID);
            }
            if (appSecret == null) {
                throw new ConfigurationException("appSecret is not set (" + ENV_APP_SECRET + "): set it to "
                        + EXPECTED_APP_SECRET);
            }
            LocalDate today = LocalDate.now(clock);
            String warning = null;
            if (apiVersion.isExpiredOn(today)) {
                warning = "Graph API " + apiVersion + " expired on " + apiVersion.availableUntil().orElseThrow()
                        + "; Meta no longer serves it. Upgrade to " + GraphApiVersion.DEFAULT
                        + " (set " + ENV_API_VERSION + ").";
            } else if (apiVersion.expiresWithin(today, VERSION_WARNING_DAYS)) {
                warning = "Graph API " + apiVersion + " expires on " + apiVersion.availableUntil().orElseThrow()
                        + "; upgrade to " + GraphApiVersion.DEFAULT + " before then (set " + ENV_API_VERSION + ").";
            }
            if (warning != null) {
                LOG.log(System.Logger.Level.WARNING, warning);
            }
            return new MessengerConfig(this, warning);
        }
    }
}
