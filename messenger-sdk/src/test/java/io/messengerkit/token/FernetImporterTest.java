package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FernetImporterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final TokenKeyset keyset = TokenKeyset.generate();
    private final TokenService service = new TokenService(store, TokenVault.of(keyset), Clock.fixed(NOW, ZoneOffset.UTC));
    private final FernetKey seedKey = randomKey();

    private static FernetKey randomKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return FernetKey.parse(Base64.getUrlEncoder().encodeToString(raw));
    }

    private static String fernet(FernetKey key, String plaintext) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return key.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), NOW.minusSeconds(86_400 * 30), iv);
    }

    @Test
    void importsRowsIntoTheVaultAndReportsCounts() {
        TokenKey user = TokenKey.user("chatbot-1", "100200300");
        TokenKey page = TokenKey.page("chatbot-1", "555666777");
        TokenKey oldUser = TokenKey.user("chatbot-2", "400500600");
        FernetImporter.Report report = new FernetImporter(service, List.of(seedKey)).importAll(List.of(
                new FernetImporter.Row(user, fernet(seedKey, "EAAmadeUpUser"), Optional.of(NOW.plusSeconds(86_400)),
                        Set.of("pages_show_list", "pages_messaging")),
                new FernetImporter.Row(page, fernet(seedKey, "EAAmadeUpPage"), Optional.empty(), Set.of()),
                new FernetImporter.Row(oldUser, fernet(seedKey, "EAAmadeUpOld"), Optional.of(NOW.minusSeconds(1)), Set.of())));

        assertEquals(3, report.imported());
        assertEquals(List.of(), report.failures());
        assertEquals(AccessToken.of("EAAmadeUpUser"), service.tokenFor(user));
        assertEquals(AccessToken.of("EAAmadeUpPage"), service.tokenFor(page));
        SealedToken storedUser = store.get(user).orElseThrow();
        assertEquals(keyset.primaryKeyId(), storedUser.keyId());
        assertEquals(Set.of("pages_show_list", "pages_messaging"), storedUser.scopes());
        assertEquals(TokenStatus.EXPIRED, store.get(oldUser).orElseThrow().status(), "expired in the seed already");
    }

    @Test
    void skipsBadRowsAndKeepsGoing() {
        TokenKey good = TokenKey.page("chatbot-1", "1");
        TokenKey wrongKey = TokenKey.page("chatbot-1", "2");
        TokenKey tampered = TokenKey.page("chatbot-1", "3");
        String tamperedToken = fernet(seedKey, "EAAmadeUp3");
        tamperedToken = tamperedToken.substring(0, 30) + (tamperedToken.charAt(30) == 'A' ? 'B' : 'A')
                + tamperedToken.substring(31);

        FernetImporter.Report report = new FernetImporter(service, List.of(seedKey)).importAll(List.of(
                new FernetImporter.Row(wrongKey, fernet(randomKey(), "EAAmadeUp2"), Optional.empty(), Set.of()),
                new FernetImporter.Row(tampered, tamperedToken, Optional.empty(), Set.of()),
                new FernetImporter.Row(good, fernet(seedKey, "EAAmadeUp1"), Optional.empty(), Set.of())));

        assertEquals(1, report.imported());
        assertEquals(2, report.failures().size());
        assertEquals(1, report.failures().get(0).row());
        assertEquals(Optional.of(wrongKey), report.failures().get(0).key());
        assertTrue(report.failures().get(0).reason().contains("another key or altered"));
        assertEquals(Optional.of(tampered), report.failures().get(1).key());
        assertFalse(store.get(wrongKey).isPresent());
        assertFalse(store.get(tampered).isPresent());
        assertEquals(AccessToken.of("EAAmadeUp1"), service.tokenFor(good));
    }

    @Test
    void readsTokensMadeWithAnyOfSeveralOldKeys() {
        FernetKey older = randomKey();
        TokenKey a = TokenKey.user("chatbot-1", "1");
        TokenKey b = TokenKey.user("chatbot-1", "2");
        FernetImporter.Report report = new FernetImporter(service, List.of(seedKey, older)).importAll(List.of(
                new FernetImporter.Row(a, fernet(seedKey, "EAAnew"), Optional.empty(), Set.of()),
                new FernetImporter.Row(b, fernet(older, "EAAold"), Optional.empty(), Set.of())));
        assertEquals(2, report.imported());
        assertEquals(AccessToken.of("EAAold"), service.tokenFor(b));
    }

    @Test
    void readsTokensMadeByPythonsCryptographyFernet() {
        // Made with Python's cryptography 48 (what Django code uses): Fernet(k1).encrypt(...) and
        // MultiFernet([Fernet(k2), Fernet(k1)]).encrypt(...), with made-up keys and tokens.
        FernetKey k1 = FernetKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        FernetKey k2 = FernetKey.parse("ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-f4CBgoM=");
        TokenKey user = TokenKey.user("42", "10158000");
        TokenKey page = TokenKey.page("42", "1093000");
        FernetImporter.Report report = new FernetImporter(service, List.of(k2, k1)).importAll(List.of(
                new FernetImporter.Row(user, "gAAAAABrBqKyvh_Nfjnvb_FIK0f-IeTqmPmen02XtatUyJ30AGTBf-KrzrX2wO_Kyqzk1E77Fsz_"
                        + "GY6iJHNQuRuOXVw1cOpftYBJjE_hgUuLFUPDiVBT2ug=", Optional.empty(), Set.of()),
                new FernetImporter.Row(page, "gAAAAABrBqKymb_s3K2U23Bo0cKyh6l5wcknO4nlOivbil9tCSlTXOex7A76HLsUDFoMLVRbtNxI"
                        + "nxjPxJ-8U6W0TgDxeo0wKl_4_BH0XOklAO4Nw7G8qTE=", Optional.empty(), Set.of())));
        assertEquals(2, report.imported(), report.failures().toString());
        assertEquals(AccessToken.of("EAAmadeUpUserTokenFromDjango"), service.tokenFor(user));
        assertEquals(AccessToken.of("EAAmadeUpPageTokenNewKey"), service.tokenFor(page));
    }

    @Test
    void neverReplacesATokenAlreadyInTheStoreUnlessAskedTo() {
        TokenKey page = TokenKey.page("chatbot-1", "555666777");
        service.save(page, AccessToken.of("EAAreconnected"), Optional.empty(), Set.of());
        List<FernetImporter.Row> rows = List.of(
                new FernetImporter.Row(page, fernet(seedKey, "EAAfromSeed"), Optional.empty(), Set.of()));

        FernetImporter.Report first = new FernetImporter(service, List.of(seedKey)).importAll(rows);
        assertEquals(0, first.imported());
        assertEquals(1, first.alreadyPresent());
        assertEquals(AccessToken.of("EAAreconnected"), service.tokenFor(page));

        FernetImporter.Report forced = new FernetImporter(service, List.of(seedKey)).overwritingExisting().importAll(rows);
        assertEquals(1, forced.imported());
        assertEquals(AccessToken.of("EAAfromSeed"), service.tokenFor(page));
    }

    @Test
    void importsJsonLinesAndReportsBadLinesByNumber() {
        String lines = String.join("\n",
                "{\"tenant\":\"7\",\"kind\":\"USER\",\"owner_id\":\"100200300\",\"token\":\"" + fernet(seedKey, "EAAu")
                        + "\",\"expires_at\":\"2027-01-24T10:00:00+00:00\",\"scopes\":\"email,pages_show_list\"}",
                "",
                "{\"tenant\":\"7\",\"kind\":\"page\",\"owner_id\":\"555\",\"token\":\"" + fernet(seedKey, "EAAp")
                        + "\",\"expires_at\":0,\"scopes\":[\"pages_messaging\"]}",
                "{\"tenant\":\"7\",\"kind\":\"PAGE\",\"owner_id\":\"557\",\"token\":\"" + fernet(seedKey, "EAAr")
                        + "\",\"expires_at\":\"2027-02-01 09:30:00.25\",\"scopes\":null}",
                "{\"tenant\":\"7\",\"kind\":\"GROUP\",\"owner_id\":\"9\",\"token\":\"x\"}",
                "not json",
                "{\"tenant\":\"7\",\"kind\":\"PAGE\",\"owner_id\":\"556\",\"token\":\"" + fernet(randomKey(), "EAAq") + "\"}");

        FernetImporter.Report report = new FernetImporter(service, List.of(seedKey)).importJsonLines(new StringReader(lines));

        assertEquals(3, report.imported());
        assertEquals(List.of(5, 6, 7), report.failures().stream().map(FernetImporter.Report.Failure::row).toList());
        assertTrue(report.failures().get(0).reason().contains("USER or PAGE"));
        assertEquals(Optional.of(TokenKey.page("7", "556")), report.failures().get(2).key());
        SealedToken user = store.get(TokenKey.user("7", "100200300")).orElseThrow();
        assertEquals(Optional.of(Instant.parse("2027-01-24T10:00:00Z")), user.expiresAt());
        assertEquals(Set.of("email", "pages_show_list"), user.scopes());
        SealedToken page = store.get(TokenKey.page("7", "555")).orElseThrow();
        assertEquals(Optional.empty(), page.expiresAt());
        assertEquals(AccessToken.of("EAAp"), service.tokenFor(TokenKey.page("7", "555")));
        assertEquals(Optional.of(Instant.parse("2027-02-01T09:30:00Z")),
                store.get(TokenKey.page("7", "557")).orElseThrow().expiresAt(), "no offset means UTC");
        assertFalse(report.toString().contains("EAA"));
    }
}
