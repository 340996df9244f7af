package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.link.LoginCallbacks;
import io.messengerkit.jakarta.security.SignedRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's Facebook Login deauthorize callback, {@code POST /api/fb-deauthorize/}: public like the
 * webhook, but acting only on a {@code signed_request} verified with the app secret. The user's
 * accounts, page links and tokens are removed from every chatbot.
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
        SignedRequest request = SignedRequests.verify(signedRequest, backend);
        LoginCallbacks.Removal removal = backend.loginCallbacks().deauthorize(request.userId());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accounts_removed", removal.accounts());
        view.put("pages_unlinked", removal.pages());
        return Json.ok(view);
    }
}
