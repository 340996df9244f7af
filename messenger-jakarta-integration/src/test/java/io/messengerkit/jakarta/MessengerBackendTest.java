package io.messengerkit.jakarta;

import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_1;
import static io.messengerkit.jakarta.testing.TestServer.sign;
import static io.messengerkit.jakarta.testing.TestServer.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.jakarta.error.AccessDeniedException;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import io.messengerkit.jakarta.error.RequestNotVerifiedException;
import io.messengerkit.jakarta.persistence.WebhookInbox.State;
import io.messengerkit.jakarta.security.Caller;
import io.messengerkit.jakarta.security.SignedRequest;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.jakarta.webhook.WebhookIntake;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The backend's use cases called directly, as a host without JAX-RS would call them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessengerBackendTest {
    private static final Caller BOT_A = Caller.of("bot-a", Set.of("bot-a"));

    TestDatabase db;
    GraphStubs graph;
    TestServer server;

    @BeforeAll
    void start() {
        db = TestDatabase.h2();
        graph = new GraphStubs();
        server = TestServer.start(db, TestServer.config(graph.baseUrl()),
                b -> b.deliveryProcessor(body -> CompletableFuture.completedFuture(null)));
    }

    @AfterAll
    void stop() {
        server.close();
        graph.close();
        db.close();
    }

    @BeforeEach
    void clean() {
        graph.reset();
        db.transactions().run(em -> {
            for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "InboxEntity")) {
                em.createQuery("delete from " + entity + " e").executeUpdate();
            }
        });
    }

    ChatbotManagement management() {
        return server.backend().management();
    }

    @Test
    void refusesAnotherChatbotBeforeAskingMetaAnything() {
        graph.server().resetRequests();
        assertThrows(AccessDeniedException.class,
                () -> management().linkAccount(BOT_A, "bot-b", AccessToken.of(GraphStubs.SHORT_TOKEN)));
        assertThrows(AccessDeniedException.class, () -> management().refreshPages(BOT_A, "bot-b"));
        assertThrows(AccessDeniedException.class, () -> management().checkHealth(BOT_A, "bot-b"));
        assertEquals(0, graph.server().getAllServeEvents().size());
    }

    @Test
    void linksAnAccountAndItsPagesThroughTheUseCases() {
        ChatbotManagement.AccountDetails linked = management().linkAccount(BOT_A, "bot-a", AccessToken.of(GraphStubs.SHORT_TOKEN));
        assertEquals(GraphStubs.USER_ID, linked.account().facebookUserId());
        assertTrue(linked.linkedPages().isEmpty());
        management().linkPages(BOT_A, "bot-a", List.of(PAGE_1));
        assertEquals(List.of(PAGE_1), management().account(BOT_A, "bot-a").linkedPages().stream()
                .map(p -> p.pageId()).toList());
        InvalidInputException notTheUsers = assertThrows(InvalidInputException.class,
                () -> management().linkPages(BOT_A, "bot-a", List.of("999")));
        assertEquals("page_ids", notTheUsers.violations().get(0).field());
        assertThrows(NotFoundException.class, () -> management().unlinkPages(BOT_A, "bot-a", List.of("999")));
    }

    @Test
    void reportsAMissingAccountAsNotFound() {
        assertThrows(NotFoundException.class, () -> management().account(BOT_A, "bot-a"));
    }

    @Test
    void refusesPagingOutOfRangeNamingEachField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> management().messageHistory(BOT_A, "bot-a", Optional.empty(), 0, 501));
        assertEquals(List.of("page", "page_size"), e.violations().stream().map(InvalidInputException.Violation::field).toList());
    }

    @Test
    void storesASignedDeliveryAndRefusesForgedOrOversizedOnes() {
        WebhookIntake webhooks = server.backend().webhooks();
        byte[] body = utf8("{\"object\":\"page\",\"entry\":[]}");
        WebhookIntake.Receipt receipt = webhooks.receive(new ByteArrayInputStream(body), body.length, sign(body));
        assertTrue(receipt.queued());
        assertTrue(server.backend().inbox().find(receipt.inboxId()).isPresent());

        byte[] broken = utf8("{\"object\":");
        assertFalse(webhooks.receive(new ByteArrayInputStream(broken), -1, sign(broken)).queued());

        RequestNotVerifiedException forged = assertThrows(RequestNotVerifiedException.class,
                () -> webhooks.receive(new ByteArrayInputStream(body), -1, "sha256=" + "0".repeat(64)));
        assertEquals(RequestNotVerifiedException.Check.WEBHOOK_SIGNATURE, forged.check());
        assertThrows(PayloadTooLargeException.class,
                () -> webhooks.receive(new ByteArrayInputStream(body), 64 * 1024 + 1, sign(body)));
        assertEquals(2L, server.backend().inbox().counts().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1L, server.backend().inbox().counts().get(State.FAILED));
    }

    @Test
    void answersTheHandshakeOnlyWithTheVerifyToken() {
        assertEquals("7", server.backend().webhooks().verifySubscription("subscribe", TestServer.VERIFY_TOKEN, "7"));
        RequestNotVerifiedException e = assertThrows(RequestNotVerifiedException.class,
                () -> server.backend().webhooks().verifySubscription("subscribe", "guess", "7"));
        assertEquals(RequestNotVerifiedException.Check.VERIFY_TOKEN, e.check());
    }

    @Test
    void actsOnLoginCallbacksOnlyWithARequestSignedWithTheAppSecret() {
        String forged = SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + GraphStubs.USER_ID + "\"}",
                AppSecret.of("not-the-app-secret"));
        RequestNotVerifiedException e = assertThrows(RequestNotVerifiedException.class,
                () -> server.backend().loginCallbacks().handleDeauthorize(forged));
        assertEquals(RequestNotVerifiedException.Check.SIGNED_REQUEST, e.check());
        assertThrows(NotFoundException.class, () -> server.backend().loginCallbacks().deletionStatus("not-a-code"));
    }

    @Test
    void runsOnTheGivenSchedulerAndLeavesItRunningOnClose() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            MessengerBackend backend = MessengerBackend.builder(TestServer.config(graph.baseUrl()), db.transactions(),
                            TokenVault.of(TokenKeyset.generate()))
                    .settings(TestServer.settings())
                    .scheduler(scheduler)
                    .deliveryProcessor(body -> CompletableFuture.completedFuture(null))
                    .build();
            backend.start();
            assertFalse(scheduler.getQueue().isEmpty(), "the inbox poll and the health check are scheduled on it");
            backend.close();
            assertFalse(scheduler.isShutdown(), "a scheduler the host gave stays the host's");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
