package io.messengerkit.jakarta.cdi;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.config.ConversationSettings;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.JpaConversationWindowStore;
import io.messengerkit.send.ConversationWindowStore;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.persistence.MessengerSchema;
import io.messengerkit.jakarta.reply.ChatbotResponder;
import io.messengerkit.jakarta.security.ApiKeyAuthorizer;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import io.messengerkit.jakarta.security.SecurityContextAuthorizer;
import io.messengerkit.jakarta.persistence.JpaTokenStore;
import io.messengerkit.token.StoredTokenCheck;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenVault;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.lang.System.Logger.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * CDI wiring for an application server: builds the {@link MessengerBackend} from configuration
 * (the seed's environment variables, or MicroProfile Config when the server has it) on the
 * server's JTA persistence unit and managed executors, and makes it injectable with the few parts
 * a host uses for its own work ({@link GraphClient}, {@link TokenService}, {@link LinkRepository},
 * {@link MessageLog}). The resources call the backend's use cases. {@link MessengerStartup} starts
 * it with the web application.
 *
 * <p>The host plugs in with beans of its own, all optional:
 * <ul>
 *   <li>a {@link ChatbotResponder} (the chatbot; without one, messages are logged but not answered);</li>
 *   <li>{@link MessengerHandlers} (more webhook handlers);</li>
 *   <li>a {@link ChatbotAuthorizer} (who may call the management API; default: the server's
 *       authentication with roles {@code messenger-admin} and {@code chatbot:<id>}, then the API
 *       keys of {@code MESSENGER_API_KEYS}).</li>
 * </ul>
 * Any produced bean can be replaced with an {@code @Alternative @Priority} producer.
 */
@ApplicationScoped
public class MessengerProducers {
    private static final System.Logger LOG = System.getLogger(MessengerProducers.class.getName());

    /** The configuration names the SDK reads, looked up through MicroProfile Config as well. */
    private static final List<String> SDK_SETTINGS = List.of(MessengerConfig.ENV_APP_ID, MessengerConfig.ENV_APP_SECRET,
            MessengerConfig.ENV_API_VERSION, MessengerConfig.ENV_GRAPH_BASE_URL, MessengerConfig.ENV_VERIFY_TOKEN,
            MessengerConfig.ENV_ENCRYPTION_KEY, MessengerConfig.ENV_TOKEN_KEYSET, MessengerConfig.ENV_TOKEN_KEYSET_FILE,
            MessengerConfig.ENV_CONNECT_TIMEOUT_MS, MessengerConfig.ENV_REQUEST_TIMEOUT_MS,
            MessengerConfig.ENV_RETRY_MAX_ATTEMPTS);

    /** The configuration name of the datasource whose schema is migrated at start. */
    static final String SCHEMA_DATASOURCE = "MESSENGER_SCHEMA_DATASOURCE";
    /** The datasource of the {@code messengerkit} persistence unit as this module ships it. */
    static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

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


    /**
     * The SDK configuration, from MicroProfile Config when present, else the environment.
     *
     * @return the configuration
     */
    @Produces
    @Singleton
    public MessengerConfig messengerConfig() {
        Map<String, String> values = new HashMap<>(System.getenv());
        values.putAll(ConfigLookup.detect().snapshot(SDK_SETTINGS));
        return MessengerConfig.fromEnvironment(values);
    }

    /**
     * The module's settings, read the same way.
     *
     * @return the settings
     */
    @Produces
    @Singleton
    public IntegrationSettings integrationSettings() {
        return IntegrationSettings.fromEnvironment();
    }

    /**
     * The conversation settings (messaging window mode, HUMAN_AGENT, handoff quiet period), read the
     * same way and checked here, so a bad value fails the deployment.
     *
     * @return the settings
     */
    @Produces
    @Singleton
    public ConversationSettings conversationSettings() {
        return ConversationSettings.fromEnvironment();
    }

    /**
     * The messaging window store on the server's JTA unit, shared by every instance of the application.
     *
     * @return the JPA store
     */
    @Produces
    @Singleton
    public ConversationWindowStore conversationWindowStore() {
        return new JpaConversationWindowStore(transactions);
    }

    /**
     * The token vault over the configured keyset.
     *
     * @param config names the keyset
     * @return the vault
     */
    @Produces
    @Singleton
    public TokenVault tokenVault(MessengerConfig config) {
        return TokenVault.of(TokenKeyset.from(config));
    }

    /**
     * The backend on the server's JTA unit and managed executors, on a migrated schema.
     *
     * @param config the SDK configuration
     * @param settings the module's settings
     * @param vault the token vault
     * @param conversations the messaging window and handoff settings
     * @param windowStore where each conversation's last inbound interaction is kept
     * @return the started backend
     */
    @Produces
    @Singleton
    public MessengerBackend messengerBackend(MessengerConfig config, IntegrationSettings settings, TokenVault vault,
            ConversationSettings conversations, ConversationWindowStore windowStore) {
        migrateSchema();
        // A keyset that cannot open the tokens already stored (a lost or swapped keyset) fails the deployment,
        // naming the missing key ids, instead of deploying an application whose every reply fails.
        StoredTokenCheck.requireOpenable(new JpaTokenStore(transactions, Clock.systemUTC()), TokenKeyset.from(config));
        MessengerBackend.Builder builder = MessengerBackend.builder(config, transactions, vault)
                .settings(settings)
                .conversations(conversations)
                .windowStore(windowStore)
                .authorizer(authorizer(settings));
        // Looked up rather than injected: a server without one of them (Payara Micro has no default
        // scheduled executor) still deploys, and the backend then uses a timer thread of its own that
        // only hands work to the managed executor.
        lookup("java:comp/DefaultManagedExecutorService", ManagedExecutorService.class).ifPresent(builder::executor);
        lookup("java:comp/DefaultManagedScheduledExecutorService", ManagedScheduledExecutorService.class)
                .ifPresent(builder::scheduler);
        if (responders.isResolvable()) {
            builder.responder(responders.get());
        }
        for (MessengerHandlers h : handlers) {
            builder.handlers(h::register);
        }
        return builder.build();
    }

    /**
     * Stops the backend with the application.
     *
     * @param backend the backend to close
     */
    public void closeBackend(@Disposes MessengerBackend backend) {
        backend.close();
    }

    /**
     * Makes the backend's Graph client injectable.
     *
     * @param backend the backend
     * @return the backend's Graph client
     */
    @Produces
    @Singleton
    public GraphClient graphClient(MessengerBackend backend) {
        return backend.graphClient();
    }

    /**
     * Makes the backend's token service injectable.
     *
     * @param backend the backend
     * @return the backend's token service
     */
    @Produces
    @Singleton
    public TokenService tokenService(MessengerBackend backend) {
        return backend.tokens();
    }

    /**
     * Makes the backend's linked accounts and pages injectable.
     *
     * @param backend the backend
     * @return the backend's linked accounts and pages
     */
    @Produces
    @Singleton
    public LinkRepository linkRepository(MessengerBackend backend) {
        return backend.links();
    }

    /**
     * Makes the backend's messaging window policy injectable (the one every reply of the pipeline is checked
     * against), to check a host's own sends the same way.
     *
     * @param backend the backend
     * @return the policy
     */
    @Produces
    @Singleton
    public MessagingWindowPolicy messagingWindowPolicy(MessengerBackend backend) {
        return backend.windowPolicy();
    }

    /**
     * Makes the conversations with a human injectable.
     *
     * @param backend the backend
     * @return the backend's handoff store
     */
    @Produces
    @Singleton
    public HumanHandoffs humanHandoffs(MessengerBackend backend) {
        return backend.handoffs();
    }

    /**
     * Makes the backend's message log injectable.
     *
     * @param backend the backend
     * @return the backend's message log
     */
    @Produces
    @Singleton
    public MessageLog messageLog(MessengerBackend backend) {
        return backend.messageLog();
    }

    /**
     * Migrates the datasource the persistence unit runs on ({@value #DEFAULT_DATASOURCE} unless
     * {@value #SCHEMA_DATASOURCE} names another; {@code none} when the schema is managed elsewhere).
     * MessengerStartup asks for the backend while the application starts, outside any transaction.
     */
    private static void migrateSchema() {
        String name = ConfigLookup.detect().get(SCHEMA_DATASOURCE).filter(v -> !v.isBlank()).orElse(DEFAULT_DATASOURCE);
        if ("none".equalsIgnoreCase(name)) {
            LOG.log(Level.INFO, "{0}=none: the MessengerKit schema is not migrated here", SCHEMA_DATASOURCE);
            return;
        }
        DataSource dataSource = lookup(name, DataSource.class).orElseThrow(() -> new IllegalStateException(
                "no datasource " + name + " to migrate the MessengerKit schema on; set " + SCHEMA_DATASOURCE));
        MessengerSchema.migrate(dataSource);
    }

    private static <T> Optional<T> lookup(String name, Class<T> type) {
        try {
            Object found = new InitialContext().lookup(name);
            return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.INFO, "{0} is not available here; the Messenger backend uses its own", name);
            return Optional.empty();
        }
    }

    private ChatbotAuthorizer authorizer(IntegrationSettings settings) {
        if (authorizers.isResolvable()) {
            return authorizers.get();
        }
        return ChatbotAuthorizer.firstOf(SecurityContextAuthorizer.withRoles("messenger-admin", "chatbot:"),
                ApiKeyAuthorizer.parse(settings.apiKeys().orElse(null)));
    }
}
