package io.messengerkit.jakarta.rest;

import io.messengerkit.AccessToken;
import io.messengerkit.jakarta.ChatbotManagement;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.rest.JsonBodies.Body;
import io.messengerkit.jakarta.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The seed's management API, at the seed's paths (with or without the trailing slash):
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><td>{@code POST /api/fb-linkage/} (alias {@code /api/fb-link/})</td><td>link a Facebook account from a short-lived login token</td></tr>
 * <tr><td>{@code GET /api/fb-account-details/}</td><td>the linked account, its pages and status</td></tr>
 * <tr><td>{@code DELETE /api/fb-unlink-account/}</td><td>unsubscribe and unlink every page, delete every token</td></tr>
 * <tr><td>{@code POST /api/link-pages/} (alias {@code /api/fb-link-pages/})</td><td>link and subscribe pages</td></tr>
 * <tr><td>{@code GET /api/get-linked-pages/}</td><td>the linked pages</td></tr>
 * <tr><td>{@code DELETE /api/unlink-pages/}</td><td>unsubscribe and unlink pages</td></tr>
 * <tr><td>{@code POST /api/refresh-pages/} (also {@code GET}, as in the seed)</td><td>re-fetch pages: names, tokens, lost pages</td></tr>
 * <tr><td>{@code GET /api/fb-message-summary/}</td><td>paged message history and counts</td></tr>
 * <tr><td>{@code GET|POST /api/health-check/}</td><td>subscription and token health: last status, or run now</td></tr>
 * <tr><td>{@code GET /api/events/set-aside/}</td><td>events set aside: reason, attempts, first and last error</td></tr>
 * <tr><td>{@code POST /api/events/requeue/}</td><td>queue one event set aside ({@code event_id}) or all again</td></tr>
 * <tr><td>{@code GET /api/conversations/with-human/}</td><td>conversations a human handles now (the bot is quiet)</td></tr>
 * <tr><td>{@code POST /api/conversations/hand-back/}</td><td>hand one back to the bot ({@code page_id}, {@code psid}):
 *   takes thread control for this app and ends the quiet state</td></tr>
 * </table>
 *
 * Every call is authenticated by the backend's {@code ChatbotAuthorizer} and limited to the
 * chatbots it allows; the chatbot comes as {@code chatbot_id} in the query or JSON body. Bodies
 * must be JSON ({@link JsonBodiesOnly}) and are bounded ({@link RequestBodyLimit}).
 * Failures are RFC 9457 problem documents. No response ever carries a token.
 *
 * <p>Each method adapts one use case of {@link ChatbotManagement} to HTTP: authenticate, read and
 * check the fields (one 400 names every offending field), call the use case, shape the answer.
 */
@Path("/api")
@RequestScoped
public class ManagementResource {
    @Inject
    MessengerBackend backend;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    /** For the JAX-RS runtime. */
    public ManagementResource() {
    }

    /**
     * {@code POST /api/fb-linkage/}: links the Facebook account of a short-lived login token.
     *
     * @param body {@code {chatbot_id, access_token}}
     * @return the linked account
     */
    @POST
    @Path("{path: fb-linkage|fb-link}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response link(InputStream body) {
        Caller caller = authenticate();
        RequestBodies.LinkAccount request = JsonBodies.read(body, RequestBodies.LinkAccount.class, Body.REQUIRED);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request.chatbotId());
        String token = check.required(request.accessToken(), "access_token", "short_lived_token", "user_access_token",
                "accessToken");
        check.done();
        return ok(ResponseBodies.Account.of(management().linkAccount(caller, chatbotId, AccessToken.of(token))));
    }

    /**
     * {@code GET /api/fb-account-details/}: the linked account and its pages.
     *
     * @return the linked account
     */
    @GET
    @Path("fb-account-details")
    @Produces(MediaType.APPLICATION_JSON)
    public Response accountDetails() {
        Caller caller = authenticate();
        String chatbotId = chatbotOfQuery();
        return ok(ResponseBodies.Account.of(management().account(caller, chatbotId)));
    }

    /**
     * {@code DELETE /api/fb-unlink-account/}: unlinks the account and its pages.
     *
     * @param body optional JSON with {@code chatbot_id}
     * @return what happened to each page
     */
    @DELETE
    @Path("fb-unlink-account")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlinkAccount(InputStream body) {
        Caller caller = authenticate();
        String chatbotId = chatbotOfBody(body);
        return ok(new ResponseBodies.AccountUnlinked(chatbotId,
                ResponseBodies.Outcome.of(management().unlinkAccount(caller, chatbotId)), true));
    }

    /**
     * {@code POST /api/link-pages/}: links and subscribes pages.
     *
     * @param body {@code {chatbot_id, page_ids, instagram?}}
     * @return the pages linked
     */
    @POST
    @Path("{path: link-pages|fb-link-pages}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response linkPages(InputStream body) {
        Caller caller = authenticate();
        RequestBodies.PageIds request = JsonBodies.read(body, RequestBodies.PageIds.class, Body.REQUIRED);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request.chatbotId());
        List<String> pageIds = check.pageIds(request.pageIds());
        check.done();
        boolean instagram = Boolean.TRUE.equals(request.instagram());
        return ok(ResponseBodies.Pages.of(chatbotId, management().linkPages(caller, chatbotId, pageIds, instagram)));
    }

    /**
     * {@code GET /api/get-linked-pages/}: the linked pages ({@code include_unlinked=true} for history).
     *
     * @return the pages
     */
    @GET
    @Path("get-linked-pages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response linkedPages() {
        Caller caller = authenticate();
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        boolean includeUnlinked = check.flag("include_unlinked");
        check.done();
        return ok(ResponseBodies.Pages.of(chatbotId, management().linkedPages(caller, chatbotId, includeUnlinked)));
    }

    /**
     * {@code DELETE /api/unlink-pages/}: unsubscribes and unlinks pages.
     *
     * @param body optional JSON with {@code chatbot_id} and {@code page_ids}
     * @return what happened to each page
     */
    @DELETE
    @Path("unlink-pages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlinkPages(InputStream body) {
        Caller caller = authenticate();
        RequestBodies.PageIds request = JsonBodies.read(body, RequestBodies.PageIds.class, Body.OPTIONAL);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request == null ? null : request.chatbotId());
        List<String> pageIds = check.pageIds(request == null ? null : request.pageIds());
        check.done();
        return ok(new ResponseBodies.Outcomes(chatbotId,
                ResponseBodies.Outcome.of(management().unlinkPages(caller, chatbotId, pageIds))));
    }

    /**
     * {@code GET /api/refresh-pages/}: reads the pages again.
     *
     * @return what happened to each page, and the account afterwards
     */
    @GET
    @Path("refresh-pages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refreshPages() {
        Caller caller = authenticate();
        String chatbotId = chatbotOfQuery();
        return ok(ResponseBodies.Refreshed.of(chatbotId, management().refreshPages(caller, chatbotId)));
    }

    /**
     * {@code POST /api/refresh-pages/}: reads the pages again. The same as the {@code GET} form, which
     * stays for the seed's clients; a change of data belongs to a POST.
     *
     * @param body optional JSON with {@code chatbot_id}
     * @return the JSON answer
     */
    @POST
    @Path("refresh-pages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response refreshPagesByPost(InputStream body) {
        Caller caller = authenticate();
        String chatbotId = chatbotOfBody(body);
        return ok(ResponseBodies.Refreshed.of(chatbotId, management().refreshPages(caller, chatbotId)));
    }

    /**
     * {@code GET /api/fb-message-summary/}: paged history and counts.
     *
     * @return one page of history and the counts
     */
    @GET
    @Path("fb-message-summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messageSummary() {
        Caller caller = authenticate();
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        int page = check.integer("page", 1, 1, 1_000_000);
        int pageSize = check.integer("page_size", 50, 1, ChatbotManagement.MAX_PAGE_SIZE);
        Optional<String> pageId = check.optionalGraphId("page_id");
        check.done();
        return ok(ResponseBodies.Summary.of(chatbotId, management().messageHistory(caller, chatbotId, pageId, page, pageSize),
                page, pageSize));
    }

    /**
     * {@code GET /api/health-check/}: the last known status.
     *
     * @return the status of the account and its pages
     */
    @GET
    @Path("health-check")
    @Produces(MediaType.APPLICATION_JSON)
    public Response healthStatus() {
        Caller caller = authenticate();
        String chatbotId = chatbotOfQuery();
        return ok(ResponseBodies.HealthStatus.of(management().healthStatus(caller, chatbotId)));
    }

    /**
     * {@code POST /api/health-check/}: runs the check now.
     *
     * @param body optional JSON with {@code chatbot_id}
     * @return what the check did
     */
    @POST
    @Path("health-check")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response runHealthCheck(InputStream body) {
        Caller caller = authenticate();
        String chatbotId = chatbotOfBody(body);
        return ok(ResponseBodies.HealthReport.of(management().checkHealth(caller, chatbotId)));
    }

    /**
     * {@code GET /api/events/set-aside/}: the chatbot's events set aside (reason, attempts, first and
     * last error), newest first; {@code limit} (1 to 500, default 100).
     *
     * @return the events
     */
    @GET
    @Path("events/set-aside")
    @Produces(MediaType.APPLICATION_JSON)
    public Response setAsideEvents() {
        Caller caller = authenticate();
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        int limit = check.integer("limit", 100, 1, ChatbotManagement.MAX_PAGE_SIZE);
        check.done();
        return ok(ResponseBodies.SetAside.of(chatbotId, management().setAsideEvents(caller, chatbotId, limit)));
    }

    /**
     * {@code POST /api/events/requeue/}: queues one event set aside ({@code event_id}) or all of them again.
     *
     * @param body {@code {chatbot_id, event_id?}}
     * @return how many were queued again
     */
    @POST
    @Path("events/requeue")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response requeueEvents(InputStream body) {
        Caller caller = authenticate();
        RequestBodies.Requeue request = JsonBodies.read(body, RequestBodies.Requeue.class, Body.OPTIONAL);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request == null ? null : request.chatbotId());
        check.done();
        Optional<Long> eventId = Optional.ofNullable(request == null ? null : request.eventId());
        return ok(new ResponseBodies.Requeued(chatbotId, management().requeueEvents(caller, chatbotId, eventId)));
    }

    /**
     * {@code GET /api/conversations/with-human/}: the chatbot's conversations a human (or another app)
     * handles now, during which the bot stays quiet; {@code limit} (1 to 500, default 100).
     *
     * @return the conversations
     */
    @GET
    @Path("conversations/with-human")
    @Produces(MediaType.APPLICATION_JSON)
    public Response conversationsWithHuman() {
        Caller caller = authenticate();
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        int limit = check.integer("limit", 100, 1, ChatbotManagement.MAX_PAGE_SIZE);
        check.done();
        return ok(ResponseBodies.WithHuman.of(chatbotId, management().conversationsWithHuman(caller, chatbotId, limit)));
    }

    /**
     * {@code POST /api/conversations/hand-back/}: hands a conversation back to the bot (takes thread
     * control for this app, ends the quiet state).
     *
     * @param body {@code {chatbot_id, page_id, psid}}
     * @return the conversation handed back
     */
    @POST
    @Path("conversations/hand-back")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response handBack(InputStream body) {
        Caller caller = authenticate();
        RequestBodies.HandBack request = JsonBodies.read(body, RequestBodies.HandBack.class, Body.OPTIONAL);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request == null ? null : request.chatbotId());
        String pageId = check.requiredId(request == null ? null : request.pageId(), "page_id");
        String psid = check.requiredId(request == null ? null : request.psid(), "psid");
        check.done();
        management().handBack(caller, chatbotId, pageId, psid);
        return ok(new ResponseBodies.HandedBack(chatbotId, pageId, psid, true));
    }

    private static Response ok(JsonBody body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ChatbotManagement management() {
        return backend.management();
    }

    private Caller authenticate() {
        return management().authenticate(security, headers);
    }

    /** The chatbot of a request without body. */
    private String chatbotOfQuery() {
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        check.done();
        return chatbotId;
    }

    /** The chatbot of a request whose JSON body, if any, may name it. */
    private String chatbotOfBody(InputStream body) {
        RequestBodies.Chatbot request = JsonBodies.read(body, RequestBodies.Chatbot.class, Body.OPTIONAL);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(request == null ? null : request.chatbotId());
        check.done();
        return chatbotId;
    }
}
