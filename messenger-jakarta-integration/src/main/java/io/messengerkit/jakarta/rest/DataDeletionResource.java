package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.DataDeletions;
import io.messengerkit.jakarta.security.SignedRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's Facebook Login data-deletion callback: {@code POST /api/fb-data-deletion/} deletes the
 * user's accounts, page links and tokens once the {@code signed_request} is verified, and answers
 * Meta's expected {@code {url, confirmation_code}}; {@code GET /api/fb-data-deletion/{code}/} is
 * the status page that URL points to. Public like the webhook.
 */
@Path("/api/fb-data-deletion")
@RequestScoped
public class DataDeletionResource {
    @Inject
    MessengerBackend backend;

    @Context
    UriInfo uri;

    /** For the JAX-RS runtime. */
    public DataDeletionResource() {
    }

    /**
     * Meta's data-deletion callback.
     *
     * @param signedRequest Meta's {@code signed_request} form field
     * @return {@code {url, confirmation_code}}
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteData(@FormParam("signed_request") String signedRequest) {
        SignedRequest request = SignedRequests.verify(signedRequest, backend);
        DataDeletions.Request deletion = backend.loginCallbacks().deleteData(request.userId());
        URI base = backend.settings().publicUrl().orElse(uri.getBaseUri());
        String url = base.toString().replaceAll("/+$", "") + "/api/fb-data-deletion/" + deletion.confirmationCode() + "/";
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("url", url);
        view.put("confirmation_code", deletion.confirmationCode());
        return Json.ok(view);
    }

    /**
     * The status of a deletion request.
     *
     * @param code the confirmation code
     * @return what was deleted, or 404
     */
    @GET
    @Path("{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("code") String code) {
        DataDeletions.Request deletion = (code.matches("[0-9a-f]{24}") ? backend.dataDeletions().find(code)
                : java.util.Optional.<DataDeletions.Request>empty())
                .orElseThrow(() -> ApiProblem.notFound("No data-deletion request has this confirmation code."));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("confirmation_code", deletion.confirmationCode());
        view.put("status", deletion.status());
        view.put("requested_at", deletion.requestedAt().toString());
        view.put("completed_at", deletion.completedAt().map(Object::toString).orElse(null));
        view.put("accounts_deleted", deletion.accountsDeleted());
        view.put("pages_deleted", deletion.pagesDeleted());
        view.put("tokens_deleted", deletion.tokensDeleted());
        return Json.ok(view);
    }
}
