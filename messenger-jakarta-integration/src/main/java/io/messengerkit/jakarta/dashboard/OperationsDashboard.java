package io.messengerkit.jakarta.dashboard;

import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.DashboardQueries;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an operator needs to see about one chatbot, in one read: traffic, reply latency and failures
 * from the message log, the health of the linked account and of every linked page with the action
 * that fixes it, Meta's last reported rate-limit usage per page, and how long the configured Graph
 * API version is still served.
 */
public final class OperationsDashboard {
    /** Days shown when the caller does not say. */
    public static final int DEFAULT_DAYS = 14;
    /** A login expiring sooner than this is worth renewing now. */
    static final Duration LOGIN_RENEWAL = Duration.ofDays(7);

    /** How a linked account or page is doing. */
    public enum State {
        /** Working. */
        OK,
        /** Meta no longer accepts its token, or none is stored. */
        RECONNECT_NEEDED,
        /** The login works but expires soon. */
        TOKEN_EXPIRING,
        /** Meta no longer sends the page's messages to this app. */
        UNSUBSCRIBED,
        /** The linked Facebook account lost its role on the page. */
        LOST_ACCESS,
        /** Nothing has confirmed it works for longer than the health check should take. */
        UNVERIFIED
    }

    /** What fixes a state, as the admin page offers it. */
    public enum Action {
        /** Log in with Facebook again ({@code POST /api/fb-linkage/} with the new login). */
        RECONNECT,
        /** Link the page again, which subscribes it and stores a fresh page token ({@code POST /api/link-pages/}). */
        RESUBSCRIBE,
        /** Read the account's pages from Facebook again ({@code GET /api/refresh-pages/}). */
        REFRESH_PAGES,
        /** Run the subscription and token check now ({@code POST /api/health-check/}). */
        CHECK_NOW
    }

    /**
     * A state, what fixes it, and the words that explain it.
     *
     * @param state the state
     * @param action what fixes it; empty when nothing needs fixing
     * @param detail one sentence for people
     */
    public record Health(State state, Optional<Action> action, String detail) {
    }

    /**
     * One linked page.
     *
     * @param page the page
     * @param token its stored token's metadata (never the token); empty when none is stored
     * @param health its health
     * @param usage Meta's last reported rate-limit usage for it, when a call reported one
     */
    public record PageHealth(LinkedPage page, Optional<SealedToken> token, Health health,
            Optional<PageUsageTracker.Reading> usage) {
    }

    /**
     * The linked Facebook account.
     *
     * @param account the account
     * @param health its health
     */
    public record AccountHealth(LinkedAccount account, Health health) {
    }

    /**
     * How long Meta still serves the configured Graph API version.
     *
     * @param version the version
     * @param level how urgent
     * @param daysLeft days until Meta stops serving it; empty when no date is announced
     * @param message one sentence for people
     */
    public record VersionNotice(GraphApiVersion version, Level level, OptionalLong daysLeft, String message) {
        /** How urgent a version notice is. */
        public enum Level {
            /** Served for longer than the warning period. */
            CURRENT,
            /** Meta has announced no end date. */
            UNANNOUNCED,
            /** Ends within {@link MessengerConfig#VERSION_WARNING_DAYS} days. */
            EXPIRING,
            /** No longer served. */
            EXPIRED
        }
    }

    /**
     * Everything the dashboard shows for one chatbot.
     *
     * @param chatbotId the chatbot
     * @param at when it was read
     * @param figures traffic, latency and failures
     * @param account the linked account, if any
     * @param pages the linked pages
     * @param appUsage Meta's last reported {@code X-App-Usage}, if any
     * @param graphApiVersion the Graph API version notice
     */
    public record Snapshot(String chatbotId, Instant at, DashboardQueries.MessageFigures figures,
            Optional<AccountHealth> account, List<PageHealth> pages, Optional<PageUsageTracker.Reading> appUsage,
            VersionNotice graphApiVersion) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param chatbotId the chatbot
         * @param at when it was read
         * @param figures traffic, latency and failures
         * @param account the linked account, if any
         * @param pages the linked pages
         * @param appUsage Meta's last reported {@code X-App-Usage}, if any
         * @param graphApiVersion the Graph API version notice
         */
        public Snapshot {
            pages = List.copyOf(pages);
        }
    }

    private final DashboardQueries queries;
    private final LinkRepository links;
    private final TokenService tokens;
    private final PageUsageTracker usage;
    private final GraphApiVersion version;
    private final Duration healthCheckInterval;
    private final Clock clock;

    /**
     * A dashboard over the given stores.
     *
     * @param queries the message-log figures
     * @param links the linked accounts and pages
     * @param tokens the token service (metadata only is read)
     * @param usage Meta's last reported usage
     * @param version the configured Graph API version
     * @param healthCheckInterval how often the scheduled health check runs; zero when it does not
     * @param clock the time source
     */
    public OperationsDashboard(DashboardQueries queries, LinkRepository links, TokenService tokens,
            PageUsageTracker usage, GraphApiVersion version, Duration healthCheckInterval, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.links = Objects.requireNonNull(links, "links");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.version = Objects.requireNonNull(version, "version");
        this.healthCheckInterval = Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the dashboard of one chatbot.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param days how many UTC days of traffic, today included, 1 to {@link DashboardQueries#MAX_DAYS}
     * @return the snapshot
     */
    public Snapshot snapshot(String chatbotId, int days) {
        if (days < 1 || days > DashboardQueries.MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + DashboardQueries.MAX_DAYS);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        DashboardQueries.MessageFigures figures = queries.figures(chatbotId, today.minusDays(days - 1L), today);
        Map<TokenKey, SealedToken> stored = tokens.list(chatbotId).stream()
                .collect(Collectors.toMap(SealedToken::key, Function.identity(), (a, b) -> a));
        Optional<AccountHealth> account = links.account(chatbotId).map(a -> new AccountHealth(a,
                accountHealth(a, Optional.ofNullable(stored.get(TokenKey.user(chatbotId, a.facebookUserId()))), now)));
        List<PageHealth> pages = new ArrayList<>();
        for (LinkedPage page : links.pages(chatbotId, false)) {
            Optional<SealedToken> token = Optional.ofNullable(stored.get(TokenKey.page(chatbotId, page.pageId())));
            pages.add(new PageHealth(page, token, pageHealth(page, token, now, healthCheckInterval),
                    usage.page(page.pageId())));
        }
        return new Snapshot(chatbotId, now, figures, account, pages, usage.app(), versionNotice(version, today));
    }

    /**
     * {@return the health of a linked page and what fixes it}
     *
     * @param page the page
     * @param token its stored token's metadata, if one is stored
     * @param now the time
     * @param healthCheckInterval how often the scheduled check runs; zero when it does not
     */
    static Health pageHealth(LinkedPage page, Optional<SealedToken> token, Instant now, Duration healthCheckInterval) {
        if (token.isEmpty()) {
            return reconnect("No page token is stored for this page; log in with Facebook again.");
        }
        TokenStatus tokenStatus = token.get().status();
        boolean expired = tokenStatus == TokenStatus.EXPIRED
                || token.get().expiresAt().filter(t -> !t.isAfter(now)).isPresent();
        if (page.status() == LinkStatus.RECONNECT_NEEDED || tokenStatus == TokenStatus.RECONNECT_NEEDED || expired) {
            return reconnect(Optional.ofNullable(page.statusDetail()).orElse(expired
                    ? "The page token has expired; log in with Facebook again."
                    : "Meta no longer accepts the page token; log in with Facebook again."));
        }
        if (page.status() == LinkStatus.LOST_ACCESS) {
            return new Health(State.LOST_ACCESS, Optional.of(Action.REFRESH_PAGES), "The linked Facebook account has no"
                    + " role on this page any more. Ask a page admin to give it one, then refresh the pages.");
        }
        if (page.status() == LinkStatus.UNSUBSCRIBED) {
            return new Health(State.UNSUBSCRIBED, Optional.of(Action.RESUBSCRIBE),
                    Optional.ofNullable(page.statusDetail()).orElse("Meta no longer sends this page's messages to the app.")
                            + " Subscribe it again.");
        }
        Instant verified = page.checkedAt().filter(c -> c.isAfter(page.linkedAt())).orElse(page.linkedAt());
        Duration allowed = healthCheckInterval.isZero() || healthCheckInterval.isNegative()
                ? Duration.ofDays(1) : healthCheckInterval.multipliedBy(2);
        if (verified.plus(allowed).isBefore(now)) {
            return new Health(State.UNVERIFIED, Optional.of(Action.CHECK_NOW), "Not checked since "
                    + verified.truncatedTo(ChronoUnit.SECONDS) + "; run the health check.");
        }
        return new Health(State.OK, Optional.empty(), "Subscribed; the page token is valid.");
    }

    /**
     * {@return the health of the linked account and what fixes it}
     *
     * @param account the account
     * @param userToken its stored user token's metadata, if one is stored
     * @param now the time
     */
    static Health accountHealth(LinkedAccount account, Optional<SealedToken> userToken, Instant now) {
        boolean rejected = userToken.map(t -> !t.status().usable()).orElse(true);
        Optional<Instant> expires = account.tokenExpiresAt().or(() -> userToken.flatMap(SealedToken::expiresAt));
        if (account.status() == LinkStatus.RECONNECT_NEEDED || rejected
                || expires.filter(t -> !t.isAfter(now)).isPresent()) {
            return reconnect(Optional.ofNullable(account.statusDetail())
                    .orElse("Meta no longer accepts this Facebook login; log in again."));
        }
        if (expires.filter(t -> t.isBefore(now.plus(LOGIN_RENEWAL))).isPresent()) {
            return new Health(State.TOKEN_EXPIRING, Optional.of(Action.RECONNECT), "The Facebook login expires on "
                    + expires.get().truncatedTo(ChronoUnit.SECONDS) + "; log in again to renew it.");
        }
        return new Health(State.OK, Optional.empty(), "The Facebook login is valid.");
    }

    /**
     * {@return how long Meta still serves {@code version}, as of {@code today}}
     *
     * @param version the Graph API version
     * @param today the day to count from (UTC)
     */
    public static VersionNotice versionNotice(GraphApiVersion version, LocalDate today) {
        if (version.availableUntil().isEmpty()) {
            return new VersionNotice(version, VersionNotice.Level.UNANNOUNCED, OptionalLong.empty(),
                    "Graph API " + version + ": Meta has not announced an end date.");
        }
        LocalDate until = version.availableUntil().get();
        long days = ChronoUnit.DAYS.between(today, until);
        if (version.isExpiredOn(today)) {
            return new VersionNotice(version, VersionNotice.Level.EXPIRED, OptionalLong.of(days), "Graph API " + version
                    + " is no longer served since " + until + ". Set MESSENGER_API_VERSION to a current version.");
        }
        if (version.expiresWithin(today, MessengerConfig.VERSION_WARNING_DAYS)) {
            return new VersionNotice(version, VersionNotice.Level.EXPIRING, OptionalLong.of(days), "Graph API " + version
                    + " is served until " + until + " (" + days + (days == 1 ? " day" : " days")
                    + " left). Move MESSENGER_API_VERSION to a newer version before then.");
        }
        return new VersionNotice(version, VersionNotice.Level.CURRENT, OptionalLong.of(days),
                "Graph API " + version + " is served until " + until + ".");
    }

    private static Health reconnect(String detail) {
        return new Health(State.RECONNECT_NEEDED, Optional.of(Action.RECONNECT), detail);
    }
}
