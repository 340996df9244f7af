package io.messengerkit.jakarta.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.jakarta.dashboard.OperationsDashboard.Action;
import io.messengerkit.jakarta.dashboard.OperationsDashboard.Health;
import io.messengerkit.jakarta.dashboard.OperationsDashboard.State;
import io.messengerkit.jakarta.dashboard.OperationsDashboard.VersionNotice;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.PageSource;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationsDashboardTest {
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Duration HOURLY = Duration.ofHours(1);

    static LinkedPage page(LinkStatus status, String detail, Instant linkedAt, Instant checkedAt) {
        return new LinkedPage("bot-a", "111", "Corner Café", PageSource.PERSONAL, List.of("messages"), true, status, detail,
                linkedAt, Optional.empty(), Optional.ofNullable(checkedAt));
    }

    static Optional<SealedToken> token(TokenKey key, TokenStatus status, Instant expiresAt) {
        return Optional.of(new SealedToken(key, new byte[] {1, 2, 3}, 7, Optional.ofNullable(expiresAt), Set.of(), status));
    }

    static Optional<SealedToken> pageToken(TokenStatus status) {
        return token(TokenKey.page("bot-a", "111"), status, null);
    }

    static LinkedAccount account(LinkStatus status, Instant expiresAt) {
        return new LinkedAccount("bot-a", "5001", "Ada Admin", Optional.ofNullable(expiresAt), status, null, List.of(),
                NOW.minus(Duration.ofDays(3)), Optional.of(NOW.minusSeconds(60)));
    }

    @Test
    void aSubscribedPageWithAValidTokenCheckedRecentlyNeedsNothing() {
        Health health = OperationsDashboard.pageHealth(page(LinkStatus.ACTIVE, null, NOW.minus(Duration.ofDays(2)),
                NOW.minus(Duration.ofMinutes(30))), pageToken(TokenStatus.VALID), NOW, HOURLY);
        assertEquals(new Health(State.OK, Optional.empty(), "Subscribed; the page token is valid."), health);
    }

    @Test
    void aRejectedMissingOrExpiredPageTokenAsksForANewLogin() {
        LinkedPage active = page(LinkStatus.ACTIVE, null, NOW.minusSeconds(60), null);
        for (Optional<SealedToken> token : List.of(Optional.<SealedToken>empty(), pageToken(TokenStatus.RECONNECT_NEEDED),
                pageToken(TokenStatus.EXPIRED), token(TokenKey.page("bot-a", "111"), TokenStatus.VALID, NOW.minusSeconds(1)))) {
            Health health = OperationsDashboard.pageHealth(active, token, NOW, HOURLY);
            assertEquals(State.RECONNECT_NEEDED, health.state(), token.toString());
            assertEquals(Optional.of(Action.RECONNECT), health.action());
        }
        Health marked = OperationsDashboard.pageHealth(page(LinkStatus.RECONNECT_NEEDED,
                "Meta rejected the page token while replying; log in again.", NOW.minusSeconds(60), NOW),
                pageToken(TokenStatus.VALID), NOW, HOURLY);
        assertEquals(new Health(State.RECONNECT_NEEDED, Optional.of(Action.RECONNECT),
                "Meta rejected the page token while replying; log in again."), marked);
    }

    @Test
    void anUnsubscribedPageIsResubscribedAndALostPageRefreshed() {
        Health unsubscribed = OperationsDashboard.pageHealth(page(LinkStatus.UNSUBSCRIBED,
                "Re-subscribing failed: Graph error 200.", NOW.minusSeconds(60), NOW), pageToken(TokenStatus.VALID), NOW, HOURLY);
        assertEquals(State.UNSUBSCRIBED, unsubscribed.state());
        assertEquals(Optional.of(Action.RESUBSCRIBE), unsubscribed.action());
        assertTrue(unsubscribed.detail().startsWith("Re-subscribing failed: Graph error 200."), unsubscribed.detail());

        Health lost = OperationsDashboard.pageHealth(page(LinkStatus.LOST_ACCESS, null, NOW.minusSeconds(60), NOW),
                pageToken(TokenStatus.VALID), NOW, HOURLY);
        assertEquals(State.LOST_ACCESS, lost.state());
        assertEquals(Optional.of(Action.REFRESH_PAGES), lost.action());
    }

    @Test
    void aPageNobodyConfirmedForTwoCheckIntervalsIsCheckedNow() {
        Optional<SealedToken> valid = pageToken(TokenStatus.VALID);
        LinkedPage stale = page(LinkStatus.ACTIVE, null, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(121)));
        assertEquals(Optional.of(Action.CHECK_NOW), OperationsDashboard.pageHealth(stale, valid, NOW, HOURLY).action());
        LinkedPage justLinked = page(LinkStatus.ACTIVE, null, NOW.minus(Duration.ofMinutes(5)), null);
        assertEquals(State.OK, OperationsDashboard.pageHealth(justLinked, valid, NOW, HOURLY).state());
        // Without a scheduled check, a day without confirmation is the limit.
        assertEquals(State.OK, OperationsDashboard.pageHealth(stale, valid, NOW, Duration.ZERO).state());
        LinkedPage dayOld = page(LinkStatus.ACTIVE, null, NOW.minus(Duration.ofHours(25)), null);
        assertEquals(State.UNVERIFIED, OperationsDashboard.pageHealth(dayOld, valid, NOW, Duration.ZERO).state());
    }

    @Test
    void anAccountLoginIsRenewedBeforeItExpiresAndReplacedWhenRejected() {
        TokenKey user = TokenKey.user("bot-a", "5001");
        Instant inSixtyDays = NOW.plus(Duration.ofDays(60));
        assertEquals(State.OK, OperationsDashboard.accountHealth(account(LinkStatus.ACTIVE, inSixtyDays),
                token(user, TokenStatus.VALID, inSixtyDays), NOW).state());

        Instant inThreeDays = NOW.plus(Duration.ofDays(3));
        Health expiring = OperationsDashboard.accountHealth(account(LinkStatus.ACTIVE, inThreeDays),
                token(user, TokenStatus.VALID, inThreeDays), NOW);
        assertEquals(State.TOKEN_EXPIRING, expiring.state());
        assertEquals(Optional.of(Action.RECONNECT), expiring.action());
        assertTrue(expiring.detail().contains("2026-12-06T12:00:00Z"), expiring.detail());

        assertEquals(State.RECONNECT_NEEDED, OperationsDashboard.accountHealth(account(LinkStatus.RECONNECT_NEEDED, inSixtyDays),
                token(user, TokenStatus.VALID, inSixtyDays), NOW).state());
        assertEquals(State.RECONNECT_NEEDED, OperationsDashboard.accountHealth(account(LinkStatus.ACTIVE, inSixtyDays),
                token(user, TokenStatus.RECONNECT_NEEDED, inSixtyDays), NOW).state());
        assertEquals(State.RECONNECT_NEEDED, OperationsDashboard.accountHealth(account(LinkStatus.ACTIVE, inSixtyDays),
                Optional.empty(), NOW).state());
    }

    @Test
    void theVersionNoticeWarnsNinetyDaysAheadAndAfterExpiry() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        VersionNotice expiring = OperationsDashboard.versionNotice(GraphApiVersion.of("v21.0"), today);
        assertEquals(VersionNotice.Level.EXPIRING, expiring.level());
        assertEquals(OptionalLong.of(49), expiring.daysLeft());
        assertEquals("Graph API v21.0 is served until 2027-01-21 (49 days left). Move MESSENGER_API_VERSION to a newer"
                + " version before then.", expiring.message());

        VersionNotice expired = OperationsDashboard.versionNotice(GraphApiVersion.of("v20.0"), today);
        assertEquals(VersionNotice.Level.EXPIRED, expired.level());
        assertTrue(expired.message().contains("no longer served since 2026-09-24"), expired.message());

        VersionNotice current = OperationsDashboard.versionNotice(GraphApiVersion.of("v22.0"), today);
        assertEquals(VersionNotice.Level.CURRENT, current.level());
        assertEquals(OptionalLong.of(168), current.daysLeft());
        assertEquals(VersionNotice.Level.EXPIRING,
                OperationsDashboard.versionNotice(GraphApiVersion.of("v22.0"), LocalDate.of(2027, 2, 19)).level());

        VersionNotice unannounced = OperationsDashboard.versionNotice(GraphApiVersion.of("v26.0"), today);
        assertEquals(VersionNotice.Level.UNANNOUNCED, unannounced.level());
        assertEquals(OptionalLong.empty(), unannounced.daysLeft());
    }
}
