package io.messengerkit.jakarta;

import io.messengerkit.Redactor;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.JpaConversationWindowStore;
import io.messengerkit.jakarta.persistence.JpaDeduplicationLedger;
import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.send.ConversationWindowStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what the retention settings no longer keep: finished events and their keys (and the
 * de-duplication ledger's keys) after {@code MESSENGER_EVENT_RETENTION}, stored deliveries after
 * {@code MESSENGER_INBOX_RETENTION}, ended handoffs, and window records older than any window.
 */
record Retention(IntegrationSettings settings, Clock clock, EventQueue events, JpaDeduplicationLedger deduplication,
        WebhookInbox inbox, HumanHandoffs handoffs, ConversationWindowStore windowStore) {
    private static final System.Logger LOG = System.getLogger(Retention.class.getName());
    /** Longer than the longest window a record can open (HUMAN_AGENT's 7 days). */
    private static final Duration WINDOW_RECORDS_KEPT = Duration.ofDays(8);

    /** How often the purge runs: a sixth of the inbox retention, at least every second, at most every 10 minutes. */
    long everyMillis() {
        return Math.min(Duration.ofMinutes(10).toMillis(), Math.max(1000, settings.inboxRetention().toMillis() / 6));
    }

    /** {@return rows deleted; 0 when the purge failed, which is logged and tried again at the next run} */
    int purge() {
        try {
            Instant now = clock.instant();
            int n = events.purgeFinishedBefore(now.minus(settings.eventRetention()));
            n += deduplication.purgeDoneBefore(now.minus(settings.eventRetention()));
            n += inbox.purgeFinishedBefore(now.minus(settings.inboxRetention()));
            n += handoffs.purgeEnded();
            if (windowStore instanceof JpaConversationWindowStore jpa) {
                n += jpa.purgeOlderThan(now, WINDOW_RECORDS_KEPT);
            }
            return n;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention purge failed: {0}", Redactor.redact(e.toString()));
            return 0;
        }
    }
}
