package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.link.AccountLinking;
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

/** The JSON shapes of the management API, built from records (entities never reach the wire). */
final class Views {
    private Views() {
    }

    static Map<String, Object> account(LinkedAccount a, List<LinkedPage> linked) {
        Set<String> linkedIds = linked.stream().map(LinkedPage::pageId).collect(Collectors.toSet());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chatbot_id", a.chatbotId());
        m.put("facebook_user_id", a.facebookUserId());
        m.put("facebook_user_name", a.facebookUserName());
        m.put("status", lower(a.status()));
        m.put("reconnect_needed", a.status() == LinkStatus.RECONNECT_NEEDED);
        m.put("status_detail", a.statusDetail());
        m.put("token_expires_at", time(a.tokenExpiresAt()));
        m.put("linked_at", a.linkedAt().toString());
        m.put("checked_at", time(a.checkedAt()));
        m.put("available_pages", a.availablePages().stream().map(p -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("id", p.id());
            page.put("name", p.name());
            page.put("source", p.source().name().toLowerCase(Locale.ROOT));
            page.put("category", p.category());
            page.put("linked", linkedIds.contains(p.id()));
            return page;
        }).toList());
        m.put("linked_pages", linked.stream().map(Views::page).toList());
        return m;
    }

    static Map<String, Object> page(LinkedPage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page_id", p.pageId());
        m.put("name", p.name());
        m.put("source", p.source().name().toLowerCase(Locale.ROOT));
        m.put("active", p.active());
        m.put("status", lower(p.status()));
        m.put("reconnect_needed", p.status() == LinkStatus.RECONNECT_NEEDED);
        m.put("status_detail", p.statusDetail());
        m.put("subscribed_fields", p.subscribedFields());
        m.put("linked_at", p.linkedAt().toString());
        m.put("unlinked_at", time(p.unlinkedAt()));
        m.put("checked_at", time(p.checkedAt()));
        return m;
    }

    static Map<String, Object> pages(String chatbotId, List<LinkedPage> pages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chatbot_id", chatbotId);
        m.put("pages", pages.stream().map(Views::page).toList());
        return m;
    }

    static Map<String, Object> outcomes(String chatbotId, List<AccountLinking.PageOutcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chatbot_id", chatbotId);
        m.put("pages", outcomes.stream().map(o -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("page_id", o.pageId());
            page.put("outcome", o.outcome());
            if (o.detail() != null) {
                page.put("detail", o.detail());
            }
            return page;
        }).toList());
        return m;
    }

    static Map<String, Object> summary(String chatbotId, MessageLog.Summary s, int page, int pageSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chatbot_id", chatbotId);
        m.put("page", page);
        m.put("page_size", pageSize);
        m.put("total", s.total());
        m.put("pages", (s.total() + pageSize - 1) / pageSize);
        m.put("counts", Map.of("by_page", s.byPage(), "by_status", lowerKeys(s.byStatus()), "by_day", s.byDay()));
        m.put("messages", s.entries().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("page_id", e.pageId());
            row.put("session_id", e.sessionId());
            row.put("inbound_message_id", e.inboundMid());
            row.put("inbound_text", e.inboundText());
            row.put("outbound_text", e.outboundText());
            row.put("message_id", e.messageId());
            row.put("status", e.status().name().toLowerCase(Locale.ROOT));
            row.put("error_code", e.errorCode());
            row.put("error_detail", e.errorDetail());
            row.put("received_at", e.receivedAt() == null ? null : e.receivedAt().toString());
            row.put("replied_at", e.repliedAt() == null ? null : e.repliedAt().toString());
            return row;
        }).toList());
        return m;
    }

    private static Map<String, Long> lowerKeys(Map<String, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
