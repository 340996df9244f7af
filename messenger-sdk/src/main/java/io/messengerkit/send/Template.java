package io.messengerkit.send;

/**
 * A structured message layout. Every template Meta documents for Messenger is modelled and checked
 * against Meta's limits when built: {@link GenericTemplate}, {@link ButtonTemplate},
 * {@link MediaTemplate}, {@link ReceiptTemplate}, {@link ProductTemplate}, {@link CouponTemplate},
 * {@link CustomerFeedbackTemplate} and {@link ImageGridTemplate}. Anything else (a template type
 * newer than this SDK, the in-development instant form, a utility template) goes through
 * {@link RawTemplate}, which sends a hand-written payload as is. The List and airline templates are
 * retired by Meta and not offered.
 */
public sealed interface Template permits GenericTemplate, ButtonTemplate, MediaTemplate, ReceiptTemplate,
        ProductTemplate, CouponTemplate, CustomerFeedbackTemplate, ImageGridTemplate, RawTemplate {

    /** {@return the payload's {@code template_type}, e.g. {@code generic}} */
    String templateType();
}
