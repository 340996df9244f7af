package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.dashboard.OperationsDashboard;
import io.messengerkit.jakarta.dashboard.PageUsageTracker;
import io.messengerkit.jakarta.persistence.DashboardQueries;
import io.messengerkit.token.SealedToken;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON shape of {@code GET /api/dashboard/}: snake_case fields, ISO-8601 times, milliseconds, no tokens. */
final class DashboardView {
    private DashboardView() {
    }

    /** The view as a body {@link JsonBodyWriter} writes: its fields, in order, as one JSON object. */
    record Body(@com.fasterxml.jackson.annotation.JsonValue Map<String, Object> fields) implements JsonBody {
    }

    static Map<String, Object> of(OperationsDashboard.Snapshot s) {
        DashboardQueries.MessageFigures f = s.figures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chatbot_id", s.chatbotId());
        m.put("generated_at", s.at().toString());
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("days", f.days().size());
        range.put("from", f.from().toString());
        range.put("to", f.to().toString());
        m.put("range", range);
        DashboardQueries.DayCount totals = f.totals();
        m.put("totals", counts(totals, false));
        m.put("messages_per_day", f.days().stream().map(d -> counts(d, true)).toList());
        m.put("reply_latency", latency(f.latency()));
        m.put("failures_by_code", f.failures().stream().map(DashboardView::failure).toList());
        m.put("messages_by_platform", f.byPlatform());
        m.put("account", s.account().map(DashboardView::account).orElse(null));
        m.put("pages", s.pages().stream().map(DashboardView::page).toList());
        m.put("app_usage", s.appUsage().map(DashboardView::usage).orElse(null));
        OperationsDashboard.VersionNotice v = s.graphApiVersion();
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", v.version().name());
        version.put("available_until", v.version().availableUntil().map(Object::toString).orElse(null));
        version.put("days_left", v.daysLeft().isPresent() ? v.daysLeft().getAsLong() : null);
        version.put("level", lower(v.level()));
        version.put("message", v.message());
        m.put("graph_api_version", version);
        return m;
    }

    /**
     * What Meta's error codes mean for an operator, by the classes Meta documents (code 10 covers
     * both a missing permission and a message outside the 24-hour window).
     */
    static String meaning(Optional<Integer> code) {
        if (code.isEmpty()) {
            return "No Graph error: connection failure or chatbot error";
        }
        int c = code.get();
        if (c == 1 || c == 2 || c == 1200) {
            return "Temporary Meta failure";
        }
        if (c == 4 || c == 17 || c == 32 || c == 613 || (c >= 80001 && c <= 80009)) {
            return "Rate limited";
        }
        if (c == 190 || c == 102) {
            return "Token no longer valid";
        }
        if (c == 10 || (c >= 200 && c <= 299)) {
            return "Permission missing or outside the messaging window";
        }
        if (c == 100) {
            return "Invalid request or unknown recipient";
        }
        if (c == 368) {
            return "Blocked by Meta policy";
        }
        if (c == 551) {
            return "Person not available";
        }
        return "Other Graph error";
    }

    private static Map<String, Object> counts(DashboardQueries.DayCount d, boolean withDay) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withDay) {
            m.put("day", d.day().toString());
        }
        m.put("inbound", d.inbound());
        m.put("outbound", d.outbound());
        m.put("failed", d.failed());
        return m;
    }

    private static Map<String, Object> latency(Optional<DashboardQueries.ReplyLatency> latency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", latency.map(DashboardQueries.ReplyLatency::samples).orElse(0L));
        m.put("p50_ms", latency.map(l -> l.p50().toMillis()).orElse(null));
        m.put("p90_ms", latency.map(l -> l.p90().toMillis()).orElse(null));
        m.put("p99_ms", latency.map(l -> l.p99().toMillis()).orElse(null));
        return m;
    }

    private static Map<String, Object> failure(DashboardQueries.FailureCount f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.graphCode().orElse(null));
        m.put("meaning", meaning(f.graphCode()));
        m.put("count", f.count());
        return m;
    }

    private static Map<String, Object> account(OperationsDashboard.AccountHealth a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("facebook_user_id", a.account().facebookUserId());
        m.put("facebook_user_name", a.account().facebookUserName());
        m.put("status", lower(a.account().status()));
        m.put("token_expires_at", time(a.account().tokenExpiresAt()));
        m.put("checked_at", time(a.account().checkedAt()));
        health(m, a.health());
        return m;
    }

    private static Map<String, Object> page(OperationsDashboard.PageHealth p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page_id", p.page().pageId());
        m.put("name", p.page().name());
        m.put("source", lower(p.page().source()));
        m.put("status", lower(p.page().status()));
        m.put("subscribed_fields", p.page().subscribedFields());
        m.put("instagram_account_id", p.page().instagram().map(i -> i.id()).orElse(null));
        m.put("instagram_username", p.page().instagram().map(i -> i.username()).orElse(null));
        m.put("instagram_messaging", p.page().instagramMessaging());
        m.put("token_status", p.token().map(t -> lower(t.status())).orElse("missing"));
        m.put("token_expires_at", time(p.token().flatMap(SealedToken::expiresAt)));
        m.put("linked_at", p.page().linkedAt().toString());
        m.put("checked_at", time(p.page().checkedAt()));
        health(m, p.health());
        m.put("rate_limit", p.usage().map(DashboardView::usage).orElse(null));
        return m;
    }

    private static void health(Map<String, Object> m, OperationsDashboard.Health health) {
        m.put("state", lower(health.state()));
        m.put("detail", health.detail());
        m.put("action", health.action().map(DashboardView::action).orElse(null));
    }

    private static Map<String, Object> action(OperationsDashboard.Action action) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", lower(action));
        switch (action) {
            case RECONNECT -> {
                m.put("label", "Log in again");
                m.put("method", "POST");
                m.put("path", "api/fb-linkage/");
                m.put("needs_facebook_login", true);
            }
            case RESUBSCRIBE -> {
                m.put("label", "Resubscribe");
                m.put("method", "POST");
                m.put("path", "api/link-pages/");
            }
            case REFRESH_PAGES -> {
                m.put("label", "Refresh pages");
                m.put("method", "GET");
                m.put("path", "api/refresh-pages/");
            }
            case CHECK_NOW -> {
                m.put("label", "Check now");
                m.put("method", "POST");
                m.put("path", "api/health-check/");
            }
        }
        return m;
    }

    private static Map<String, Object> usage(PageUsageTracker.Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("used_percent", r.usedPercent());
        m.put("headroom_percent", r.headroomPercent());
        m.put("regain_access_in_seconds", r.regainAccessIn().map(Duration::toSeconds).orElse(null));
        m.put("seen_at", r.seenAt().toString());
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Optional<java.time.Instant> t) {
        return t.map(java.time.Instant::toString).orElse(null);
    }

    private static String time(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
