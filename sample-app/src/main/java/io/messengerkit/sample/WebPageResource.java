package io.messengerkit.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Serves the admin page ({@code /}), its assets ({@code /assets/*}) and its public settings
 * ({@code /sample/config}) from the class path, the same way standalone and inside a WAR.
 *
 * <p>The page itself holds no data: everything it shows comes from the management API, which it calls
 * with the API key the user enters.
 */
@Path("")
public class WebPageResource {

    private static final String ROOT = "/io/messengerkit/sample/web/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final WebPageSettings settings;

    /** For servers: settings from the process environment. */
    public WebPageResource() {
        this(WebPageSettings.fromEnvironment(System.getenv()));
    }

    public WebPageResource(WebPageSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response index() {
        return Response.ok(read("index.html"), "text/html; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @GET
    @Path("index.html")
    @Produces(MediaType.TEXT_HTML)
    public Response indexHtml() {
        return index();
    }

    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) {
        if (!ASSET.matcher(name).matches()) {
            throw new NotFoundException();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return Response.ok(read(name), type)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** Public, non-secret settings the page needs before login: mode, app id, SDK location. */
    @GET
    @Path("sample/config")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        String json = "{\"mode\":\"" + (settings.demo() ? "demo" : "live") + "\""
                + ",\"appId\":" + jsonString(settings.appId())
                + ",\"graphApiVersion\":" + jsonString(settings.graphApiVersion())
                + ",\"fbSdkUrl\":" + jsonString(settings.fbSdkUrl().toString()) + "}";
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    String contentSecurityPolicy() {
        String sdk = settings.fbSdkOrigin();
        // The Facebook SDK opens its login dialog from facebook.com and talks to it from the page.
        String facebook = settings.demo() ? sdk : sdk + " https://*.facebook.com https://*.facebook.net";
        return "default-src 'self'; script-src 'self' " + sdk
                + "; connect-src 'self' " + facebook
                + "; frame-src " + facebook
                + "; img-src 'self' data: " + facebook
                + "; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPageResource.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
