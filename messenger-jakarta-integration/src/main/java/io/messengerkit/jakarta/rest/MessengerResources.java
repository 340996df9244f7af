package io.messengerkit.jakarta.rest;

import java.util.Set;

/**
 * The JAX-RS classes of the Messenger backend, for a host application's
 * {@code Application.getClasses()}:
 *
 * <pre>{@code
 * @ApplicationPath("/")
 * public class MyApplication extends Application {
 *     public Set<Class<?>> getClasses() {
 *         Set<Class<?>> classes = new HashSet<>(MessengerResources.classes());
 *         classes.add(MyOwnResource.class);
 *         return classes;
 *     }
 * }
 * }</pre>
 *
 * The paths start with {@code /api/}, so the application path should be {@code /} for the
 * seed's exact URLs.
 */
public final class MessengerResources {
    private MessengerResources() {
    }

    /**
     * Resources and providers: management API, operator dashboard, webhook, Login callbacks, the problem-details mapper
     * and the JSON writer of the module's bodies (so its JSON is the same whatever JSON provider
     * the server brings), and the request guards (body limits, JSON bodies only) that apply to every
     * resource of the application.
     *
     * @return the classes
     */
    public static Set<Class<?>> classes() {
        return Set.of(ManagementResource.class, WebhookResource.class, DeauthorizeResource.class,
                DataDeletionResource.class, ProblemMapper.class, JsonBodyWriter.class,
                DashboardResource.class, RequestBodyLimit.class, JsonBodiesOnly.class);
    }
}
