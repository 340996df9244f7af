package io.messengerkit.jakarta.rest;

import io.messengerkit.MessengerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure answered as an RFC 9457 problem details document ({@code application/problem+json}).
 * Resources throw it; {@link ProblemMapper} writes it. The message is the problem's
 * {@code detail} and never holds a token or a stack trace.
 */
public final class ApiProblem extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Base of the problem type URIs this module uses. */
    public static final String TYPE_BASE = "https://messengerkit.io/problems/";

    /**
     * One invalid request field.
     *
     * @param field the field name as the client sent it
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    /** The HTTP status. */
    private final int status;
    /** The problem type URI. */
    private final String type;
    /** A short, fixed summary. */
    private final String title;
    private final transient Map<String, Object> extensions;

    /**
     * A problem answered as an RFC 9457 document.
     *
     * @param status the HTTP status
     * @param type the problem type URI
     * @param title a short, fixed summary
     * @param detail this occurrence, for people
     * @param extensions more members of the document; may be null
     */
    public ApiProblem(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /**
     * 400 with the offending fields.
     *
     * @param errors every offending field
     * @return a 400 problem
     */
    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(400, TYPE_BASE + "invalid-request", "Invalid request",
                "The request has invalid or missing fields.", Map.of("errors", List.copyOf(errors)));
    }

    /**
     * 400 for one offending field.
     *
     * @param field the offending field
     * @param message what is wrong with it
     * @return a 400 problem
     */
    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /**
     * 401: no or unknown credentials.
     *
     * @return a 401 problem
     */
    public static ApiProblem unauthenticated() {
        return new ApiProblem(401, TYPE_BASE + "unauthenticated", "Authentication required",
                "Send a valid API key as 'Authorization: Bearer <key>' or authenticate with the server.", null);
    }

    /**
     * 403: authenticated, but not for this chatbot.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return a 403 problem
     */
    public static ApiProblem forbidden(String chatbotId) {
        return new ApiProblem(403, TYPE_BASE + "forbidden", "Not allowed",
                "These credentials may not act on chatbot '" + chatbotId + "'.", Map.of("chatbot_id", chatbotId));
    }

    /**
     * 404 for a missing thing.
     *
     * @param detail what was not found
     * @return a 404 problem
     */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, TYPE_BASE + "not-found", "Not found", detail, null);
    }

    /**
     * 409: the stored Facebook authorisation no longer works; the user must link again.
     *
     * @param detail what Meta rejected
     * @return a 409 problem
     */
    public static ApiProblem reconnectNeeded(String detail) {
        return new ApiProblem(409, TYPE_BASE + "reconnect-needed", "Reconnect needed", detail,
                Map.of("reconnect_needed", true));
    }

    /**
     * 409 for a conflicting state.
     *
     * @param detail what conflicts
     * @return a 409 problem
     */
    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, TYPE_BASE + "conflict", "Conflict", detail, null);
    }

    /**
     * 413: the body is larger than allowed.
     *
     * @param limit the largest body accepted, in bytes
     * @return a 413 problem
     */
    public static ApiProblem tooLarge(int limit) {
        return new ApiProblem(413, TYPE_BASE + "too-large", "Request body too large",
                "The body exceeds " + limit + " bytes.", Map.of("limit", limit));
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the problem type URI} */
    public String type() {
        return type;
    }

    /** {@return the short summary} */
    public String title() {
        return title;
    }

    /** {@return the explanation of this occurrence} */
    public String detail() {
        return getMessage();
    }

    /** {@return the extra members} */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /**
     * {@return the problem document as an ordered map, ready for JSON}
     *
     * @param instance the request path
     */
    public Map<String, Object> toDocument(String instance) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", type);
        doc.put("title", title);
        doc.put("status", status);
        doc.put("detail", getMessage());
        if (instance != null) {
            doc.put("instance", instance);
        }
        extensions.forEach(doc::putIfAbsent);
        return doc;
    }
}
