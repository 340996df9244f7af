package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Bounds the body of every request to this module's resources (and to any other resource of the
 * same JAX-RS application) before anything reads it: the webhook to
 * {@code MESSENGER_WEBHOOK_MAX_BYTES}, everything else (management API, Login callbacks, the host's
 * own resources) to {@code MESSENGER_REQUEST_MAX_BYTES}.
 *
 * <p>A declared {@code Content-Length} over the limit is answered 413 before a byte of the body
 * is read. Otherwise the entity stream is replaced by a {@link LimitedEntityStream}, which fails
 * the request with 413 as soon as one byte more than the limit arrives, whoever reads it: a
 * resource, Jackson, or Jersey buffering a form for {@code @FormParam}. So a body of any size costs
 * at most the limit in memory.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimit implements ContainerRequestFilter {
    @Inject
    MessengerBackend backend;

    @Context
    ResourceInfo resource;

    /** For the JAX-RS runtime. */
    public RequestBodyLimit() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        int limit = resource != null && resource.getResourceClass() != null
                && WebhookResource.class.isAssignableFrom(resource.getResourceClass())
                ? backend.webhookMaxBytes() : backend.requestMaxBytes();
        long declared = request.getLength();
        String path = "/" + request.getUriInfo().getPath();
        if (declared > limit) {
            request.abortWith(LimitedEntityStream.tooLarge(limit, path));
            return;
        }
        if (declared != 0) {
            request.setEntityStream(new LimitedEntityStream(request.getEntityStream(), limit, declared, path));
        }
    }
}
