package io.messengerkit.sample;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.cdi.JtaTransactions;
import io.messengerkit.jakarta.cdi.MessengerHandlers;
import io.messengerkit.jakarta.cdi.MessengerProducers;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.reply.ChatbotResponder;
import io.messengerkit.jakarta.security.ApiKeyAuthorizer;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import io.messengerkit.jakarta.security.SecurityContextAuthorizer;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The backend on an application server, built like the integration module's {@link MessengerProducers} but
 * taking the server's managed executors by JNDI lookup instead of {@code @Resource} field injection.
 *
 * <p>Why: on Payara 6 the {@code @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")}
 * field of {@code MessengerProducers}, a class in {@code WEB-INF/lib}, is registered without its type and the
 * deployment fails ("CDI deployment failure: Exception attempting to inject Env-Prop:
 * ...MessengerProducers/scheduler@java.lang.String ... Lookup failed"). {@link Swap} vetoes that class and
 * this one takes its place; when a server has no managed scheduler, the backend runs its own thread.
 */
@ApplicationScoped
public class ServerMessengerProducers {

    private static final System.Logger LOG = System.getLogger(ServerMessengerProducers.class.getName());
    private static final List<String> SDK_SETTINGS = List.of(MessengerConfig.ENV_APP_ID, MessengerConfig.ENV_APP_SECRET,
            MessengerConfig.ENV_API_VERSION, MessengerConfig.ENV_GRAPH_BASE_URL, MessengerConfig.ENV_VERIFY_TOKEN,
            MessengerConfig.ENV_ENCRYPTION_KEY, MessengerConfig.ENV_TOKEN_KEYSET, MessengerConfig.ENV_TOKEN_KEYSET_FILE,
            MessengerConfig.ENV_CONNECT_TIMEOUT_MS, MessengerConfig.ENV_REQUEST_TIMEOUT_MS,
            MessengerConfig.ENV_RETRY_MAX_ATTEMPTS);

    @Inject
    JtaTransactions transactions;

    @Inject
    @Any
    Instance<ChatbotResponder> responders;

    @Inject
    @Any
    Instance<ChatbotAuthorizer> authorizers;

    @Inject
    @Any
    Instance<MessengerHandlers> handlers;

    @Produces
    @Singleton
    public MessengerBackend messengerBackend() {
        Map<String, String> values = new HashMap<>(System.getenv());
        values.putAll(ConfigLookup.detect().snapshot(SDK_SETTINGS));
        MessengerConfig config = MessengerConfig.fromEnvironment(values);
        IntegrationSettings settings = IntegrationSettings.fromEnvironment();
        MessengerBackend.Builder builder = MessengerBackend.builder(config, transactions, TokenVault.of(TokenKeyset.from(config)))
                .settings(settings)
                .executor(lookup("java:comp/DefaultManagedExecutorService", ExecutorService.class))
                .scheduler(lookup("java:comp/DefaultManagedScheduledExecutorService", ScheduledExecutorService.class))
                .authorizer(authorizers.isResolvable() ? authorizers.get()
                        : ChatbotAuthorizer.firstOf(SecurityContextAuthorizer.withRoles("messenger-admin", "chatbot:"),
                        ApiKeyAuthorizer.parse(settings.apiKeys().orElse(null))));
        if (responders.isResolvable()) {
            builder.responder(responders.get());
        }
        for (MessengerHandlers h : handlers) {
            builder.handlers(h::register);
        }
        return builder.build();
    }

    public void closeBackend(@Disposes MessengerBackend backend) {
        backend.close();
    }

    /** Starts the backend with the application: schema migration, the inbox worker, the health schedule. */
    public void start(@Observes @Initialized(ApplicationScoped.class) Object event, MessengerBackend backend) {
        backend.start();
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(InitialContext.doLookup(name));
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.INFO, () -> name + " is not available (" + e.getClass().getSimpleName() + "); the backend uses its own threads");
            return null;
        }
    }

    /** The CDI extension that takes {@link MessengerProducers} out, so its producers do not clash with these. */
    public static class Swap implements Extension {
        void vetoModuleProducers(@Observes ProcessAnnotatedType<MessengerProducers> type) {
            type.veto();
        }
    }
}
