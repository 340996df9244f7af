package io.messengerkit.servlet;

import io.messengerkit.webhook.http.WebhookEndpoint;
import io.messengerkit.webhook.http.WebhookRequest;
import io.messengerkit.webhook.http.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SDK's {@link WebhookEndpoint} as a Servlet: the verify-token handshake, the body limit, the
 * signature check over the raw bytes and the hand-over to the dispatcher, in any Servlet 5+ container.
 * Register it programmatically, for example from a {@code ServletContainerInitializer} or a
 * {@code ServletContextListener}:
 *
 * <pre>{@code
 * context.addServlet("messenger-webhook", new WebhookServlet(WebhookEndpoint.create(config, dispatcher)))
 *        .addMapping("/webhook");
 * }</pre>
 *
 * <p>The body is read from the request's stream exactly as it arrived. The query is parsed from the
 * query string alone, never through {@code getParameter}, which would consume a form-encoded body before
 * its signature could be checked.
 */
public class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WebhookEndpoint endpoint;

    /**
     * A servlet answering every request with {@code endpoint}.
     *
     * @param endpoint the webhook endpoint
     */
    public WebhookServlet(WebhookEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebhookResponse answer;
        try (InputStream body = request.getInputStream()) {
            answer = endpoint.handle(new WebhookRequest(request.getMethod(),
                    WebhookRequest.parseQuery(request.getQueryString()), headers(request), body));
        }
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        byte[] bytes = answer.bodyBytes();
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }
}
