package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.EventQueue.Claim;
import io.messengerkit.jakarta.persistence.EventQueue.NewEvent;
import io.messengerkit.jakarta.persistence.QueuedDeliveries.Delivery;
import io.messengerkit.jakarta.persistence.QueuedDeliveries.Stored;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.emulator.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class QueuedDeliveriesTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        final MutableClock clock = MutableClock.startingNow();
        EventQueue queue;
        WebhookInbox inbox;
        QueuedDeliveries deliveries;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            queue = new EventQueue(db.transactions(), clock);
            inbox = new WebhookInbox(db.transactions(), clock);
            deliveries = new QueuedDeliveries(queue, inbox);
        }

        @AfterAll
        void stop() {
            db.close();
        }

        static String account() {
            return "acc" + UUID.randomUUID().toString().substring(0, 8);
        }

        static NewEvent event(String account, String person, String key) {
            return new NewEvent(key, account, person, 1, ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        static Delivery delivery(NewEvent... events) {
            return new Delivery(("{\"delivery\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8),
                    List.of(events));
        }

        List<Claim> claimAll(String account) {
            return queue.claim("w", 100, Duration.ofSeconds(30), Duration.ofMinutes(5)).stream()
                    .filter(c -> c.accountId().equals(account)).toList();
        }

        @Test
        void aBatchStoresEveryDeliveryAsProcessedAndItsEventsInListOrder() {
            String account = account();
            Delivery first = delivery(event(account, "p1", "m:" + UUID.randomUUID()), event(account, "p2", "m:" + UUID.randomUUID()));
            Delivery second = delivery(event(account, "p3", "m:" + UUID.randomUUID()));
            Delivery none = delivery();
            List<Stored> stored = deliveries.storeTogether(List.of(first, second, none));

            assertEquals(List.of(2, 1, 0), stored.stream().map(Stored::added).toList());
            assertTrue(stored.get(0).inboxId() < stored.get(1).inboxId() && stored.get(1).inboxId() < stored.get(2).inboxId());
            for (Stored s : stored) {
                assertEquals(WebhookInbox.State.DONE, inbox.find(s.inboxId()).orElseThrow().state());
            }
            List<Claim> claims = claimAll(account);
            assertEquals(List.of(first.events().get(0).eventKey(), first.events().get(1).eventKey(),
                    second.events().get(0).eventKey()), claims.stream().map(Claim::eventKey).toList());
            assertTrue(claims.get(0).id() < claims.get(1).id() && claims.get(1).id() < claims.get(2).id(),
                    "ids follow the order of the batch");
        }

        @Test
        void anEventStoredBeforeOrEarlierInTheSameBatchIsADuplicate() {
            String account = account();
            NewEvent old = event(account, "p1", "m:" + UUID.randomUUID());
            queue.enqueue(List.of(old));
            NewEvent twice = event(account, "p2", "m:" + UUID.randomUUID());
            List<Stored> stored = deliveries.storeTogether(List.of(delivery(old, twice), delivery(twice)));

            assertEquals(1, stored.get(0).added());
            assertEquals(List.of(old.eventKey()), stored.get(0).duplicates().stream().map(NewEvent::eventKey).toList());
            assertEquals(0, stored.get(1).added());
            assertEquals(List.of(twice.eventKey()), stored.get(1).duplicates().stream().map(NewEvent::eventKey).toList());
            assertEquals(2, claimAll(account).size());
        }

        @Test
        void aBatchThatCannotBeStoredStoresNothingOfIt() {
            String account = account();
            NewEvent fine = event(account, "p1", "m:" + UUID.randomUUID());
            // A key longer than its column: the database refuses the row, and with it the whole batch.
            NewEvent refused = event(account, "p2", "m:" + "x".repeat(400));
            long inboxBefore = inbox.counts().values().stream().mapToLong(Long::longValue).sum();

            assertThrows(RuntimeException.class, () -> deliveries.storeTogether(List.of(delivery(fine), delivery(refused))));

            assertEquals(inboxBefore, inbox.counts().values().stream().mapToLong(Long::longValue).sum());
            assertTrue(claimAll(account).isEmpty(), "no event of the failed batch is queued");
            Stored alone = deliveries.storeAlone(delivery(fine));
            assertEquals(1, alone.added());
            assertEquals(WebhookInbox.State.DONE, inbox.find(alone.inboxId()).orElseThrow().state());
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
}
