package io.messengerkit.jakarta.link;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_1;
import static io.messengerkit.jakarta.testing.GraphStubs.PAGE_2;
import static io.messengerkit.jakarta.testing.GraphStubs.V;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.GraphException;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.JpaTokenStore;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.PageAlreadyLinkedException;
import io.messengerkit.jakarta.persistence.PageSource;
import io.messengerkit.jakarta.error.ConflictException;
import io.messengerkit.jakarta.testing.GraphStubs;
import io.messengerkit.jakarta.testing.LogCapture;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenKind;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenVault;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Linking as a unit of work, on the real database and real HTTP to WireMock: every write of an
 * operation commits together after the Graph calls, or none does, and subscriptions a failed link
 * made are undone.
 */
class AccountLinkingTest {
    /** Longer than any name column: writing it fails in the database, half-way through a unit of work. */
    static final String TOO_LONG = "x".repeat(600);

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        GraphStubs graph;
        GraphClient client;
        TokenService tokens;
        LinkRepository links;
        /** Set by a test to hold subscribe calls until both racers have made theirs. */
        volatile CyclicBarrier subscribeTogether;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            graph = new GraphStubs();
            client = GraphClient.create(TestServer.config(graph.baseUrl()));
            tokens = new TokenService(new JpaTokenStore(db.transactions()), TokenVault.of(TokenKeyset.generate()));
            links = new LinkRepository(db.transactions(), Clock.systemUTC());
        }

        @AfterAll
        void stop() {
            graph.close();
            db.close();
        }

        @BeforeEach
        void clean() {
            graph.reset();
            subscribeTogether = null;
            db.transactions().run(em -> {
                for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity")) {
                    em.createQuery("delete from " + entity + " e").executeUpdate();
                }
            });
        }

        AccountLinking linking() {
            GraphPort sdk = new SdkGraphPort(client);
            GraphPort port = new DelegatingGraphPort(sdk) {
                @Override
                public void subscribe(String pageId, AccessToken pageToken, List<String> fields) {
                    CyclicBarrier barrier = subscribeTogether;
                    if (barrier != null) {
                        try {
                            barrier.await(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("the other racer never subscribed", e);
                        }
                    }
                    super.subscribe(pageId, pageToken, fields);
                }
            };
            return new AccountLinking(port, tokens, links, IntegrationSettings.defaults());
        }

        LinkedAccount linkAccount(String chatbot) {
            return linking().link(chatbot, AccessToken.of(GraphStubs.SHORT_TOKEN));
        }

        List<TokenKey> storedTokens(String chatbot) {
            return tokens.list(chatbot).stream().map(SealedToken::key).toList();
        }

        int unsubscribes(String page) {
            return graph.server().findAll(deleteRequestedFor(urlPathEqualTo(V + "/" + page + "/subscribed_apps"))).size();
        }

        @Test
        void linkingPagesStoresNothingWhenAWriteFailsHalfWayAndUndoesTheNewSubscriptions() {
            linkAccount("bot-a");
            graph.pages("Corner Shop", TOO_LONG, true);

            assertThrows(RuntimeException.class, () -> linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2)));

            assertEquals(List.of(), links.pages("bot-a", true), "no page row");
            assertEquals(List.of(TokenKey.user("bot-a", GraphStubs.USER_ID)), storedTokens("bot-a"), "no page token");
            assertEquals(1, graph.server().findAll(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_2 + "/subscribed_apps"))).size());
            assertEquals(1, unsubscribes(PAGE_1), "page 1's new subscription undone");
            assertEquals(1, unsubscribes(PAGE_2), "page 2's new subscription undone");
            assertEquals("Help Desk", links.account("bot-a").orElseThrow().availablePages().get(1).name(),
                    "the stored page list is the one from before");
        }

        @Test
        void aSubscriptionThatFailsHalfWayUndoesTheEarlierOnesAndStoresNothing() {
            linkAccount("bot-a");
            graph.error("POST", "/" + PAGE_2 + "/subscribed_apps", 400, 100, 0, "AtraceMadeUp9");

            assertThrows(GraphException.class, () -> linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2)));

            assertEquals(List.of(), links.pages("bot-a", true));
            assertEquals(List.of(TokenKey.user("bot-a", GraphStubs.USER_ID)), storedTokens("bot-a"));
            assertEquals(1, unsubscribes(PAGE_1));
            assertEquals(0, unsubscribes(PAGE_2), "never subscribed");
        }

        @Test
        void aPageLinkedBeforeKeepsItsLinkAndSubscriptionWhenALaterLinkFails() {
            linkAccount("bot-a");
            linking().linkPages("bot-a", List.of(PAGE_1));
            graph.pages("Corner Shop", TOO_LONG, true);

            assertThrows(RuntimeException.class, () -> linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2)));

            assertEquals(0, unsubscribes(PAGE_1), "page 1 was linked before: its subscription serves that link");
            assertEquals(1, unsubscribes(PAGE_2));
            assertEquals(List.of(PAGE_1), links.pages("bot-a", true).stream().map(LinkedPage::pageId).toList());
            assertTrue(tokens.find(TokenKey.page("bot-a", PAGE_1)).isPresent());
            assertFalse(tokens.find(TokenKey.page("bot-a", PAGE_2)).isPresent());
        }

        @Test
        void anUndoThatFailsIsLoggedAndTheLinkFailureIsStillWhatTheCallerSees() {
            linkAccount("bot-a");
            graph.error("POST", "/" + PAGE_2 + "/subscribed_apps", 400, 100, 0, "AtraceMadeUp9");
            graph.error("DELETE", "/" + PAGE_1 + "/subscribed_apps", 400, 200, 0, "AtraceMadeUp8");

            List<String> logged = new ArrayList<>();
            GraphException e;
            // System.Logger lines reach java.util.logging in this module's tests.
            try (LogCapture jul = new LogCapture()) {
                e = assertThrows(GraphException.class, () -> linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2)));
                logged.addAll(jul.lines());
            }

            assertEquals(100, e.code(), "the subscribe failure, not the undo's");
            assertTrue(logged.stream().anyMatch(l -> l.contains("WARNING") && l.contains("Linking page " + PAGE_1)
                    && l.contains("could not be undone") && l.contains("Graph error 200")), logged.toString());
            assertTrue(logged.stream().noneMatch(l -> l.contains(GraphStubs.pageToken(PAGE_1))));
            assertEquals(List.of(), links.pages("bot-a", true));
        }

        @Test
        void linkingAnAccountStoresItsTokenOnlyTogetherWithTheAccount() {
            graph.server().stubFor(get(urlPathEqualTo(V + "/me")).willReturn(okJson(
                    "{\"id\":\"" + GraphStubs.USER_ID + "\",\"name\":\"" + TOO_LONG + "\"}")));

            assertThrows(RuntimeException.class, () -> linkAccount("bot-a"));

            assertTrue(links.account("bot-a").isEmpty());
            assertEquals(List.of(), storedTokens("bot-a"), "no user token without its account");
        }

        @Test
        void refreshStoresNothingWhenAWriteFailsHalfWay() {
            linkAccount("bot-a");
            linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2));
            graph.pages("Renamed Shop", TOO_LONG, true);

            assertThrows(RuntimeException.class, () -> linking().refreshPages("bot-a"));

            assertEquals("Corner Shop", links.page("bot-a", PAGE_1).orElseThrow().name(), "the rename rolled back too");
            assertEquals("Corner Shop", links.account("bot-a").orElseThrow().availablePages().get(0).name());
        }

        @Test
        void unlinkingAnAccountUnsubscribesThenRemovesEverythingTogether() {
            linkAccount("bot-a");
            linking().linkPages("bot-a", List.of(PAGE_1, PAGE_2));

            List<AccountLinking.PageOutcome> outcomes = linking().unlinkAccount("bot-a");

            assertEquals(List.of("unlinked", "unlinked"), outcomes.stream().map(AccountLinking.PageOutcome::outcome).toList());
            assertEquals(1, unsubscribes(PAGE_1));
            assertEquals(1, unsubscribes(PAGE_2));
            assertTrue(links.account("bot-a").isEmpty());
            assertEquals(List.of(), storedTokens("bot-a"));
            assertTrue(links.pages("bot-a", true).stream().noneMatch(LinkedPage::active));
        }

        @Test
        void theDatabaseAdmitsOneActiveLinkPerPageAndKeepsTheHistory() {
            links.savePage("bot-a", PAGE_1, "Corner Shop", PageSource.PERSONAL, List.of("messages"));

            assertThrows(PageAlreadyLinkedException.class,
                    () -> links.savePage("bot-b", PAGE_1, "Corner Shop", PageSource.PERSONAL, List.of("messages")));
            assertTrue(links.page("bot-b", PAGE_1).isEmpty(), "the refused link left no row");

            assertTrue(links.unlinkPage("bot-a", PAGE_1));
            links.savePage("bot-b", PAGE_1, "Corner Shop", PageSource.PERSONAL, List.of("messages"));
            assertEquals("bot-b", links.activePage(PAGE_1).orElseThrow().chatbotId());
            assertFalse(links.page("bot-a", PAGE_1).orElseThrow().active(), "the unlinked row stays for the history");

            assertThrows(PageAlreadyLinkedException.class,
                    () -> links.savePage("bot-a", PAGE_1, "Corner Shop", PageSource.PERSONAL, List.of("messages")));
        }

        @Test
        void twoChatbotsLinkingOnePageAtOnceOneWinsAndKeepsItsSubscription() throws Exception {
            linkAccount("bot-a");
            linkAccount("bot-b");
            // Both pass the early check before either stores: only the database can tell them apart.
            subscribeTogether = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<List<LinkedPage>>> racers = new ArrayList<>();
            try {
                for (String bot : List.of("bot-a", "bot-b")) {
                    racers.add(pool.submit(() -> linking().linkPages(bot, List.of(PAGE_1))));
                }
                List<String> winners = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (Future<List<LinkedPage>> racer : racers) {
                    try {
                        winners.add(racer.get(60, TimeUnit.SECONDS).get(0).chatbotId());
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof ConflictException problem)) {
                            throw e;
                        }
                        refusals.add(problem.getClass().getSimpleName());
                        assertTrue(problem.getMessage().contains("already linked to another chatbot"), problem.getMessage());
                    }
                }

                assertEquals(1, winners.size(), "one wins");
                assertEquals(List.of("ConflictException"), refusals, "the other is refused with a conflict");
                assertEquals(winners.get(0), links.activePage(PAGE_1).orElseThrow().chatbotId());
                String loser = winners.get(0).equals("bot-a") ? "bot-b" : "bot-a";
                assertTrue(links.page(loser, PAGE_1).isEmpty());
                assertFalse(tokens.find(TokenKey.page(loser, PAGE_1)).isPresent(), "the loser stored no page token");
                assertEquals(0, unsubscribes(PAGE_1), "the page's subscription serves the winner's link");
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void theUserTokenOfTheChatbotStaysOneRowThroughRelinks() {
            linkAccount("bot-a");
            linkAccount("bot-a");

            assertEquals(List.of(TokenKey.user("bot-a", GraphStubs.USER_ID)), storedTokens("bot-a"));
            assertEquals(TokenKind.USER, storedTokens("bot-a").get(0).kind());
        }
    }

    @Nested
    class OnH2 extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.mariadb();
        }
    }

    /** A {@link GraphPort} that forwards every call, for tests that step into one. */
    static class DelegatingGraphPort implements GraphPort {
        private final GraphPort delegate;

        DelegatingGraphPort(GraphPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public UserToken exchangeForLongLivedToken(AccessToken shortLived) {
            return delegate.exchangeForLongLivedToken(shortLived);
        }

        @Override
        public User me(AccessToken userToken) {
            return delegate.me(userToken);
        }

        @Override
        public List<Page> pages(AccessToken userToken) {
            return delegate.pages(userToken);
        }

        @Override
        public void subscribe(String pageId, AccessToken pageToken, List<String> fields) {
            delegate.subscribe(pageId, pageToken, fields);
        }

        @Override
        public List<SubscribedApp> subscribedApps(String pageId, AccessToken pageToken) {
            return delegate.subscribedApps(pageId, pageToken);
        }

        @Override
        public void unsubscribe(String pageId, AccessToken pageToken) {
            delegate.unsubscribe(pageId, pageToken);
        }

        @Override
        public io.messengerkit.graph.TokenDebugInfo debugToken(AccessToken token) {
            return delegate.debugToken(token);
        }
    }
}
