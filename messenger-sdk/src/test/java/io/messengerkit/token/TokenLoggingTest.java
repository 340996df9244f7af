package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.testing.RecordingLoggerFinder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every token operation with every log level recorded (the test {@link RecordingLoggerFinder})
 * and checks that no token value reaches a log line or an error message.
 */
class TokenLoggingTest {
    private static final String USER_TOKEN = "EAAsecretUserTokenValue";
    private static final String PAGE_TOKEN = "EAAsecretPageTokenValue";

    @Test
    void noTokenValueIsLoggedOrPutIntoAnError() {
        int before = RecordingLoggerFinder.lines().size();
        InMemoryTokenStore store = new InMemoryTokenStore();
        TokenKeyset keyset = TokenKeyset.generate();
        TokenService tokens = new TokenService(store, TokenVault.of(keyset));
        TokenKey user = TokenKey.user("chatbot-1", "1");
        TokenKey page = TokenKey.page("chatbot-1", "2");
        List<String> errors = new ArrayList<>();

        tokens.save(user, AccessToken.of(USER_TOKEN), Optional.of(Instant.now().minusSeconds(5)), Set.of());
        tokens.save(page, AccessToken.of(PAGE_TOKEN), Optional.empty(), Set.of("pages_messaging"));
        errors.add(assertThrows(TokenUnavailableException.class, () -> tokens.tokenFor(user)).getMessage());
        tokens.markReconnectNeeded(page, AccessToken.of(PAGE_TOKEN));
        errors.add(assertThrows(TokenUnavailableException.class, () -> tokens.tokenFor(page)).getMessage());

        tokens.save(page, AccessToken.of(PAGE_TOKEN), Optional.empty(), Set.of());
        // An inspector whose failure quotes the request URL, token included, as HTTP clients tend to.
        HealthReport report = new TokenHealthChecker(tokens, t -> {
            throw new IllegalStateException("GET https://graph.facebook.com/debug_token?input_token=" + t.reveal()
                    + "&access_token=1|appsecret failed");
        }).checkAll();
        report.problems().forEach(h -> errors.add(h.problem().orElseThrow()));

        new TokenService(store, TokenVault.of(keyset.rotate())).resealAll();
        SealedToken swapped = new SealedToken(user, store.get(page).orElseThrow().ciphertext(), 0,
                Optional.empty(), Set.of(), TokenStatus.VALID);
        errors.add(assertThrows(TokenVaultException.class,
                () -> TokenVault.of(keyset.rotate()).open(swapped)).getMessage());

        byte[] fernetKey = new byte[32];
        FernetKey seedKey = FernetKey.parse(Base64.getUrlEncoder().encodeToString(fernetKey));
        String fernet = seedKey.encrypt(USER_TOKEN.getBytes(StandardCharsets.UTF_8), Instant.now(), new byte[16]);
        FernetImporter.Report imported = new FernetImporter(tokens, List.of(FernetKey.parse(
                Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}))))
                .overwritingExisting()
                .importAll(List.of(new FernetImporter.Row(user, fernet, Optional.empty(), Set.of())));
        imported.failures().forEach(f -> errors.add(f.reason()));

        List<String> recorded = RecordingLoggerFinder.lines();
        List<String> lines = recorded.subList(before, recorded.size()).stream()
                .filter(l -> l.contains("io.messengerkit.token")).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("marked RECONNECT_NEEDED")), "the operations above log");
        assertTrue(lines.stream().anyMatch(l -> l.contains("[redacted]")), "the inspector's URL was redacted");
        for (String text : concat(lines, errors)) {
            for (String secret : List.of(USER_TOKEN, PAGE_TOKEN, "appsecret", fernet)) {
                assertFalse(text.contains(secret), "leaked into: " + text);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
