package io.messengerkit.send;

/**
 * A coupon ({@code template_type: coupon}). A Reveal tap arrives as a message webhook carrying the
 * coupon code.
 *
 * @param title at most 80 characters
 * @param subtitle or null
 * @param couponCode the code, without spaces; or null when {@code couponUrl} is set
 * @param couponUrl where the coupon is redeemed; or null when {@code couponCode} is set
 * @param couponUrlButtonTitle label of the URL button, or null
 * @param couponPreMessage a message shown before the coupon, or null
 * @param imageUrl or null
 * @param payload sent back with the reveal, or null
 */
public record CouponTemplate(String title, String subtitle, String couponCode, String couponUrl,
        String couponUrlButtonTitle, String couponPreMessage, String imageUrl, String payload) implements Template {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param title at most 80 characters
     * @param subtitle or null
     * @param couponCode the code, without spaces; or null when {@code couponUrl} is set
     * @param couponUrl where the coupon is redeemed; or null when {@code couponCode} is set
     * @param couponUrlButtonTitle label of the URL button, or null
     * @param couponPreMessage a message shown before the coupon, or null
     * @param imageUrl or null
     * @param payload sent back with the reveal, or null
     */
    public CouponTemplate {
        Limits.max(Limits.required(title, "coupon title"), Limits.ELEMENT_TITLE, "coupon title");
        Limits.max(subtitle, Limits.ELEMENT_SUBTITLE, "coupon subtitle");
        if (couponCode == null && couponUrl == null) {
            throw new InvalidMessageException("a coupon needs a coupon_code or a coupon_url");
        }
        if (couponCode != null && (couponCode.isEmpty() || couponCode.chars().anyMatch(Character::isWhitespace))) {
            throw new InvalidMessageException("a coupon_code must not be empty or contain spaces");
        }
        if (couponUrl != null && !(couponUrl.startsWith("https://") || couponUrl.startsWith("http://"))) {
            throw new InvalidMessageException("coupon_url must be http(s)");
        }
        Limits.max(couponUrlButtonTitle, Limits.BUTTON_TITLE, "coupon_url_button_title");
        Limits.max(payload, Limits.PAYLOAD, "coupon payload");
    }

    /**
     * {@return a coupon with a code}
     *
     * @param title at most 80 characters
     * @param couponCode the code, without spaces
     */
    public static CouponTemplate withCode(String title, String couponCode) {
        return new CouponTemplate(title, null, couponCode, null, null, null, null, null);
    }

    @Override
    public String templateType() {
        return "coupon";
    }
}
