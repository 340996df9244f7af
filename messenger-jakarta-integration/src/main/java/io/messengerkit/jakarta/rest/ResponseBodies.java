package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.messengerkit.jakarta.ChatbotManagement;
import io.messengerkit.jakarta.health.SubscriptionHealthCheck;
import io.messengerkit.jakarta.link.AccountLinking;
import io.messengerkit.jakarta.link.LoginCallbacks;
import io.messengerkit.jakarta.persistence.DataDeletions;
import io.messengerkit.jakarta.persistence.InstagramAccountInfo;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON shapes of the API's answers, built from the use cases' records (entities and tokens
 * never reach the wire). Names become snake_case ({@link JsonBodies#MAPPER}); enums are written in
 * lower case and times as ISO-8601 text; a member that has no value is written as {@code null}
 * unless noted.
 */
final class ResponseBodies {
    private ResponseBodies() {
    }

    /** A linked Facebook account with its available and linked pages. */
    record Account(String chatbotId, String facebookUserId, String facebookUserName, String status,
            boolean reconnectNeeded, String statusDetail, String tokenExpiresAt, String linkedAt, String checkedAt,
            List<AvailablePage> availablePages, List<Page> linkedPages) implements JsonBody {

        static Account of(ChatbotManagement.AccountDetails details) {
            LinkedAccount a = details.account();
            Set<String> linkedIds = details.linkedPages().stream().map(LinkedPage::pageId).collect(Collectors.toSet());
            return new Account(a.chatbotId(), a.facebookUserId(), a.facebookUserName(), lower(a.status()),
                    a.status() == LinkStatus.RECONNECT_NEEDED, a.statusDetail(), time(a.tokenExpiresAt()),
                    a.linkedAt().toString(), time(a.checkedAt()),
                    a.availablePages().stream().map(p -> new AvailablePage(p.id(), p.name(), lower(p.source()),
                            p.category(), linkedIds.contains(p.id()), Instagram.of(p.instagram()))).toList(),
                    details.linkedPages().stream().map(Page::of).toList());
        }
    }

    /** A page the linked user can manage, and whether it is linked. */
    record AvailablePage(String id, String name, String source, String category, boolean linked,
            Instagram instagram) implements JsonBody {
    }

    /** The Instagram professional account connected to a page; {@code null} where a page has none. */
    record Instagram(String id, String username, String name, String pictureUrl) implements JsonBody {

        static Instagram of(InstagramAccountInfo info) {
            return info == null ? null : new Instagram(info.id(), info.username(), info.name(), info.pictureUrl());
        }
    }

    /** A linked (or formerly linked) page. */
    record Page(String pageId, String name, String source, boolean active, String status, boolean reconnectNeeded,
            String statusDetail, List<String> subscribedFields, String linkedAt, String unlinkedAt, String checkedAt,
            Instagram instagram, boolean instagramMessaging) implements JsonBody {

        static Page of(LinkedPage p) {
            return new Page(p.pageId(), p.name(), lower(p.source()), p.active(), lower(p.status()),
                    p.status() == LinkStatus.RECONNECT_NEEDED, p.statusDetail(), p.subscribedFields(),
                    p.linkedAt().toString(), time(p.unlinkedAt()), time(p.checkedAt()),
                    Instagram.of(p.instagram().orElse(null)), p.instagramMessaging());
        }
    }

    /** A chatbot's pages. */
    record Pages(String chatbotId, List<Page> pages) implements JsonBody {

        static Pages of(String chatbotId, List<LinkedPage> pages) {
            return new Pages(chatbotId, pages.stream().map(Page::of).toList());
        }
    }

    /** What happened to one page; {@code detail} is left out when there is none. */
    record Outcome(String pageId, String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String detail)
            implements JsonBody {

        static List<Outcome> of(List<AccountLinking.PageOutcome> outcomes) {
            return outcomes.stream().map(o -> new Outcome(o.pageId(), o.outcome(), o.detail())).toList();
        }
    }

    /** What happened to each page. */
    record Outcomes(String chatbotId, List<Outcome> pages) implements JsonBody {
    }

    /** What happened to each page when the account was unlinked. */
    record AccountUnlinked(String chatbotId, List<Outcome> pages, boolean accountUnlinked) implements JsonBody {
    }

    /** What a refresh did to each page, and the account afterwards. */
    record Refreshed(String chatbotId, List<Outcome> pages, Account account) implements JsonBody {

        static Refreshed of(String chatbotId, ChatbotManagement.Refresh refresh) {
            return new Refreshed(chatbotId, Outcome.of(refresh.outcomes()), Account.of(refresh.account()));
        }
    }

    /** One page of message history with the counts over the whole filtered history. */
    record Summary(String chatbotId, int page, int pageSize, long total, long pages, Counts counts,
            List<Message> messages) implements JsonBody {

        static Summary of(String chatbotId, MessageLog.Summary s, int page, int pageSize) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            s.byStatus().forEach((k, v) -> byStatus.put(k.toLowerCase(Locale.ROOT), v));
            return new Summary(chatbotId, page, pageSize, s.total(), (s.total() + pageSize - 1) / pageSize,
                    new Counts(s.byPage(), byStatus, s.byDay(), s.byPlatform()),
                    s.entries().stream().map(Message::of).toList());
        }
    }

    /** The events of a chatbot set aside. */
    record SetAside(String chatbotId, int count, List<SetAsideEvent> events) implements JsonBody {
        static SetAside of(String chatbotId, List<io.messengerkit.jakarta.ChatbotManagement.SetAsideItem> events) {
            return new SetAside(chatbotId, events.size(), events.stream().map(SetAsideEvent::of).toList());
        }
    }

    /** One event set aside: why, after how many attempts, the first and last error. */
    record SetAsideEvent(long id, String pageId, String sessionId, String reason, int attempts, Integer graphErrorCode,
            String firstError, String lastError, String receivedAt, String setAsideAt) implements JsonBody {
        static SetAsideEvent of(io.messengerkit.jakarta.ChatbotManagement.SetAsideItem item) {
            io.messengerkit.jakarta.persistence.EventQueue.SetAsideEvent e = item.event();
            return new SetAsideEvent(e.id(), e.accountId(),
                    io.messengerkit.jakarta.reply.ChatbotQuery.sessionIdOf(e.personId(), item.instagram()),
                    e.reason(), e.attempts(), e.graphErrorCode(), e.firstError(), e.lastError(), time(e.receivedAt()),
                    time(e.setAsideAt()));
        }
    }

    /** The conversations a human handles now. */
    record WithHuman(String chatbotId, int count, List<HumanConversation> conversations) implements JsonBody {
        static WithHuman of(String chatbotId, List<io.messengerkit.jakarta.persistence.HumanHandoffs.Handoff> rows) {
            return new WithHuman(chatbotId, rows.size(), rows.stream().map(HumanConversation::of).toList());
        }
    }

    /** One conversation with a human: why, since when, until when the bot stays quiet. */
    record HumanConversation(String pageId, String psid, String sessionId, String reason, String appId, String since,
            String lastSignalAt, String quietUntil) implements JsonBody {
        static HumanConversation of(io.messengerkit.jakarta.persistence.HumanHandoffs.Handoff h) {
            return new HumanConversation(h.pageId(), h.psid(), io.messengerkit.jakarta.reply.ChatbotQuery.sessionIdOf(h.psid()),
                    lower(h.reason()), h.appId(), time(h.since()), time(h.lastSignal()), time(h.quietUntil()));
        }
    }

    /** A conversation handed back to the bot. */
    record HandedBack(String chatbotId, String pageId, String psid, boolean handedBack) implements JsonBody {
    }

    /** How many events were queued again. */
    record Requeued(String chatbotId, int requeued) implements JsonBody {
    }

    /** Message counts by page id (or Instagram account id), status, UTC day and platform. */
    record Counts(Map<String, Long> byPage, Map<String, Long> byStatus, Map<String, Long> byDay,
            Map<String, Long> byPlatform) implements JsonBody {
    }

    /** One logged conversation turn. */
    record Message(String pageId, String sessionId, String inboundMessageId, String inboundText, String outboundText,
            String messageId, String status, Integer errorCode, String errorDetail, String receivedAt,
            String repliedAt, String platform) implements JsonBody {

        static Message of(MessageLog.Entry e) {
            return new Message(e.pageId(), e.sessionId(), e.inboundMid(), e.inboundText(), e.outboundText(),
                    e.messageId(), lower(e.status()), e.errorCode(), e.errorDetail(), time(e.receivedAt()),
                    time(e.repliedAt()), e.platform().wireName());
        }
    }

    /** The last known status of an account and its pages. */
    record HealthStatus(String chatbotId, String accountStatus, String accountStatusDetail, String accountCheckedAt,
            String checkInterval, List<HealthPage> pages) implements JsonBody {

        static HealthStatus of(SubscriptionHealthCheck.Status s) {
            return new HealthStatus(s.chatbotId(), s.accountStatus() == null ? null : lower(s.accountStatus()),
                    s.accountStatusDetail(), time(s.accountCheckedAt()), s.checkInterval().toString(),
                    s.pages().stream().map(p -> new HealthPage(p.pageId(), p.name(), lower(p.status()),
                            p.statusDetail(), time(p.checkedAt()))).toList());
        }
    }

    /** The last known status of one page. */
    record HealthPage(String pageId, String name, String status, String statusDetail, String checkedAt)
            implements JsonBody {
    }

    /** What a health check run did. */
    record HealthReport(String chatbotId, String checkedAt, String accountStatus, int tokensChecked,
            int tokensNeedingReconnect, List<PageCheck> pages) implements JsonBody {

        static HealthReport of(SubscriptionHealthCheck.Report r) {
            return new HealthReport(r.chatbotId(), r.checkedAt().toString(),
                    r.accountStatus() == null ? null : lower(r.accountStatus()), r.tokensChecked(),
                    r.tokensNeedingReconnect(),
                    r.pages().stream().map(p -> new PageCheck(p.pageId(), p.outcome(), p.detail())).toList());
        }
    }

    /** What a health check did for one page; {@code detail} is always present, null when there is none. */
    record PageCheck(String pageId, String outcome, String detail) implements JsonBody {
    }

    /** What Meta's deauthorize callback removed. */
    record Deauthorized(int accountsRemoved, int pagesUnlinked) implements JsonBody {

        static Deauthorized of(LoginCallbacks.Removal removal) {
            return new Deauthorized(removal.accounts(), removal.pages());
        }
    }

    /** Meta's expected answer to the data-deletion callback. */
    record DeletionReceipt(String url, String confirmationCode) implements JsonBody {
    }

    /** The status page of a data-deletion request. */
    record DeletionStatus(String confirmationCode, String status, String requestedAt, String completedAt,
            int accountsDeleted, int pagesDeleted, int tokensDeleted) implements JsonBody {

        static DeletionStatus of(DataDeletions.Request d) {
            return new DeletionStatus(d.confirmationCode(), d.status(), d.requestedAt().toString(), time(d.completedAt()),
                    d.accountsDeleted(), d.pagesDeleted(), d.tokensDeleted());
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
