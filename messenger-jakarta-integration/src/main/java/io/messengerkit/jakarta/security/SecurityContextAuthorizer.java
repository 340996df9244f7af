package io.messengerkit.jakarta.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Uses the server's own authentication (Jakarta Security, a servlet login, an upstream filter):
 * the authenticated principal is the caller, and a function maps it to its chatbots.
 *
 * <pre>{@code
 * // Role "messenger-admin" may act on every chatbot; role "chatbot:shop-bot" on shop-bot.
 * ChatbotAuthorizer byRoles = SecurityContextAuthorizer.withRoles("messenger-admin", "chatbot:");
 * }</pre>
 */
public final class SecurityContextAuthorizer implements ChatbotAuthorizer {
    private final Function<SecurityContext, Optional<Caller>> mapping;

    private SecurityContextAuthorizer(Function<SecurityContext, Optional<Caller>> mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * Maps an authenticated security context to a caller with your own rule.
     *
     * @param mapping your rule
     * @return the authorizer
     */
    public static SecurityContextAuthorizer mapping(Function<SecurityContext, Optional<Caller>> mapping) {
        return new SecurityContextAuthorizer(mapping);
    }

    /**
     * Role-based mapping: a principal in {@code operatorRole} may act on every chatbot; any other
     * principal may act on chatbot {@code id} when it is in role {@code chatbotRolePrefix + id}.
     *
     * @param operatorRole the role that may act on every chatbot
     * @param chatbotRolePrefix the prefix of per-chatbot roles
     * @return the authorizer
     */
    public static SecurityContextAuthorizer withRoles(String operatorRole, String chatbotRolePrefix) {
        Objects.requireNonNull(chatbotRolePrefix, "chatbotRolePrefix");
        return new SecurityContextAuthorizer(security -> {
            Principal principal = security.getUserPrincipal();
            if (principal == null) {
                return Optional.empty();
            }
            if (operatorRole != null && security.isUserInRole(operatorRole)) {
                return Optional.of(Caller.operator(principal.getName()));
            }
            return Optional.of(Caller.matching(principal.getName(), id -> security.isUserInRole(chatbotRolePrefix + id)));
        });
    }

    @Override
    public Optional<Caller> authenticate(SecurityContext security, HttpHeaders headers) {
        if (security == null || security.getUserPrincipal() == null) {
            return Optional.empty();
        }
        return mapping.apply(security);
    }
}
