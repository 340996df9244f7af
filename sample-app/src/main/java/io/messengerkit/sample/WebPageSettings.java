package io.messengerkit.sample;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * What the admin page needs to know before it can show "Continue with Facebook": public values only.
 *
 * @param demo           true when the page talks to the built-in platform emulator instead of Meta
 * @param appId          the Meta app id handed to {@code FB.init}; public by design
 * @param graphApiVersion the Graph API version handed to {@code FB.init}, such as {@code v26.0}
 * @param fbSdkUrl       where the page loads the Facebook JavaScript SDK from (the emulator's stand-in in demo mode)
 */
public record WebPageSettings(boolean demo, String appId, String graphApiVersion, URI fbSdkUrl) {

    /** Meta's JavaScript SDK. */
    public static final URI FACEBOOK_SDK = URI.create("https://connect.facebook.net/en_US/sdk.js");

    /** The Graph API version used when {@code MESSENGER_API_VERSION} is not set. */
    public static final String DEFAULT_GRAPH_API_VERSION = "v26.0";

    public WebPageSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(graphApiVersion, "graphApiVersion");
        Objects.requireNonNull(fbSdkUrl, "fbSdkUrl");
    }

    /**
     * Reads {@code MESSENGER_APP_ID}, {@code MESSENGER_API_VERSION} and {@code SAMPLE_FB_SDK_URL} (an override
     * of the SDK location, for testing the page against an emulator on a server).
     */
    public static WebPageSettings fromEnvironment(Map<String, String> env) {
        String sdk = blankToNull(env.get("SAMPLE_FB_SDK_URL"));
        String version = blankToNull(env.get("MESSENGER_API_VERSION"));
        String appId = blankToNull(env.get("MESSENGER_APP_ID"));
        return new WebPageSettings(
                false,
                appId == null ? "" : appId,
                version == null ? DEFAULT_GRAPH_API_VERSION : version,
                sdk == null ? FACEBOOK_SDK : sdkUrl(sdk));
    }

    /** The origin ({@code scheme://host[:port]}) the SDK script is served from, for the page's CSP. */
    public String fbSdkOrigin() {
        int port = fbSdkUrl.getPort();
        return fbSdkUrl.getScheme() + "://" + fbSdkUrl.getHost() + (port < 0 ? "" : ":" + port);
    }

    private static URI sdkUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalArgumentException("SAMPLE_FB_SDK_URL must be the absolute URL of the Facebook JS SDK script,"
                + " such as https://connect.facebook.net/en_US/sdk.js; was '" + value + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
