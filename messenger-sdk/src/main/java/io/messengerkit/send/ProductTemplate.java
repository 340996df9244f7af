package io.messengerkit.send;

import java.util.List;

/**
 * Products from the Page's own catalog ({@code template_type: product}); one id shows a single
 * product, several a carousel. Meta answers 100/2018320 for an id not in the catalog.
 *
 * @param productIds 1 to 10 catalog product ids
 */
public record ProductTemplate(List<String> productIds) implements Template {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param productIds 1 to 10 catalog product ids
     */
    public ProductTemplate {
        productIds = Limits.list(productIds, 1, Limits.PRODUCT_ELEMENTS, "product template elements");
        productIds.forEach(id -> Limits.required(id, "product id"));
    }

    /**
     * {@return a product template}
     *
     * @param productIds catalog product ids
     */
    public static ProductTemplate of(String... productIds) {
        return new ProductTemplate(List.of(productIds));
    }

    @Override
    public String templateType() {
        return "product";
    }
}
