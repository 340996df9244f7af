package io.messengerkit.jakarta.health;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.link.GraphPort;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.token.HealthReport;
import io.messengerkit.token.TokenHealth;
import io.messengerkit.token.TokenHealthChecker;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKind;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps linked pages working: Meta unsubscribes an app from a page after an hour of failed
 * deliveries, and tokens die when a user changes password or loses a page role. For each linked
 * page it reads {@code subscribed_apps} and re-subscribes when this app is missing; it runs the
 * SDK's token health check over the chatbot's tokens; it marks accounts and pages "reconnect
 * needed" when Meta rejects their tokens, and reports what it did.
 */
public final class SubscriptionHealthCheck {
    private static final System.Logger LOG = System.getLogger(SubscriptionHealthCheck.class.getName());

    /**
     * What the check did for one page.
     *
     * @param pageId the page
     * @param outcome {@code subscribed}, {@code resubscribed}, {@code reconnect_needed}, {@code unsubscribed},
     *     {@code check_failed}
     * @param detail more words (Graph code and fbtrace_id on failures), or null
     */
    public record PageResult(String pageId, String outcome, String detail) {
    }

    /**
     * What one run did for one chatbot.
     *
     * @param chatbotId the chatbot
     * @param checkedAt when it ran
     * @param accountStatus the account's status after the run, or null without an account
     * @param pages per linked page
     * @param tokensChecked tokens asked about
     * @param tokensNeedingReconnect tokens that need a new login
     */
    public record Report(String chatbotId, Instant checkedAt, LinkStatus accountStatus, List<PageResult> pages,
            int tokensChecked, int tokensNeedingReconnect) {
    }

    /**
     * The last known status of a chatbot's account and pages, as stored by earlier checks.
     *
     * @param chatbotId the chatbot
     * @param accountStatus the account's status, or null without an account
     * @param accountStatusDetail why the account is not active, or null
     * @param accountCheckedAt when the account was last checked, if ever
     * @param checkInterval how often the scheduled check runs
     * @param pages the chatbot's linked pages, with their status
     */
    public record Status(String chatbotId, LinkStatus accountStatus, String accountStatusDetail,
            Optional<Instant> accountCheckedAt, Duration checkInterval, List<LinkedPage> pages) {
    }

    private final GraphPort graph;
    private final TokenService tokens;
    private final LinkRepository links;
    private final IntegrationSettings settings;
    private final String appId;
    private final Clock clock;

    /**
     * A check over the given stores and Graph calls.
     *
     * @param graph the Graph calls
     * @param tokens the token service
     * @param links the linked accounts and pages
     * @param settings the module's settings
     * @param appId this app's id, to find it among a page's subscribed apps
     * @param clock the time source
     */
    public SubscriptionHealthCheck(GraphPort graph, TokenService tokens, LinkRepository links,
            IntegrationSettings settings, String appId, Clock clock) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks every chatbot with a linked account; one chatbot's failure does not stop the others.
     *
     * @return one report per chatbot
     */
    public List<Report> runAll() {
        List<Report> reports = new ArrayList<>();
        for (String chatbotId : links.chatbotsWithAccounts()) {
            try {
                reports.add(run(chatbotId));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Health check of chatbot {0} failed: {1}", chatbotId, e.toString());
            }
        }
        return reports;
    }

    /**
     * Checks one chatbot now.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return what the check found and did
     */
    public Report run(String chatbotId) {
        Instant now = clock.instant();
        Optional<LinkedAccount> account = links.account(chatbotId);
        HealthReport tokenReport = new TokenHealthChecker(tokens, graph::debugToken).check(chatbotId);
        for (TokenHealth health : tokenReport.results()) {
            if (!health.needsReconnect()) {
                continue;
            }
            String detail = "Meta reports the token " + health.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + health.errorSubcode().map(s -> " (subcode " + s + ")").orElse("") + "; log in again.";
            if (health.key().kind() == TokenKind.USER) {
                links.setAccountStatus(chatbotId, LinkStatus.RECONNECT_NEEDED, detail);
            } else {
                links.setPageStatus(chatbotId, health.key().ownerId(), LinkStatus.RECONNECT_NEEDED, detail);
            }
        }
        account.filter(a -> a.status() == LinkStatus.ACTIVE)
                .ifPresent(a -> links.accountChecked(chatbotId, tokenReport.results().stream()
                        .filter(h -> h.key().kind() == TokenKind.USER).findFirst().flatMap(TokenHealth::expiresAt)));

        List<PageResult> pages = new ArrayList<>();
        for (LinkedPage page : links.pages(chatbotId, false)) {
            pages.add(checkPage(chatbotId, page));
        }
        Report report = new Report(chatbotId, now, links.account(chatbotId).map(LinkedAccount::status).orElse(null),
                pages, tokenReport.results().size(), tokenReport.needsReconnect().size());
        LOG.log(Level.INFO, "Health check of chatbot {0}: {1} pages, {2} tokens need reconnecting",
                chatbotId, pages.size(), report.tokensNeedingReconnect());
        return report;
    }

    private PageResult checkPage(String chatbotId, LinkedPage page) {
        String pageId = page.pageId();
        AccessToken pageToken;
        try {
            pageToken = tokens.tokenFor(TokenKey.page(chatbotId, pageId));
        } catch (TokenUnavailableException e) {
            links.setPageStatus(chatbotId, pageId, LinkStatus.RECONNECT_NEEDED,
                    "No usable page token (" + e.reason() + "); log in again.");
            return new PageResult(pageId, "reconnect_needed", String.valueOf(e.reason()));
        }
        try {
            boolean subscribed = graph.subscribedApps(pageId, pageToken).stream().anyMatch(a -> appId.equals(a.appId()));
            if (subscribed) {
                links.setPageStatus(chatbotId, pageId, LinkStatus.ACTIVE, null);
                return new PageResult(pageId, "subscribed", null);
            }
            List<String> fields = page.subscribedFields().isEmpty() ? settings.subscribedFields() : page.subscribedFields();
            try {
                graph.subscribe(pageId, pageToken, fields);
            } catch (TokenInvalidException e) {
                throw e;
            } catch (GraphException e) {
                String detail = describe(e);
                links.setPageStatus(chatbotId, pageId, LinkStatus.UNSUBSCRIBED, "Re-subscribing failed: " + detail);
                return new PageResult(pageId, "unsubscribed", detail);
            }
            links.setPageStatus(chatbotId, pageId, LinkStatus.ACTIVE, null);
            LOG.log(Level.WARNING, "Page {0} of chatbot {1} had lost its webhook subscription; re-subscribed", pageId, chatbotId);
            return new PageResult(pageId, "resubscribed", null);
        } catch (TokenInvalidException e) {
            tokens.markReconnectNeeded(TokenKey.page(chatbotId, pageId), pageToken);
            links.setPageStatus(chatbotId, pageId, LinkStatus.RECONNECT_NEEDED, "Meta rejected the page token: " + describe(e));
            return new PageResult(pageId, "reconnect_needed", describe(e));
        } catch (GraphException e) {
            return new PageResult(pageId, "check_failed", describe(e));
        }
    }

    /**
     * {@return the last known status of the chatbot's account and pages, from the database}
     *
     * @param chatbotId the chatbot (tenant) id
     */
    public Status status(String chatbotId) {
        Optional<LinkedAccount> account = links.account(chatbotId);
        return new Status(chatbotId, account.map(LinkedAccount::status).orElse(null),
                account.map(LinkedAccount::statusDetail).orElse(null), account.flatMap(LinkedAccount::checkedAt),
                settings.healthCheckInterval(), links.pages(chatbotId, false));
    }

    private static String describe(GraphException e) {
        return "Graph error " + e.code() + (e.subcode() != 0 ? "/" + e.subcode() : "")
                + e.fbtraceId().map(t -> " (fbtrace_id " + t + ")").orElse("");
    }
}
