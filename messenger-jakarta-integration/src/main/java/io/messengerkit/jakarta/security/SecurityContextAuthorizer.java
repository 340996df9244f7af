package io.messengerkit.jakarta.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Uses the server's own authentication (Jakarta Security, a servlet login, an upstream filter):
 * the authenticated principal is the caller, and a function maps it to its chatbots.
 *
 * <pre>{@code
 * // Role "messenger-admin" may act on every chatbot; role "chatbot:shop-bot" on shop-bot.
 * ChatbotAuthorizer byRoles = SecurityContextAuthorizer.withRoles("messenger-admin", "chatbot:", knownChatbots);
 * }</pre>
 */
public final class SecurityContextAuthorizer implements ChatbotAuthorizer {
    private final Function<SecurityContext, Optional<Caller>> mapping;

    private SecurityContextAuthorizer(Function<SecurityContext, Optional<Caller>> mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** Maps an authenticated security context to a caller with your own rule. */
    public static SecurityContextAuthorizer mapping(Function<SecurityContext, Optional<Caller>> mapping) {
        return new SecurityContextAuthorizer(mapping);
    }

    /**
     * Role-based mapping: a principal in {@code operatorRole} may act on every chatbot; a principal
     * in role {@code chatbotRolePrefix + id} may act on chatbot {@code id}, for each id in
     * {@code chatbotIds} (a security context can only be asked about roles it is told, so the
     * candidate ids are needed).
     */
    public static SecurityContextAuthorizer withRoles(String operatorRole, String chatbotRolePrefix,
            Collection<String> chatbotIds) {
        List<String> ids = List.copyOf(chatbotIds);
        return new SecurityContextAuthorizer(security -> {
            Principal principal = security.getUserPrincipal();
            if (principal == null) {
                return Optional.empty();
            }
            if (operatorRole != null && security.isUserInRole(operatorRole)) {
                return Optional.of(Caller.operator(principal.getName()));
            }
            Set<String> allowed = new java.util.HashSet<>();
            for (String id : ids) {
                if (security.isUserInRole(chatbotRolePrefix + id)) {
                    allowed.add(id);
                }
            }
            return Optional.of(Caller.of(principal.getName(), allowed));
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
