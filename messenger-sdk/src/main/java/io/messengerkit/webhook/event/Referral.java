package io.messengerkit.webhook.event;

/**
 * How a person reached the conversation: an m.me link, an ad, a plugin...
 *
 * @param ref the developer-defined {@code ref}, or null
 * @param source e.g. {@code SHORTLINK}, {@code ADS}, {@code CUSTOMER_CHAT_PLUGIN}
 * @param type e.g. {@code OPEN_THREAD}
 * @param adId {@code ad_id} for ad referrals, or null
 * @param refererUri {@code referer_uri} for plugin referrals, or null
 * @param adsContextJson the raw {@code ads_context_data} object as JSON, or null
 * @param productId {@code product.id} when the person came from a product (Instagram product
 *     referral), or null
 */
public record Referral(
        String ref,
        String source,
        String type,
        String adId,
        String refererUri,
        String adsContextJson,
        String productId) {

    /**
     * A referral without a product.
     *
     * @param ref the developer-defined {@code ref}, or null
     * @param source e.g. {@code SHORTLINK}, {@code ADS}, {@code CUSTOMER_CHAT_PLUGIN}
     * @param type e.g. {@code OPEN_THREAD}
     * @param adId {@code ad_id} for ad referrals, or null
     * @param refererUri {@code referer_uri} for plugin referrals, or null
     * @param adsContextJson the raw {@code ads_context_data} object as JSON, or null
     */
    public Referral(String ref, String source, String type, String adId, String refererUri, String adsContextJson) {
        this(ref, source, type, adId, refererUri, adsContextJson, null);
    }
}
