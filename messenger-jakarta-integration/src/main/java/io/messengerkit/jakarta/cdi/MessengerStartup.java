package io.messengerkit.jakarta.cdi;

import io.messengerkit.jakarta.MessengerBackend;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Starts the CDI-built {@link MessengerBackend} when the web application starts (schema
 * migration, inbox worker, health schedule), so deliveries left in the inbox are resumed without
 * waiting for a request.
 *
 * <p>It is found through {@code META-INF/services}, not by annotation scanning, and starts the
 * backend from a listener of the web application: that is where the application's naming
 * context (its persistence unit, its managed executors) is available on every server. Without
 * CDI (a standalone servlet container), it does nothing.
 */
public final class MessengerStartup implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(MessengerStartup.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(new Listener());
    }

    /** Starts the backend once the web application (and CDI) are up; stops nothing, CDI disposes it. */
    static final class Listener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            MessengerBackend backend;
            try {
                backend = CDI.current().select(MessengerBackend.class).get();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "No CDI-built Messenger backend here; not starting one: {0}", e.toString());
                return;
            }
            backend.start();
        }
    }
}
