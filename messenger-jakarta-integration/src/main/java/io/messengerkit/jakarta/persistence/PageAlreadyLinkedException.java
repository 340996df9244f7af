package io.messengerkit.jakarta.persistence;

import io.messengerkit.MessengerException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * The database refused a page link because another chatbot holds the page: the unique index
 * {@value #INDEX} admits one active link per page, whichever instance writes it. The transaction
 * that tried is rolled back.
 */
public final class PageAlreadyLinkedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** The unique index on {@code messenger_page.active_page_id} (schema version 4). */
    static final String INDEX = "uq_messenger_page_active_page";

    private final String pageId;

    PageAlreadyLinkedException(String pageId, Throwable cause) {
        super("Page " + pageId + " is linked to another chatbot", cause);
        this.pageId = Objects.requireNonNull(pageId, "pageId");
    }

    /** {@return the page another chatbot holds} */
    public String pageId() {
        return pageId;
    }

    /**
     * Whether {@code failure} is the database refusing a second active link of a page: an
     * integrity violation (SQL state class 23) that names the index. H2, PostgreSQL and MariaDB
     * all name it in the message; the providers wrap it differently, so the causes are walked.
     */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    String message = e.getMessage();
                    if (state != null && state.startsWith("23") && message != null
                            && message.toLowerCase(Locale.ROOT).contains(INDEX)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
