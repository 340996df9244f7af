package io.messengerkit.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.AppSecret;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.GraphException;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessengerMetricsTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    /** Writes every call down as one line. */
    static final class Recorder implements MessengerMetrics {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void deliveryVerified(int bytes) {
            lines.add("verified " + bytes);
        }

        @Override
        public void signatureRejected(String reason) {
            lines.add("rejected " + reason);
        }

        @Override
        public void deliveryUnparseable() {
            lines.add("unparseable delivery");
        }

        @Override
        public void eventReceived(String kind) {
            lines.add("event " + kind);
        }

        @Override
        public void duplicateDropped(String kind) {
            lines.add("duplicate " + kind);
        }

        @Override
        public void eventHandled(String kind, boolean succeeded, Duration latency) {
            assertTrue(!latency.isNegative(), "latency " + latency);
            lines.add("handled " + kind + " " + (succeeded ? "ok" : "failed"));
        }

        @Override
        public void graphCallCompleted(GraphCallResult result) {
            lines.add("graph " + result.call() + (result.send() ? " send " : " ") + (result.succeeded() ? "ok" : "failed "
                    + result.graphErrorCode()) + " after " + result.attempts());
        }

        @Override
        public void graphCallRetried(String call, boolean send) {
            lines.add("retry " + call);
        }

        @Override
        public void rateLimitUsage(String header, String businessId, int percent) {
            lines.add("usage " + header + (businessId == null ? "" : " " + businessId) + " " + percent);
        }
    }

    private final Recorder recorder = new Recorder();

    private static byte[] message(String mid, String text) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":\""
                + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsVerifiedDeliveriesWithTheirSizeAndRejectedSignaturesByReason() {
        WebhookSignature signature = WebhookSignature.builder(TestSecrets.APP_SECRET).metrics(recorder).build();
        byte[] body = message("m1", "hi");

        signature.verify(body, signature.sign(body));
        assertThrows(WebhookSignatureException.class,
                () -> signature.verify(body, WebhookSignature.of(AppSecret.of("not-the-app-secret")).sign(body)));
        assertThrows(WebhookSignatureException.class, () -> signature.verify(body, null));
        assertThrows(WebhookSignatureException.class, () -> signature.verify(body, "sha256=xyz"));

        assertEquals(List.of("verified " + body.length, "rejected mismatch", "rejected missing", "rejected malformed"),
                recorder.lines);
    }

    @Test
    void countsEventsByKindDuplicatesHandlerOutcomesAndUnparseableBodies() {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(Runnable::run)
                .metrics(recorder)
                .onMessage((message, context) -> {
                    if ("boom".equals(message.text())) {
                        throw new IllegalStateException("made-up handler failure");
                    }
                })
                .onError((event, error) -> { })
                .build();

        DispatchReport first = dispatcher.dispatch(message("m1", "hi")).join();
        DispatchReport again = dispatcher.dispatch(message("m1", "hi")).join();
        dispatcher.dispatch(message("m2", "boom")).join();
        dispatcher.dispatch("not json".getBytes(StandardCharsets.UTF_8)).join();

        assertEquals(1, first.dispatched());
        assertEquals(1, again.duplicates());
        assertEquals(List.of("event message", "handled message ok", "event message", "duplicate message",
                "event message", "handled message failed", "unparseable delivery"), recorder.lines);
    }

    @Test
    void namesEventKindsInSnakeCase() {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(Runnable::run).metrics(recorder).build();
        dispatcher.dispatch(("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":1700000000000,\"message_edit\":{\"mid\":\"m1\",\"text\":\"x\","
                + "\"num_edit\":1}}]}]}").getBytes(StandardCharsets.UTF_8)).join();

        assertEquals(List.of("event message_edit"), recorder.lines);
    }

    @Test
    void reportsSendsByResultAndGraphCodeRetriesAndUsageHeaders() {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).inScenario("send").whenScenarioStateIs(STARTED)
                .willSetStateTo("retried")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"try again\",\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}")));
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).inScenario("send").whenScenarioStateIs("retried")
                .willSetStateTo("refused")
                .willReturn(okJson("{\"recipient_id\":\"u1\",\"message_id\":\"m.1\"}")
                        .withHeader("X-App-Usage", "{\"call_count\":12,\"total_time\":30,\"total_cputime\":5}")
                        .withHeader("X-Business-Use-Case-Usage", "{\"200000000000001\":[{\"type\":\"messenger\","
                                + "\"call_count\":41,\"total_cputime\":3,\"total_time\":7,\"estimated_time_to_regain_access\":0}]}")));
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).inScenario("send").whenScenarioStateIs("refused")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#100) No matching user found\",\"type\":\"OAuthException\","
                                + "\"code\":100,\"error_subcode\":2018001}}")));
        GraphClient client = GraphClient.builder(GraphTestSupport.config(wm).build()).clock(FakeTime.autoAdvance(GraphTestSupport.START))
                .sleeper(FakeTime.autoAdvance(GraphTestSupport.START)).jitter(() -> 0.5).metrics(recorder).build();

        client.messenger(TestSecrets.PAGE_TOKEN).sendText("u1", "hello");
        assertThrows(GraphException.class, () -> client.messenger(TestSecrets.PAGE_TOKEN).sendText("u1", "hello again"));

        List<String> graph = recorder.lines.stream().filter(l -> l.startsWith("graph") || l.startsWith("retry")).toList();
        assertEquals(2, graph.stream().filter(l -> l.startsWith("graph")).count(), recorder.lines.toString());
        assertTrue(graph.get(0).startsWith("retry "), graph.toString());
        assertTrue(graph.get(1).contains(" send ok after 2"), graph.toString());
        assertTrue(graph.get(2).contains(" send failed 100 after 1"), graph.toString());
        assertTrue(recorder.lines.contains("usage app 30"), recorder.lines.toString());
        assertTrue(recorder.lines.contains("usage business_use_case 200000000000001 41"), recorder.lines.toString());
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheSdk() {
        MessengerMetrics broken = new MessengerMetrics() {
            @Override
            public void deliveryVerified(int bytes) {
                throw new IllegalStateException("made-up listener failure");
            }
        };
        WebhookSignature signature = WebhookSignature.builder(TestSecrets.APP_SECRET).metrics(broken).build();
        byte[] body = message("m1", "hi");

        signature.verify(body, signature.sign(body));
        assertTrue(signature.isValid(body, signature.sign(body)));
    }
}
