package io.messengerkit.jakarta.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;

/**
 * Decides who a management API request comes from and which chatbots it may act on. Every
 * endpoint except the webhook and Meta's Login callbacks asks it first; a caller can only ever
 * touch the chatbots its {@link Caller} lists.
 *
 * <pre>{@code
 * ChatbotAuthorizer authorizer = ChatbotAuthorizer.firstOf(
 *         SecurityContextAuthorizer.withRoles("messenger-admin", "chatbot:"),
 *         ApiKeyAuthorizer.parse(System.getenv("MESSENGER_API_KEYS")));
 * }</pre>
 *
 * Implement it to map your own identity system (a JWT's claims, a session) to chatbots.
 */
@FunctionalInterface
public interface ChatbotAuthorizer {

    /**
     * The caller, or empty when the request carries no acceptable credentials (answered 401).
     *
     * @param security the request's security context (the server's authentication, if any)
     * @param headers the request's headers (e.g. {@code Authorization})
     * @return the caller, or empty
     */
    Optional<Caller> authenticate(SecurityContext security, HttpHeaders headers);

    /**
     * Asks each authorizer in turn; the first that recognises the caller wins.
     *
     * @param authorizers the authorizers, in order
     * @return the combined authorizer
     */
    static ChatbotAuthorizer firstOf(ChatbotAuthorizer... authorizers) {
        List<ChatbotAuthorizer> list = List.of(authorizers);
        return (security, headers) -> {
            for (ChatbotAuthorizer a : list) {
                Optional<Caller> caller = a.authenticate(security, headers);
                if (caller.isPresent()) {
                    return caller;
                }
            }
            return Optional.empty();
        };
    }

    /**
     * Recognises nobody: every management call is answered 401.
     *
     * @return the authorizer
     */
    static ChatbotAuthorizer denyAll() {
        return (security, headers) -> Optional.empty();
    }
}
