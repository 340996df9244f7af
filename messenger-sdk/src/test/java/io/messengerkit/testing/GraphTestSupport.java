package io.messengerkit.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import java.time.Duration;
import java.time.Instant;

/** Builds Graph clients pointed at a WireMock server on loopback, on virtual time. */
public final class GraphTestSupport {
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private GraphTestSupport() {
    }

    /** A WireMock server bound to 127.0.0.1 on a free port. */
    public static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** A configuration with the test app and the server's base URL. */
    public static MessengerConfig.Builder config(WireMockExtension wm) {
        return MessengerConfig.builder()
                .appId(TestSecrets.APP_ID)
                .appSecret(TestSecrets.APP_SECRET)
                .baseUrl(wm.baseUrl())
                .requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60)));
    }

    /** A client on the given virtual time, with jitter fixed at its maximum. */
    public static GraphClient client(MessengerConfig config, FakeTime time) {
        return GraphClient.builder(config).clock(time).sleeper(time).jitter(() -> 0.999).build();
    }

    /** A client with default test configuration on auto-advancing virtual time. */
    public static GraphClient client(WireMockExtension wm) {
        return client(config(wm).build(), FakeTime.autoAdvance(START));
    }
}
