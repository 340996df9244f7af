package io.messengerkit.jakarta.standalone;

import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the standalone server shows a malformed or hostile request, beyond the application's own answers:
 * <ul>
 *   <li>A request whose target or Host header is not a URI (Jersey cannot even build the request from it)
 *       gets a 400 problem document instead of Grizzly's 500 page with a stack trace and the server's
 *       name and version.</li>
 *   <li>Whatever else fails before the application answers gets a bare problem document too: the error
 *       page generator never prints a stack trace or a version, and no {@code Server} header is sent.</li>
 *   <li>After the application refused a body without reading it (413), the connection is closed rather than
 *       the rest of the body read and thrown away: at most {@code maxRemainder} bytes are skipped.</li>
 *   <li>{@code DELETE} requests may carry a body, as the management API's clients send them.</li>
 * </ul>
 * Errors the HTTP codec itself answers (a request line with control characters, an unparseable
 * {@code Content-Length}) keep Grizzly's bodiless 400, which carries neither a trace nor a banner.
 */
final class GrizzlyHardening {
    private static final System.Logger LOG = System.getLogger(GrizzlyHardening.class.getName());
    private static final String PROBLEM_BASE = "https://messengerkit.io/problems/";

    private GrizzlyHardening() {
    }

    /** Applies the above to a server that is not started yet. */
    static void apply(HttpServer http, int maxRemainder) {
        ServerConfiguration config = http.getServerConfiguration();
        // The management API takes DELETE bodies (the admin page's "unlink page" sends one); Grizzly refuses them
        // with a bare 400 unless told otherwise. They reach the application, which bounds them and wants JSON.
        config.setAllowPayloadForUndefinedHttpMethods(true);
        config.setMaxPayloadRemainderToSkip(maxRemainder);
        config.setHttpServerName(null);
        config.setHttpServerVersion(null);
        config.setDefaultErrorPageGenerator(BARE_PAGES);
        http.getListeners().forEach(listener -> listener.setDefaultErrorPageGenerator(BARE_PAGES));
        Map<HttpHandler, String[]> handlers = new java.util.LinkedHashMap<>(config.getHttpHandlers());
        handlers.forEach((handler, mappings) -> {
            config.removeHttpHandler(handler);
            config.addHttpHandler(new MalformedRequests(handler), mappings);
        });
    }

    /** An error page that says only the status, as a problem document. */
    private static final ErrorPageGenerator BARE_PAGES = (request, status, reason, description, exception) ->
            problem(status, reason == null ? "Error" : reason, "The request could not be served.");

    /** Answers 400 to requests Jersey cannot turn into a URI; hands every other request on unchanged. */
    private static final class MalformedRequests extends HttpHandler {
        private final HttpHandler next;

        MalformedRequests(HttpHandler next) {
            super(next.getName());
            this.next = next;
            setAllowEncodedSlash(next.isAllowEncodedSlash());
        }

        @Override
        public void start() {
            next.start();
        }

        @Override
        public void destroy() {
            next.destroy();
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            String why = malformed(request);
            if (why != null) {
                LOG.log(Level.DEBUG, "Refused a malformed request: {0}", why);
                byte[] body = problem(400, "Bad Request", "The request target or Host header is malformed.")
                        .getBytes(StandardCharsets.UTF_8);
                response.setStatus(400);
                response.setContentType("application/problem+json");
                response.setContentLength(body.length);
                response.setHeader("Connection", "close");
                response.getOutputStream().write(body);
                return;
            }
            next.service(request, response);
        }

        /** Why Jersey could not build this request's URIs, or null when it can. */
        private static String malformed(Request request) {
            try {
                String query = request.getQueryString();
                new URI(request.getScheme() + "://" + hostOf(request) + request.getRequestURI()
                        + (query == null ? "" : "?" + query));
                return null;
            } catch (URISyntaxException | IllegalArgumentException e) {
                return e.getClass().getSimpleName();
            }
        }

        private static String hostOf(Request request) {
            String host = request.getHeader("Host");
            return host == null || host.isBlank() ? "localhost" : host;
        }
    }

    private static String problem(int status, String title, String detail) {
        return "{\"type\":\"" + PROBLEM_BASE + "http-" + status + "\",\"title\":\"" + escape(title) + "\",\"status\":"
                + status + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
