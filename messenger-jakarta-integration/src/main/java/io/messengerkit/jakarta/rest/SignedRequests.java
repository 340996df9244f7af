package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.security.SignedRequest;

/** Verifies a callback's {@code signed_request}, answering 403 when it does not hold. */
final class SignedRequests {
    private SignedRequests() {
    }

    static SignedRequest verify(String signedRequest, MessengerBackend backend) {
        try {
            return SignedRequest.verify(signedRequest, backend.config().appSecret());
        } catch (SignedRequest.InvalidSignedRequest e) {
            throw new ApiProblem(403, ApiProblem.TYPE_BASE + "invalid-signed-request", "Invalid signed_request",
                    e.getMessage() + ".", null);
        }
    }
}
