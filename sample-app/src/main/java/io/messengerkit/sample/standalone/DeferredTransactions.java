package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.persistence.JpaTransactions;
import jakarta.persistence.EntityManager;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Transactions on a database that is still being opened: the persistence provider's start (about a second)
 * runs beside the HTTP server's instead of before it, and the first transaction waits for it.
 */
final class DeferredTransactions implements JpaTransactions {

    private final CompletableFuture<? extends JpaTransactions> opening;

    DeferredTransactions(CompletableFuture<? extends JpaTransactions> opening) {
        this.opening = Objects.requireNonNull(opening, "opening");
    }

    @Override
    public <T> T required(Function<EntityManager, T> work) {
        return opening.join().required(work);
    }

    @Override
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return opening.join().requiresNew(work);
    }

    /** True once the database is open and migrated. */
    boolean ready() {
        return opening.isDone() && !opening.isCompletedExceptionally();
    }
}
