package io.messengerkit.jakarta.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

/**
 * Requests that change something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) must
 * send their body as JSON: any other declared content type, or a body without one, is answered 415
 * before the resource runs. A browser sends {@code text/plain}, form and multipart bodies
 * cross-site without asking, but never {@code application/json}; so a server that authenticates
 * the management API with cookies cannot be driven from another site's form.
 *
 * <p>Two kinds of resource method keep their own encoding: those that consume
 * {@code application/x-www-form-urlencoded} (Meta's Login callbacks, authenticated by their
 * {@code signed_request}) and the webhook (authenticated by its signature; Meta sends JSON). A
 * request without a body and without a content type (e.g. {@code DELETE ...?chatbot_id=x}) passes.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 200)
public class JsonBodiesOnly implements ContainerRequestFilter {
    private static final Set<String> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Context
    ResourceInfo resource;

    /** For the JAX-RS runtime. */
    public JsonBodiesOnly() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!CHANGING.contains(request.getMethod()) || exempt()) {
            return;
        }
        MediaType type = request.getMediaType();
        boolean body = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (type == null ? !body : isJson(type)) {
            return;
        }
        ProblemMapper.Problem problem = new ProblemMapper.Problem(415, "http-415", "Unsupported Media Type",
                "Send the request body as application/json.", null);
        request.abortWith(Response.status(415)
                .type(JsonBodies.PROBLEM)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .entity(problem.at("/" + request.getUriInfo().getPath()))
                .build());
    }

    private boolean exempt() {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type == null || WebhookResource.class.isAssignableFrom(type)) {
            return true;
        }
        Method method = resource.getResourceMethod();
        Consumes consumes = method == null ? null : method.getAnnotation(Consumes.class);
        return consumes != null && Arrays.stream(consumes.value())
                .anyMatch(v -> v.startsWith(MediaType.APPLICATION_FORM_URLENCODED));
    }

    private static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }
}
