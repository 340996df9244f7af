package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.Redactor;
import io.messengerkit.jakarta.error.AccessDeniedException;
import io.messengerkit.jakarta.error.BackendException;
import io.messengerkit.jakarta.error.ConflictException;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.NotAuthenticatedException;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import io.messengerkit.jakarta.error.ReconnectNeededException;
import io.messengerkit.jakarta.error.RequestNotVerifiedException;
import io.messengerkit.token.TokenUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where failures become HTTP answers: every failure of this module's resources is
 * an RFC 9457 problem document ({@code application/problem+json}).
 *
 * <ul>
 *   <li>the backend's own exceptions ({@code io.messengerkit.jakarta.error}), each kind with its
 *       status and problem type: 400 {@code invalid-request} with every offending field, 401
 *       {@code unauthenticated}, 403 {@code forbidden}, 403 {@code invalid-signature},
 *       {@code webhook-verification-failed} or {@code invalid-signed-request}, 404 {@code not-found},
 *       409 {@code conflict}, 409 {@code reconnect-needed}, 413 {@code too-large};</li>
 *   <li>Graph API failures: 502 {@code graph-error} with Meta's code, subcode, type and
 *       {@code fbtrace_id} (the identifier Meta support asks for), or 409 {@code reconnect-needed}
 *       when Meta rejected the token or the store knows it is dead;</li>
 *   <li>JAX-RS errors (404, 405, 415...) as {@code http-<status>};</li>
 *   <li>anything else: 500 {@code internal} with an incident id to quote; the stack trace goes to the
 *       server log only.</li>
 * </ul>
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

    /** Base of the problem type URIs. */
    static final String TYPE_BASE = "https://messengerkit.io/problems/";

    @Context
    UriInfo uriInfo;

    /** For the JAX-RS runtime. */
    public ProblemMapper() {
    }

    /**
     * An RFC 9457 problem document.
     *
     * @param type the problem type URI
     * @param title a short, fixed summary
     * @param status the HTTP status
     * @param detail this occurrence, for people; never a token or a stack trace
     * @param instance the request path, left out when unknown
     * @param extensions more members, written after the standard ones
     */
    record Problem(String type, String title, int status, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
            @JsonAnyGetter Map<String, Object> extensions) implements JsonBody {

        Problem(int status, String type, String title, String detail, Map<String, Object> extensions) {
            this(TYPE_BASE + type, title, status, detail, null, extensions == null ? Map.of() : extensions);
        }

        Problem at(String path) {
            return new Problem(type, title, status, detail, path, extensions);
        }
    }

    @Override
    public Response toResponse(Throwable exception) {
        LimitedEntityStream.BodyRefused refused = causeOfType(exception, LimitedEntityStream.BodyRefused.class);
        if (refused != null) {
            // Already a problem document (413 or 400), closing the connection: passed on unchanged.
            return refused.getResponse();
        }
        Problem problem = toProblem(exception).at(instance());
        Response.ResponseBuilder response = Response.status(problem.status()).type(JsonBodies.PROBLEM).entity(problem);
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (exception instanceof WebApplicationException wae && problem.status() == 405) {
            Object allow = wae.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
        }
        return response.build();
    }

    static Problem toProblem(Throwable exception) {
        BackendException backend = causeOfType(exception, BackendException.class);
        if (backend != null) {
            return of(backend);
        }
        if (exception instanceof TokenUnavailableException e) {
            return reconnectNeeded("The stored Facebook authorisation is " + e.reason() + "; link the account again.",
                    Map.of());
        }
        if (exception instanceof GraphException e) {
            return of(e);
        }
        if (exception instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status >= 500) {
                return internal(exception);
            }
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
            return new Problem(status, "http-" + status, title, title + ".", null);
        }
        return internal(exception);
    }

    /** Each kind of the backend's failures, with its status and type. */
    static Problem of(BackendException exception) {
        String detail = exception.getMessage();
        if (exception instanceof InvalidInputException e) {
            return new Problem(400, "invalid-request", "Invalid request", detail, Map.of("errors", e.violations()));
        }
        if (exception instanceof NotAuthenticatedException) {
            return new Problem(401, "unauthenticated", "Authentication required", detail, null);
        }
        if (exception instanceof AccessDeniedException e) {
            return new Problem(403, "forbidden", "Not allowed", detail, Map.of("chatbot_id", e.chatbotId()));
        }
        if (exception instanceof RequestNotVerifiedException e) {
            return switch (e.check()) {
                case WEBHOOK_SIGNATURE -> new Problem(403, "invalid-signature", "Invalid signature", detail, null);
                case VERIFY_TOKEN -> new Problem(403, "webhook-verification-failed", "Verification failed", detail, null);
                case SIGNED_REQUEST -> new Problem(403, "invalid-signed-request", "Invalid signed_request", detail, null);
            };
        }
        if (exception instanceof NotFoundException) {
            return new Problem(404, "not-found", "Not found", detail, null);
        }
        if (exception instanceof ConflictException) {
            return new Problem(409, "conflict", "Conflict", detail, null);
        }
        if (exception instanceof ReconnectNeededException) {
            return reconnectNeeded(detail, Map.of());
        }
        if (exception instanceof PayloadTooLargeException e) {
            return new Problem(413, "too-large", "Request body too large", detail, Map.of("limit", e.limit()));
        }
        // BackendException is sealed; a kind added there without a branch here is a bug worth an incident id.
        return internal(exception);
    }

    private static Problem of(GraphException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("graph_code", e.code());
        if (e.subcode() != 0) {
            details.put("graph_subcode", e.subcode());
        }
        if (e.type() != null) {
            details.put("graph_type", e.type());
        }
        e.fbtraceId().ifPresent(t -> details.put("fbtrace_id", t));
        if (e instanceof TokenInvalidException) {
            return reconnectNeeded("Meta rejected the stored Facebook authorisation; link the account again.", details);
        }
        return new Problem(502, "graph-error", "Graph API error",
                "The Graph API call failed: " + Redactor.redact(e.getMessage()), details);
    }

    private static Problem reconnectNeeded(String detail, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>(details);
        extensions.put("reconnect_needed", true);
        return new Problem(409, "reconnect-needed", "Reconnect needed", detail, extensions);
    }

    private static Problem internal(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        // The exception goes to the server log only; the client sees the incident id to quote.
        LOG.log(Level.ERROR, "Unexpected failure, incident " + incident, exception);
        return new Problem(500, "internal", "Internal error",
                "The request failed unexpectedly. Quote incident " + incident + " when reporting it.",
                Map.of("incident", incident));
    }

    /** The exception itself or a cause of it, if of {@code type}: some runtimes wrap what a resource's helpers throw. */
    private static <T extends Throwable> T causeOfType(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The request path as sent, context root included. */
    private String instance() {
        try {
            // The path as requested, context root included: UriInfo.getPath() is relative to the application and
            // starts with a slash on RESTEasy but not on Jersey.
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
