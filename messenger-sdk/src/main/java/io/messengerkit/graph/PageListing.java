package io.messengerkit.graph;

import java.util.List;
import java.util.Optional;

/**
 * All pages a user can act for, personal and from Business portfolios, de-duplicated by page id.
 *
 * @param pages the pages, personal ones first, each once
 * @param businessPagesIncluded false when the portfolios could not be read (for example because
 *     {@code business_management} was not granted); the listing then holds personal pages only
 * @param warnings what was skipped and why, for showing to the user; empty when nothing was
 */
public record PageListing(List<Page> pages, boolean businessPagesIncluded, List<String> warnings) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param pages the pages, personal ones first, each once
     * @param businessPagesIncluded false when the portfolios could not be read (for example because {@code business_management} was not granted); the listing then holds personal pages only
     * @param warnings what was skipped and why, for showing to the user; empty when nothing was
     */
    public PageListing {
        pages = pages == null ? List.of() : List.copyOf(pages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * {@return the page with this id, if listed}
     *
     * @param pageId the Page id
     */
    public Optional<Page> find(String pageId) {
        return pages.stream().filter(p -> p.id().equals(pageId)).findFirst();
    }
}
