package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.link.LoginCallbacks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Meta's Facebook Login deauthorize callback, {@code POST /api/fb-deauthorize/}: public like the
 * webhook, but acting only on a {@code signed_request} verified with the app secret
 * ({@link LoginCallbacks#handleDeauthorize}). The user's accounts, page links and tokens are
 * removed from every chatbot.
 */
@Path("/api/fb-deauthorize")
@RequestScoped
public class DeauthorizeResource {
    @Inject
    MessengerBackend backend;

    /** For the JAX-RS runtime. */
    public DeauthorizeResource() {
    }

    /**
     * Meta's deauthorize callback.
     *
     * @param signedRequest Meta's {@code signed_request} form field
     * @return 200 once the user's links are removed
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deauthorize(@FormParam("signed_request") String signedRequest) {
        LoginCallbacks.Removal removal = backend.loginCallbacks().handleDeauthorize(signedRequest);
        return Response.ok(ResponseBodies.Deauthorized.of(removal), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
