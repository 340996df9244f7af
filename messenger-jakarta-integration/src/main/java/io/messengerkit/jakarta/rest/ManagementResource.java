package io.messengerkit.jakarta.rest;

import io.messengerkit.AccessToken;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.link.AccountLinking;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.MessageLog;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <tr><td>{@code GET /api/refresh-pages/}</td><td>re-fetch pages: names, tokens, lost pages</td></tr>
 * <tr><td>{@code GET /api/fb-message-summary/}</td><td>paged message history and counts</td></tr>
 * <tr><td>{@code GET|POST /api/health-check/}</td><td>subscription and token health: last status, or run now</td></tr>
 * </table>
 *
 * Every call is authenticated by the backend's {@code ChatbotAuthorizer} and limited to the
 * chatbots it allows; the chatbot comes as {@code chatbot_id} in the query or JSON body.
 * Failures are RFC 9457 problem documents. No response ever carries a token.
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
     * @return the JSON answer
     */
    @POST
    @Path("{path: fb-linkage|fb-link}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response link(InputStream body) {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.of(uri.getQueryParameters(), body, true);
        String chatbotId = fields.chatbotId();
        String token = fields.required("access_token", "short_lived_token", "user_access_token", "accessToken");
        fields.validate();
        authorize(caller, chatbotId);
        AccessToken shortLived = AccessToken.of(token);
        LinkedAccount account = backend.linking().link(chatbotId, shortLived);
        return Json.ok(Views.account(account, backend.linking().linkedPages(chatbotId, false)));
    }

    /**
     * {@code GET /api/fb-account-details/}: the linked account and its pages.
     *
     * @return the JSON answer
     */
    @GET
    @Path("fb-account-details")
    @Produces(MediaType.APPLICATION_JSON)
    public Response accountDetails() {
        String chatbotId = chatbot(RequestFields.ofQuery(uri.getQueryParameters()));
        LinkedAccount account = backend.linking().account(chatbotId);
        return Json.ok(Views.account(account, backend.linking().linkedPages(chatbotId, false)));
    }

    /**
     * {@code DELETE /api/fb-unlink-account/}: unlinks the account and its pages.
     *
     * @param body optional JSON with {@code chatbot_id}
     * @return the JSON answer
     */
    @DELETE
    @Path("fb-unlink-account")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlinkAccount(InputStream body) {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.of(uri.getQueryParameters(), body, false);
        String chatbotId = fields.chatbotId();
        fields.validate();
        authorize(caller, chatbotId);
        List<AccountLinking.PageOutcome> outcomes = backend.linking().unlinkAccount(chatbotId);
        Map<String, Object> view = Views.outcomes(chatbotId, outcomes);
        view.put("account_unlinked", true);
        return Json.ok(view);
    }

    /**
     * {@code POST /api/link-pages/}: links and subscribes pages.
     *
     * @param body {@code {chatbot_id, page_ids}}
     * @return the JSON answer
     */
    @POST
    @Path("{path: link-pages|fb-link-pages}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response linkPages(InputStream body) {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.of(uri.getQueryParameters(), body, true);
        String chatbotId = fields.chatbotId();
        List<String> pageIds = fields.pageIds();
        fields.validate();
        authorize(caller, chatbotId);
        return Json.ok(Views.pages(chatbotId, backend.linking().linkPages(chatbotId, pageIds)));
    }

    /**
     * {@code GET /api/get-linked-pages/}: the linked pages.
     *
     * @return the JSON answer
     */
    @GET
    @Path("get-linked-pages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response linkedPages() {
        RequestFields fields = RequestFields.ofQuery(uri.getQueryParameters());
        String chatbotId = chatbot(fields);
        return Json.ok(Views.pages(chatbotId, backend.linking().linkedPages(chatbotId, fields.flag("include_unlinked"))));
    }

    /**
     * {@code DELETE /api/unlink-pages/}: unsubscribes and unlinks pages.
     *
     * @param body optional JSON with {@code chatbot_id} and {@code page_ids}
     * @return the JSON answer
     */
    @DELETE
    @Path("unlink-pages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlinkPages(InputStream body) {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.of(uri.getQueryParameters(), body, false);
        String chatbotId = fields.chatbotId();
        List<String> pageIds = fields.pageIds();
        fields.validate();
        authorize(caller, chatbotId);
        return Json.ok(Views.outcomes(chatbotId, backend.linking().unlinkPages(chatbotId, pageIds)));
    }

    /**
     * {@code GET /api/refresh-pages/}: reads the pages again.
     *
     * @return the JSON answer
     */
    @GET
    @Path("refresh-pages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refreshPages() {
        String chatbotId = chatbot(RequestFields.ofQuery(uri.getQueryParameters()));
        List<AccountLinking.PageOutcome> outcomes = backend.linking().refreshPages(chatbotId);
        Map<String, Object> view = Views.outcomes(chatbotId, outcomes);
        view.put("account", Views.account(backend.linking().account(chatbotId), backend.linking().linkedPages(chatbotId, false)));
        return Json.ok(view);
    }

    /**
     * {@code GET /api/fb-message-summary/}: paged history and counts.
     *
     * @return the JSON answer
     */
    @GET
    @Path("fb-message-summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messageSummary() {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.ofQuery(uri.getQueryParameters());
        String chatbotId = fields.chatbotId();
        int page = fields.integer("page", 1, 1, 1_000_000);
        int pageSize = fields.integer("page_size", 50, 1, 500);
        var pageId = fields.optionalGraphId("page_id");
        fields.validate();
        authorize(caller, chatbotId);
        MessageLog.Summary summary = backend.messageLog().summary(chatbotId, pageId, (page - 1) * pageSize, pageSize);
        return Json.ok(Views.summary(chatbotId, summary, page, pageSize));
    }

    /**
     * {@code GET /api/health-check/}: the last known status.
     *
     * @return the JSON answer
     */
    @GET
    @Path("health-check")
    @Produces(MediaType.APPLICATION_JSON)
    public Response healthStatus() {
        String chatbotId = chatbot(RequestFields.ofQuery(uri.getQueryParameters()));
        return Json.ok(backend.healthCheck().status(chatbotId));
    }

    /**
     * {@code POST /api/health-check/}: runs the check now.
     *
     * @param body optional JSON with {@code chatbot_id}
     * @return the JSON answer
     */
    @POST
    @Path("health-check")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response runHealthCheck(InputStream body) {
        Caller caller = authenticate();
        RequestFields fields = RequestFields.of(uri.getQueryParameters(), body, false);
        String chatbotId = fields.chatbotId();
        fields.validate();
        authorize(caller, chatbotId);
        Map<String, Object> view = new LinkedHashMap<>(backend.healthCheck().run(chatbotId).toView());
        return Json.ok(view);
    }

    private String chatbot(RequestFields fields) {
        Caller caller = authenticate();
        String chatbotId = fields.chatbotId();
        fields.validate();
        authorize(caller, chatbotId);
        return chatbotId;
    }

    private Caller authenticate() {
        return backend.authorizer().authenticate(security, headers).orElseThrow(ApiProblem::unauthenticated);
    }

    private static void authorize(Caller caller, String chatbotId) {
        if (!caller.mayActOn(chatbotId)) {
            throw ApiProblem.forbidden(chatbotId);
        }
    }
}
