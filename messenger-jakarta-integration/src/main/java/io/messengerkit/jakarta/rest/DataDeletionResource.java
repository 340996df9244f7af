package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.link.LoginCallbacks;
import io.messengerkit.jakarta.persistence.DataDeletions;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Meta's Facebook Login data-deletion callback: {@code POST /api/fb-data-deletion/} deletes the
 * user's accounts, page links and tokens once the {@code signed_request} is verified
 * ({@link LoginCallbacks#handleDataDeletion}), and answers Meta's expected
 * {@code {url, confirmation_code}}; {@code GET /api/fb-data-deletion/{code}/} is the status page
 * that URL points to. Public like the webhook.
 *
 * <p>The status URL is built from {@code MESSENGER_PUBLIC_URL} only, never from the request's
 * {@code Host} header, which the caller chooses; without it the callback answers 503 and deletes
 * nothing, so the operator sees the missing setting in Meta's callback test.
 */
@Path("/api/fb-data-deletion")
@RequestScoped
public class DataDeletionResource {
    @Context
    UriInfo uri;

    @Inject
    MessengerBackend backend;

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
        Optional<URI> publicUrl = backend.publicUrl();
        if (publicUrl.isEmpty()) {
            return Response.status(503).type(JsonBodies.PROBLEM)
                    .entity(new ProblemMapper.Problem(503, "public-url-not-configured", "Public URL not configured",
                            "Set MESSENGER_PUBLIC_URL so the deletion status link points at this application.", null)
                            .at(uri.getRequestUri().getRawPath()))
                    .build();
        }
        DataDeletions.Request deletion = backend.loginCallbacks().handleDataDeletion(signedRequest);
        URI base = publicUrl.get();
        String url = base.toString().replaceAll("/+$", "") + "/api/fb-data-deletion/" + deletion.confirmationCode() + "/";
        return Response.ok(new ResponseBodies.DeletionReceipt(url, deletion.confirmationCode()),
                MediaType.APPLICATION_JSON_TYPE).build();
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
        DataDeletions.Request deletion = backend.loginCallbacks().deletionStatus(code);
        return Response.ok(ResponseBodies.DeletionStatus.of(deletion), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
