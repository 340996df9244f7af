package io.messengerkit.jakarta.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link JpaTransactions} for standalone use: an {@link EntityManager} and a resource-local
 * transaction per unit of work. Nested {@link #required} calls on one thread join the outer unit.
 */
public final class ResourceLocalTransactions implements JpaTransactions {
    private final EntityManagerFactory factory;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    /**
     * Transactions on entity managers of {@code factory}.
     *
     * @param factory a resource-local persistence unit
     */
    public ResourceLocalTransactions(EntityManagerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public <T> T required(Function<EntityManager, T> work) {
        EntityManager active = current.get();
        return active != null ? work.apply(active) : requiresNew(work);
    }

    @Override
    public <T> T requiresNew(Function<EntityManager, T> work) {
        EntityManager outer = current.get();
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        current.set(em);
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            em.close();
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** {@return the factory this runs on} */
    public EntityManagerFactory factory() {
        return factory;
    }
}
