package io.messengerkit.jakarta.cdi;

import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.MessengerPersistence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link JpaTransactions} on an application server: the container-managed entity manager of the
 * {@code messengerkit} persistence unit and JTA transactions through {@link Transactional}.
 */
@ApplicationScoped
public class JtaTransactions implements JpaTransactions {
    @PersistenceContext(unitName = MessengerPersistence.UNIT)
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public <T> T required(Function<EntityManager, T> work) {
        return work.apply(em);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return work.apply(em);
    }

    // Overridden so the call goes through the transaction interceptor (a default method calling
    // required() on this instance would bypass it).
    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void run(Consumer<EntityManager> work) {
        work.accept(em);
    }
}
