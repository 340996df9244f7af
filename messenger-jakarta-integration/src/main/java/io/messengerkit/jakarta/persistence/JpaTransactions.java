package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs units of work in a database transaction, the same way on an application server (JTA) and
 * standalone (resource-local). Every store in this module goes through it, which is what lets one
 * code base serve both modes.
 *
 * <pre>{@code
 * int pages = transactions.required(em -> em.createQuery("select count(p) from PageEntity p", Long.class)
 *         .getSingleResult().intValue());
 * }</pre>
 *
 * <p>A {@link RuntimeException} thrown by the work rolls the transaction back and is rethrown.
 */
public interface JpaTransactions {

    /**
     * Runs {@code work} in the caller's transaction, or a new one if there is none.
     *
     * @param <T> the result type
     * @param work the unit of work
     * @return what the work returned
     */
    <T> T required(Function<EntityManager, T> work);

    /**
     * Runs {@code work} in a transaction of its own, committed (or rolled back) before this returns.
     *
     * @param <T> the result type
     * @param work the unit of work
     * @return what the work returned
     */
    <T> T requiresNew(Function<EntityManager, T> work);

    /**
     * {@link #required(Function)} for work without a result.
     *
     * @param work the unit of work
     */
    default void run(Consumer<EntityManager> work) {
        required(em -> {
            work.accept(em);
            return null;
        });
    }
}
