package io.messengerkit.jakarta.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * Turns every failure of this module's resources into an RFC 9457 problem document: the
 * module's own {@link ApiProblem}s, Graph API failures (502 with Meta's code and
 * {@code fbtrace_id}, 409 when the token needs reconnecting), JAX-RS errors (404, 405, 415...)
 * and anything unexpected (500 with an incident id, never a stack trace).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        ApiProblem problem = toProblem(exception);
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Json.PROBLEM)
                .entity(Json.write(problem.toDocument(instance())));
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

    static ApiProblem toProblem(Throwable exception) {
        if (exception instanceof ApiProblem problem) {
            return problem;
        }
        ApiProblem graph = GraphProblems.toProblem(exception);
        if (graph != null) {
            return graph;
        }
        if (exception instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
            if (status >= 500) {
                return internal(exception);
            }
            return new ApiProblem(status, ApiProblem.TYPE_BASE + "http-" + status, title, title + ".", null);
        }
        return internal(exception);
    }

    private static ApiProblem internal(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        // The exception goes to the server log only; the client sees the incident id to quote.
        LOG.log(Level.ERROR, "Unexpected failure, incident " + incident, exception);
        return new ApiProblem(500, ApiProblem.TYPE_BASE + "internal", "Internal error",
                "The request failed unexpectedly. Quote incident " + incident + " when reporting it.",
                java.util.Map.of("incident", incident));
    }

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
