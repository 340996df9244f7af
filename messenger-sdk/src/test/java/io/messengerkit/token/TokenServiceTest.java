package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final TokenKeyset keyset = TokenKeyset.generate();
    private final TokenService service = new TokenService(store, TokenVault.of(keyset), clock);
    private final TokenKey user = TokenKey.user("chatbot-1", "100200300");
    private final TokenKey page = TokenKey.page("chatbot-1", "555666777");

    @Test
    void savedTokenComesBackForACall() {
        service.save(user, AccessToken.of("made-up-user-token"), Optional.of(NOW.plusSeconds(3600)), Set.of("email"));
        assertEquals(AccessToken.of("made-up-user-token"), service.tokenFor(user));
        SealedToken stored = store.get(user).orElseThrow();
        assertEquals(TokenStatus.VALID, stored.status());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), stored.expiresAt());
    }

    @Test
    void missingTokenIsReportedAsMissing() {
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, () -> service.tokenFor(page));
        assertEquals(TokenUnavailableException.Reason.MISSING, e.reason());
        assertEquals(page, e.key());
    }

    @Test
    void tokenPastItsExpiryIsRefusedAndMarkedExpired() {
        service.save(user, AccessToken.of("made-up-user-token"), Optional.of(NOW), Set.of());
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, () -> service.tokenFor(user));
        assertEquals(TokenUnavailableException.Reason.EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("has expired"), e.getMessage());
        assertEquals(TokenStatus.EXPIRED, store.get(user).orElseThrow().status());
    }

    @Test
    void unusableStatusIsReportedBeforeAnyDecryption() {
        // Undecryptable bytes prove the status is checked first: opening them would fail differently.
        store.put(new SealedToken(page, new byte[] {1, 2, 3, 4, 5, 6}, 1, Optional.empty(), Set.of(),
                TokenStatus.RECONNECT_NEEDED));
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, () -> service.tokenFor(page));
        assertEquals(TokenUnavailableException.Reason.RECONNECT_NEEDED, e.reason());
        assertTrue(e.getMessage().contains("reconnect needed"), e.getMessage());

        store.put(new SealedToken(user, new byte[] {1, 2, 3, 4, 5, 6}, 1, Optional.empty(), Set.of(),
                TokenStatus.EXPIRED));
        assertEquals(TokenUnavailableException.Reason.EXPIRED,
                assertThrows(TokenUnavailableException.class, () -> service.tokenFor(user)).reason());
    }

    @Test
    void code190MarksTheTokenReconnectNeeded() {
        service.save(page, AccessToken.of("made-up-page-token"), Optional.empty(), Set.of());
        assertTrue(service.markReconnectNeeded(page));
        assertEquals(TokenStatus.RECONNECT_NEEDED, store.get(page).orElseThrow().status());
        assertTrue(service.markReconnectNeeded(page), "marking twice is harmless");
        assertFalse(service.markReconnectNeeded(TokenKey.page("chatbot-1", "unknown")));

        service.save(page, AccessToken.of("made-up-new-page-token"), Optional.empty(), Set.of());
        assertEquals(AccessToken.of("made-up-new-page-token"), service.tokenFor(page), "a reconnect saves a usable token");
    }

    @Test
    void rejectionOfAnOlderTokenDoesNotMarkTheNewOne() {
        service.save(page, AccessToken.of("made-up-new-page-token"), Optional.empty(), Set.of());
        assertFalse(service.markReconnectNeeded(page, AccessToken.of("made-up-old-page-token")));
        assertEquals(TokenStatus.VALID, store.get(page).orElseThrow().status());
        assertTrue(service.markReconnectNeeded(page, AccessToken.of("made-up-new-page-token")));
        assertEquals(TokenStatus.RECONNECT_NEEDED, store.get(page).orElseThrow().status());
    }

    @Test
    void resealAfterRotationMovesEveryTokenToTheNewKeyAndReportsCounts() {
        for (int i = 0; i < 5; i++) {
            service.save(TokenKey.page("chatbot-" + (i % 2), "page-" + i), AccessToken.of("made-up-" + i),
                    Optional.empty(), Set.of("pages_messaging"));
        }
        store.put(store.get(TokenKey.page("chatbot-0", "page-0")).orElseThrow().withStatus(TokenStatus.RECONNECT_NEEDED));

        TokenKeyset rotated = keyset.rotate();
        TokenService after = new TokenService(store, TokenVault.of(rotated), clock);
        after.save(user, AccessToken.of("made-up-user"), Optional.empty(), Set.of());
        assertEquals(AccessToken.of("made-up-3"), after.tokenFor(TokenKey.page("chatbot-1", "page-3")),
                "old ciphertexts open after rotation");

        ResealReport report = after.resealAll();
        assertEquals(rotated.primaryKeyId(), report.primaryKeyId());
        assertEquals(6, report.examined());
        assertEquals(5, report.resealed());
        assertEquals(1, report.alreadyCurrent());
        assertEquals(0, report.skipped());
        assertTrue(report.complete());
        for (String tenant : store.tenants()) {
            store.list(tenant).forEach(t -> assertEquals(rotated.primaryKeyId(), t.keyId()));
        }
        assertEquals(TokenStatus.RECONNECT_NEEDED,
                store.get(TokenKey.page("chatbot-0", "page-0")).orElseThrow().status(), "metadata kept");

        TokenService retired = new TokenService(store, TokenVault.of(rotated.retire(keyset.primaryKeyId())), clock);
        for (int i = 1; i < 5; i++) {
            assertEquals(AccessToken.of("made-up-" + i),
                    retired.tokenFor(TokenKey.page("chatbot-" + (i % 2), "page-" + i)), "opens without the old key");
        }
        ResealReport again = retired.resealAll();
        assertEquals(0, again.resealed());
        assertEquals(6, again.alreadyCurrent());
    }

    @Test
    void resealReportsTokensItCannotOpen() {
        service.save(page, AccessToken.of("made-up-page-token"), Optional.empty(), Set.of());
        SealedToken foreign = TokenVault.of(TokenKeyset.generate())
                .seal(user, AccessToken.of("made-up-user-token"), Optional.empty(), Set.of());
        store.put(foreign);

        ResealReport report = new TokenService(store, TokenVault.of(keyset.rotate()), clock).resealAll();
        assertEquals(1, report.resealed());
        assertFalse(report.complete());
        assertEquals(1, report.failures().size());
        assertEquals(user, report.failures().get(0).key());
        assertEquals(foreign.keyId(), report.failures().get(0).keyId());
        assertEquals(foreign, store.get(user).orElseThrow(), "left untouched");
    }
}
