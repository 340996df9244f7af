package io.messengerkit.testkit.trigger;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.internal.WitnessedTriggers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Posts webhook deliveries to an app's callback URL the way Meta does: exact bytes, signed with the
 * app secret, {@code Content-Type: application/json}. It can also repeat a delivery (Meta delivers
 * at least once) or send several out of order, and run the {@code hub.challenge} handshake.
 *
 <p>There are two kinds of trigger, and they differ in what the emulator knows:
 * <ul>
 *   <li><b>Through the emulator</b>: {@code PlatformEmulator.trigger()} (or the JUnit extension's
 *       {@code trigger()}) posts to the emulator's callback URL with its app secret and tells the
 *       emulator first, so a person's message or postback opens the 24-hour window and joins the
 *       transcript once, however many copies are posted. Replies to it are accepted, as on Meta.
 *       Use it whenever a test runs an emulator.</li>
 *   <li><b>Around the emulator</b>: {@link #to(URI, AppSecret)} posts to any URL and tells no one.
 *       An emulator never hears of these deliveries, so a reply to one is refused (code 10, subcode
 *       2018278: outside the 24-hour window). Use it without an emulator, or for deliveries no
 *       person caused (forged, tampered).</li>
 * </ul>
 *
 * <pre>{@code
 * WebhookTrigger trigger = WebhookTrigger.to(URI.create("http://127.0.0.1:8080/webhook"), AppSecret.of("s3cret"));
 * WebhookDelivery answer = trigger.send(WebhookPayload.of(TestEvent.text("PAGE_ID", "PSID", "hi")));
 * }</pre>
 */
public final class WebhookTrigger {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final Consumer<WebhookPayload> NO_WITNESS = payload -> { };

    static {
        WitnessedTriggers.register((callback, secret, witness) ->
                new WebhookTrigger(callback, secret, DELIVERY_TIMEOUT, Objects.requireNonNull(witness, "witness")));
    }

    private final URI callback;
    private final AppSecret secret;
    private final WebhookSigner signer;
    private final HttpClient http;
    private final Duration timeout;
    private final Consumer<WebhookPayload> witness;

    private WebhookTrigger(URI callback, AppSecret secret, Duration timeout, Consumer<WebhookPayload> witness) {
        this.callback = Objects.requireNonNull(callback, "callback");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.signer = new WebhookSigner(secret);
        this.timeout = timeout;
        this.witness = witness;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * A trigger for the callback URL, signing with the app secret; Meta's 20 s delivery timeout. It
     * goes around any emulator: see the class description, and use {@code PlatformEmulator.trigger()}
     * in tests that run one.
     */
    public static WebhookTrigger to(URI callback, AppSecret secret) {
        return new WebhookTrigger(callback, secret, DELIVERY_TIMEOUT, NO_WITNESS);
    }

    /** A copy that gives up on an answer after the given time (and goes through the emulator if this one does). */
    public WebhookTrigger withTimeout(Duration timeout) {
        return new WebhookTrigger(callback, secret, timeout, witness);
    }

    /** True when the trigger tells an emulator what it posts (made by {@code PlatformEmulator.trigger()}). */
    public boolean throughEmulator() {
        return witness != NO_WITNESS;
    }

    /** The callback URL deliveries go to. */
    public URI callback() {
        return callback;
    }

    /** The signer, for tests that build their own requests. */
    public WebhookSigner signer() {
        return signer;
    }

    /** Posts the payload once, signed. */
    public WebhookDelivery send(WebhookPayload payload) {
        witness.accept(payload);
        byte[] body = payload.toBytes();
        return post(body, signer.signature256(body));
    }

    /** Posts the same signed bytes {@code copies} times in a row, as a redelivery would. */
    public List<WebhookDelivery> sendDuplicated(WebhookPayload payload, int copies) {
        witness.accept(payload);
        byte[] body = payload.toBytes();
        String signature = signer.signature256(body);
        List<WebhookDelivery> answers = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            answers.add(post(body, signature));
        }
        return answers;
    }

    /** Posts the same signed bytes {@code copies} times at once, as concurrent redeliveries would. */
    public List<WebhookDelivery> sendConcurrently(WebhookPayload payload, int copies) {
        witness.accept(payload);
        byte[] body = payload.toBytes();
        String signature = signer.signature256(body);
        List<CompletableFuture<WebhookDelivery>> futures = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            futures.add(postAsync(body, signature));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Posts each payload separately, last one first: order across deliveries is not guaranteed. The
     * person acted in the order given, so that is the order an emulator records.
     */
    public List<WebhookDelivery> sendReordered(List<WebhookPayload> payloads) {
        payloads.forEach(witness);
        List<WebhookDelivery> answers = new ArrayList<>();
        for (int i = payloads.size() - 1; i >= 0; i--) {
            byte[] body = payloads.get(i).toBytes();
            answers.add(post(body, signer.signature256(body)));
        }
        return answers;
    }

    /**
     * Posts the bytes with the given {@code X-Hub-Signature-256} value (or none when null), to
     * rehearse forged or tampered deliveries. Raw bytes are no person's action: an emulator is not
     * told of them, even by a trigger that goes through it.
     */
    public WebhookDelivery sendRaw(byte[] body, String signature256) {
        return post(body.clone(), signature256);
    }

    /**
     * Runs the verification handshake Meta performs when a callback URL is configured:
     * {@code GET callback?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...}.
     *
     * @return the answer; a correct endpoint answers 200 with exactly the challenge
     */
    public WebhookDelivery verify(String verifyToken, String challenge) {
        String separator = callback.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(callback + separator + "hub.mode=subscribe&hub.verify_token="
                + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8)
                + "&hub.challenge=" + URLEncoder.encode(challenge, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "facebookplatform/1.0 (+http://developers.facebook.com)").build();
        return exchange(request, 0);
    }

    private WebhookDelivery post(byte[] body, String signature256) {
        return exchange(request(body, signature256), body.length);
    }

    private CompletableFuture<WebhookDelivery> postAsync(byte[] body, String signature256) {
        return http.sendAsync(request(body, signature256), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null
                        ? new WebhookDelivery(response.statusCode(), response.body(), body.length)
                        : new WebhookDelivery(0, String.valueOf(failure.getMessage()), body.length));
    }

    private HttpRequest request(byte[] body, String signature256) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(callback)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "facebookexternalua")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature256 != null) {
            builder.header(WebhookSigner.SIGNATURE_256_HEADER, signature256);
            builder.header(WebhookSigner.SIGNATURE_SHA1_HEADER, signer.signatureSha1(body));
        }
        return builder.build();
    }

    private WebhookDelivery exchange(HttpRequest request, int bytesSent) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new WebhookDelivery(response.statusCode(), response.body(), bytesSent);
        } catch (IOException e) {
            return new WebhookDelivery(0, e.getClass().getSimpleName() + ": " + e.getMessage(), bytesSent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookDelivery(0, "interrupted", bytesSent);
        }
    }

    @Override
    public String toString() {
        return "WebhookTrigger[" + callback + (throughEmulator() ? ", through the emulator]" : "]");
    }
}
