package io.messengerkit.jakarta.standalone;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.rest.MessengerResources;
import java.util.Objects;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Puts a {@link MessengerBackend} into a Jersey application without CDI: the standalone mode
 * (Jersey on Grizzly, or any Jersey container). The resources get the backend through Jersey's
 * injection binder.
 *
 * <pre>{@code
 * ResourceConfig app = MessengerJersey.register(new ResourceConfig(), backend)
 *         .register(MyOwnResource.class);
 * HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://0.0.0.0:8080/"), app);
 * }</pre>
 */
public final class MessengerJersey {
    private MessengerJersey() {
    }

    /**
     * Registers the Messenger resources and binds {@code backend} for them; returns {@code config}.
     *
     * @param config the Jersey application
     * @param backend the backend the resources use
     * @return {@code config}
     */
    public static ResourceConfig register(ResourceConfig config, MessengerBackend backend) {
        Objects.requireNonNull(backend, "backend");
        config.registerClasses(MessengerResources.classes());
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(backend).to(MessengerBackend.class);
            }
        });
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return config;
    }

    /**
     * {@return a new Jersey application with only the Messenger resources}
     *
     * @param backend the backend the resources use
     */
    public static ResourceConfig application(MessengerBackend backend) {
        return register(new ResourceConfig(), backend);
    }
}
