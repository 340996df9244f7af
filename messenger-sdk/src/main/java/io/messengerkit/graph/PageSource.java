package io.messengerkit.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a page was found: among the user's own pages, or through a Business portfolio.
 *
 * @param kind which listing
 * @param businessId the portfolio, for business listings
 * @param businessName the portfolio's name, for business listings
 */
public record PageSource(Kind kind, Optional<String> businessId, Optional<String> businessName) {

    /** The listing a page came from. */
    public enum Kind {
        /** {@code /me/accounts}: the user has a role on the page. */
        PERSONAL,
        /** {@code /{business-id}/owned_pages}. */
        BUSINESS_OWNED,
        /** {@code /{business-id}/client_pages}: owned by a client of the business. */
        BUSINESS_CLIENT
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param kind which listing
     * @param businessId the portfolio, for business listings
     * @param businessName the portfolio's name, for business listings
     */
    public PageSource {
        Objects.requireNonNull(kind, "kind");
        businessId = businessId == null ? Optional.empty() : businessId;
        businessName = businessName == null ? Optional.empty() : businessName;
    }

    /** {@return a page from {@code /me/accounts}} */
    public static PageSource personal() {
        return new PageSource(Kind.PERSONAL, Optional.empty(), Optional.empty());
    }
}
