package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.dashboard.OperationsDashboard;
import io.messengerkit.jakarta.error.AccessDeniedException;
import io.messengerkit.jakarta.persistence.DashboardQueries;
import io.messengerkit.jakarta.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/dashboard/?chatbot_id=...&days=14}: the operator dashboard of one chatbot (see
 * {@link OperationsDashboard}): messages per day, reply-latency percentiles, failures by Graph error
 * code, account and page health with the action that fixes each state, rate-limit headroom per page
 * and the Graph API version notice. Authenticated and limited to the caller's chatbots exactly like
 * the management API; failures are RFC 9457 problem documents; no response carries a token.
 */
@Path("api/dashboard")
@RequestScoped
public class DashboardResource {
    @Inject
    MessengerBackend backend;

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    /** For the JAX-RS runtime. */
    public DashboardResource() {
    }

    /**
     * The dashboard of the chatbot named by {@code chatbot_id}, over the last {@code days} UTC days
     * (default {@value OperationsDashboard#DEFAULT_DAYS}, at most {@value DashboardQueries#MAX_DAYS}).
     *
     * @return the JSON answer
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response dashboard() {
        Caller caller = backend.management().authenticate(security, headers);
        RequestCheck check = new RequestCheck(uri.getQueryParameters());
        String chatbotId = check.chatbotId(null);
        int days = check.integer("days", OperationsDashboard.DEFAULT_DAYS, 1, DashboardQueries.MAX_DAYS);
        check.done();
        if (!caller.mayActOn(chatbotId)) {
            throw new AccessDeniedException(chatbotId);
        }
        OperationsDashboard.Snapshot snapshot = backend.dashboard().snapshot(chatbotId, days);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new DashboardView.Body(DashboardView.of(snapshot)), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore).build();
    }
}
