package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.LongLivedToken;
import io.messengerkit.graph.MessengerProfile;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.Page;
import io.messengerkit.graph.PageListing;
import io.messengerkit.graph.PageSource;
import io.messengerkit.graph.Subscriptions;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.graph.UserProfile;
import io.messengerkit.send.MessageTag;
import io.messengerkit.send.Message;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.SenderAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's Graph client driving the whole Login-to-Messenger flow against the emulator. */
class GraphClientOnEmulatorTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
    private PlatformEmulator emulator;
    private GraphClient graph;
    private TestUser user;

    @BeforeEach
    void start() {
        emulator = PlatformEmulator.builder().clock(clock).pageSize(2).requireAppSecretProof(true).start();
        graph = GraphClient.builder(MessengerConfig.builder()
                        .appId(emulator.appId())
                        .appSecret(emulator.appSecret())
                        .baseUrl(emulator.baseUrl())
                        .retryPolicy(RetryPolicy.none())
                        .build())
                .clock(clock)
                .build();
        user = emulator.createUser("Ada Lovelace");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void walksTheWholeFlowFromLoginToReply() {
        TestPage first = emulator.createPage(user, "First");
        TestPage second = emulator.createPage(user, "Second");
        TestPage third = emulator.createPage(user, "Third");
        TestBusiness business = emulator.createBusiness(user, "Acme");
        TestPage owned = business.createOwnedPage("Acme HQ");
        business.addClientPage(second);

        LongLivedToken token = graph.oauth().exchangeForLongLivedToken(user.shortLivedToken());
        assertTrue(token.expiresAt().orElseThrow().isAfter(clock.instant().plus(Duration.ofDays(59))));
        assertEquals("Ada Lovelace", graph.me(token.accessToken()).name());

        PageListing listing = graph.pages().listAll(token.accessToken());
        assertTrue(listing.businessPagesIncluded(), listing.warnings().toString());
        assertEquals(Set.of(first.id(), second.id(), third.id(), owned.id()),
                listing.pages().stream().map(Page::id).collect(Collectors.toSet()));
        assertEquals(4, listing.pages().size());
        assertEquals(List.of(PageSource.Kind.PERSONAL, PageSource.Kind.BUSINESS_CLIENT),
                listing.find(second.id()).orElseThrow().sources().stream().map(PageSource::kind).toList());

        Page page = listing.find(first.id()).orElseThrow();
        AccessToken pageToken = page.accessToken().orElseThrow();
        graph.subscriptions().subscribe(page.id(), pageToken, Subscriptions.MESSAGING_FIELDS);
        assertTrue(graph.subscriptions().isSubscribed(page.id(), pageToken));
        assertTrue(first.subscribedFields().contains("messages"));

        MessengerProfile profile = MessengerProfile.empty().withGetStarted("START")
                .withGreetings(new MessengerProfile.Greeting("default", "Hello!"));
        graph.messengerProfile().set(pageToken, profile);
        assertEquals(profile, graph.messengerProfile().get(pageToken));

        TestCustomer customer = first.createCustomer("Grace", "Hopper");
        customer.sends("Hi there");
        UserProfile who = graph.users().profile(pageToken, customer.psid());
        assertEquals("Grace", who.firstName().orElseThrow());

        var messenger = graph.messenger(pageToken);
        messenger.senderAction(customer.psid(), SenderAction.TYPING_ON);
        SendResult sent = messenger.send(SendRequest.to(customer.psid(), Message.text("Welcome!")
                .withQuickReplies(QuickReply.text("Menu", "MENU"))));
        assertTrue(sent.messageId().isPresent());
        Conversation conversation = first.conversation(customer.psid());
        assertEquals(List.of("Welcome!"), conversation.replies());
        assertEquals("RESPONSE", conversation.lastReply().orElseThrow().messagingType());
        assertTrue(conversation.outbound().stream().anyMatch(e -> e.isSenderAction("typing_on")));

        TokenDebugInfo info = graph.oauth().debugToken(pageToken);
        assertTrue(info.valid());
        assertTrue(info.scopes().contains("pages_messaging"));

        graph.subscriptions().unsubscribe(page.id(), pageToken);
        assertFalse(graph.subscriptions().isSubscribed(page.id(), pageToken));
        assertTrue(emulator.requests().stream().noneMatch(r -> r.query().containsKey("access_token")
                || r.query().containsKey("client_secret") || r.query().containsKey("fb_exchange_token")),
                "no token or secret in any URL");
    }

    @Test
    void degradesToPersonalPagesWithoutBusinessManagement() {
        TestPage mine = emulator.createPage(user, "Mine");
        emulator.createBusiness(user, "Acme").createOwnedPage("Acme HQ");
        AccessToken token = user.shortLivedToken(List.of("pages_show_list", "pages_messaging"));

        PageListing listing = graph.pages().listAll(token);

        assertFalse(listing.businessPagesIncluded());
        assertEquals(List.of(mine.id()), listing.pages().stream().map(Page::id).toList());
        assertTrue(listing.warnings().get(0).contains("business_management"), listing.warnings().toString());
    }

    @Test
    void deadTokensAndClosedWindowsSurfaceAsTheirOwnExceptions() {
        TestPage page = emulator.createPage(user, "Shop");
        TestCustomer customer = page.createCustomer("Grace", "Hopper");
        customer.sends("hello");
        clock.advance(Duration.ofHours(25));
        var messenger = graph.messenger(page.token());

        assertThrows(OutsideMessagingWindowException.class, () -> messenger.sendText(customer.psid(), "late"));
        messenger.send(SendRequest.to(customer.psid(), Message.text("a human here")).withTag(MessageTag.HUMAN_AGENT));

        AccessToken userToken = user.longLivedToken();
        user.invalidateTokens(460);
        TokenInvalidException dead = assertThrows(TokenInvalidException.class,
                () -> messenger.sendText(customer.psid(), "still there?"));
        assertEquals(460, dead.subcode());
        TokenDebugInfo info = graph.oauth().debugToken(userToken);
        assertFalse(info.valid());
        assertEquals(460, info.errorSubcode());
    }
}
