package io.messengerkit.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.graph.GraphError;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.GraphUsage;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.jakarta.error.AccessDeniedException;
import io.messengerkit.jakarta.error.BackendException;
import io.messengerkit.jakarta.error.ConflictException;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.NotAuthenticatedException;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import io.messengerkit.jakarta.error.ReconnectNeededException;
import io.messengerkit.jakarta.error.RequestNotVerifiedException;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenUnavailableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one mapping from failures to problem documents, kind by kind. */
class ProblemMapperTest {
    private static final String BASE = ProblemMapper.TYPE_BASE;

    /** One instance of every kind of the backend's failures, with the answer it must get. */
    private static final Map<BackendException, String> EXPECTED = Map.of(
            new InvalidInputException(List.of(new InvalidInputException.Violation("chatbot_id", "is required"),
                    new InvalidInputException.Violation("page_ids", "'x' is not a page id"))), "400 invalid-request",
            new NotAuthenticatedException(), "401 unauthenticated",
            new AccessDeniedException("bot-b"), "403 forbidden",
            new RequestNotVerifiedException(RequestNotVerifiedException.Check.WEBHOOK_SIGNATURE, "bad signature."),
            "403 invalid-signature",
            new NotFoundException("Chatbot 'bot-a' has no linked Facebook account."), "404 not-found",
            new ConflictException("Page 1 is already linked to another chatbot."), "409 conflict",
            new ReconnectNeededException("The Facebook login no longer works."), "409 reconnect-needed",
            new PayloadTooLargeException(1024), "413 too-large");

    static JsonNode json(ProblemMapper.Problem problem) {
        return JsonBodies.MAPPER.valueToTree(problem);
    }

    @Test
    void mapsEveryKindOfTheBackendsFailuresToItsOwnStatusAndType() {
        Set<Class<?>> covered = new HashSet<>();
        EXPECTED.forEach((exception, expected) -> {
            ProblemMapper.Problem problem = ProblemMapper.toProblem(exception);
            assertEquals(expected, problem.status() + " " + problem.type().substring(BASE.length()), exception.toString());
            assertEquals(exception.getMessage(), problem.detail());
            covered.add(exception.getClass());
        });
        // The hierarchy is sealed: a kind added there must be added here, and to the mapper.
        assertEquals(Set.of(BackendException.class.getPermittedSubclasses()), covered);
    }

    @Test
    void namesEveryOffendingFieldOfInvalidInput() {
        JsonNode doc = json(ProblemMapper.toProblem(new InvalidInputException(List.of(
                new InvalidInputException.Violation("chatbot_id", "is required"),
                new InvalidInputException.Violation("page_size", "must be between 1 and 500")))));
        assertEquals("Invalid request", doc.get("title").asText());
        assertEquals("chatbot_id", doc.get("errors").get(0).get("field").asText());
        assertEquals("is required", doc.get("errors").get(0).get("message").asText());
        assertEquals("page_size", doc.get("errors").get(1).get("field").asText());
        assertEquals(2, doc.get("errors").size());
    }

    @Test
    void tellsEachFailedCheckApart() {
        Map<RequestNotVerifiedException.Check, String> types = Map.of(
                RequestNotVerifiedException.Check.WEBHOOK_SIGNATURE, "invalid-signature",
                RequestNotVerifiedException.Check.VERIFY_TOKEN, "webhook-verification-failed",
                RequestNotVerifiedException.Check.SIGNED_REQUEST, "invalid-signed-request");
        for (RequestNotVerifiedException.Check check : RequestNotVerifiedException.Check.values()) {
            ProblemMapper.Problem problem = ProblemMapper.toProblem(new RequestNotVerifiedException(check, "no."));
            assertEquals(403, problem.status());
            assertEquals(BASE + types.get(check), problem.type(), check.name());
        }
    }

    @Test
    void carriesTheMembersEachKindAdds() {
        assertEquals("bot-b", json(ProblemMapper.toProblem(new AccessDeniedException("bot-b"))).get("chatbot_id").asText());
        assertTrue(json(ProblemMapper.toProblem(new ReconnectNeededException("gone"))).get("reconnect_needed").asBoolean());
        assertEquals(1024, json(ProblemMapper.toProblem(new PayloadTooLargeException(1024))).get("limit").asInt());
        JsonNode notFound = json(ProblemMapper.toProblem(new NotFoundException("nothing")));
        assertEquals(List.of("type", "title", "status", "detail"), fieldNames(notFound), "no instance when unknown");
    }

    @Test
    void answersGraphFailuresWithMetasCodesAnd502() {
        GraphException e = new GraphException(new GraphError(400, 100, 33, "GraphMethodException", "Unsupported get request",
                "AtraceMadeUp9", false, null, null), GraphUsage.NONE);
        JsonNode doc = json(ProblemMapper.toProblem(e));
        assertEquals(502, doc.get("status").asInt());
        assertEquals(BASE + "graph-error", doc.get("type").asText());
        assertEquals(100, doc.get("graph_code").asInt());
        assertEquals(33, doc.get("graph_subcode").asInt());
        assertEquals("GraphMethodException", doc.get("graph_type").asText());
        assertEquals("AtraceMadeUp9", doc.get("fbtrace_id").asText());
    }

    @Test
    void answersATokenMetaRejectedOrTheStoreKnowsIsDeadWith409ReconnectNeeded() {
        TokenInvalidException rejected = new TokenInvalidException(new GraphError(400, 190, 460, "OAuthException",
                "Session invalidated", "AtraceMadeUp8", false, null, null), GraphUsage.NONE);
        JsonNode doc = json(ProblemMapper.toProblem(rejected));
        assertEquals(409, doc.get("status").asInt());
        assertEquals(BASE + "reconnect-needed", doc.get("type").asText());
        assertEquals(190, doc.get("graph_code").asInt());
        assertTrue(doc.get("reconnect_needed").asBoolean());

        ProblemMapper.Problem dead = ProblemMapper.toProblem(new TokenUnavailableException(TokenKey.user("bot-a", "5001"),
                TokenUnavailableException.Reason.EXPIRED));
        assertEquals(409, dead.status());
        assertEquals(BASE + "reconnect-needed", dead.type());
        assertEquals(Boolean.TRUE, dead.extensions().get("reconnect_needed"));
    }

    @Test
    void findsTheBackendsFailureInsideAWrapper() {
        ProblemMapper.Problem problem = ProblemMapper.toProblem(
                new IllegalStateException("while reading", new NotFoundException("No such page.")));
        assertEquals(404, problem.status());
        assertEquals("No such page.", problem.detail());
    }

    @Test
    void answersJaxRsErrorsWithTheirStatusAndKeepsAllow() {
        ProblemMapper.Problem notFound = ProblemMapper.toProblem(new jakarta.ws.rs.NotFoundException());
        assertEquals(404, notFound.status());
        assertEquals(BASE + "http-404", notFound.type());
        Response response = new ProblemMapper().toResponse(new NotAllowedException("GET", new String[] {"DELETE"}));
        assertEquals(405, response.getStatus());
        assertTrue(String.valueOf(response.getHeaders().getFirst(HttpHeaders.ALLOW)).contains("GET"));
        assertEquals(JsonBodies.PROBLEM, response.getMediaType());
    }

    @Test
    void asksForBearerCredentialsOn401() {
        Response response = new ProblemMapper().toResponse(new NotAuthenticatedException());
        assertEquals(401, response.getStatus());
        assertEquals("Bearer", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void hidesUnexpectedFailuresBehindAnIncidentId() {
        JsonNode doc = json(ProblemMapper.toProblem(new UncheckedIOException("disk on fire at /var/secret",
                new IOException("EAAmadeUpTokenInAMessage"))));
        assertEquals(500, doc.get("status").asInt());
        String incident = doc.get("incident").asText();
        assertTrue(doc.get("detail").asText().contains(incident));
        assertFalse(doc.toString().contains("fire") || doc.toString().contains("EAA") || doc.toString().contains("Exception"),
                doc.toString());
        assertNotEquals(incident, json(ProblemMapper.toProblem(new IllegalStateException("x"))).get("incident").asText());
    }

    @Test
    void namesTheRequestPathAsSentContextRootIncluded() {
        for (String path : List.of("/api/fb-linkage/", "/sample-app/api/fb-linkage/")) {
            ProblemMapper mapper = new ProblemMapper();
            mapper.uriInfo = (jakarta.ws.rs.core.UriInfo) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {jakarta.ws.rs.core.UriInfo.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getRequestUri")) {
                            return java.net.URI.create("http://127.0.0.1:8080" + path + "?page=1");
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            ProblemMapper.Problem problem = (ProblemMapper.Problem) mapper.toResponse(new NotFoundException("x")).getEntity();
            assertEquals(path, problem.instance());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
