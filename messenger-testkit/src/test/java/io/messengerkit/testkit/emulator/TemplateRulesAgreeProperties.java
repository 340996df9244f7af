package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.InvalidRequestException;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.GenericTemplate;
import io.messengerkit.send.ImageGridTemplate;
import io.messengerkit.send.InvalidMessageException;
import io.messengerkit.send.Message;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.RawTemplate;
import io.messengerkit.send.SendRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The SDK's template checks and the emulator's agree: a template the SDK refuses to build is one the
 * emulator (like Meta) refuses to send, and one it builds is accepted.
 */
class TemplateRulesAgreeProperties {
    private static PlatformEmulator emulator;
    private static PageMessenger messenger;
    private static String psid;

    @BeforeContainer
    static void start() {
        emulator = PlatformEmulator.builder().sendRateLimitPerSecond(100_000).start();
        TestPage page = emulator.createPage(emulator.createUser("Ada"), "Shop");
        TestCustomer customer = page.createCustomer("Grace", "Hopper");
        customer.sends("hi");
        psid = customer.psid();
        messenger = GraphClient.builder(MessengerConfig.builder().appId(emulator.appId())
                .appSecret(emulator.appSecret()).baseUrl(emulator.baseUrl()).retryPolicy(RetryPolicy.none()).build())
                .build().messenger(page.token());
    }

    @AfterContainer
    static void stop() {
        emulator.close();
    }

    /** Whether the SDK builds it, and whether the emulator accepts the same JSON sent raw. */
    private static void agree(Supplier<Object> build, String rawJson) {
        boolean sdk;
        try {
            build.get();
            sdk = true;
        } catch (InvalidMessageException e) {
            sdk = false;
        }
        boolean emulated;
        try {
            messenger.send(SendRequest.to(psid, Message.of(Attachment.template(RawTemplate.of(rawJson)))));
            emulated = true;
        } catch (InvalidRequestException e) {
            emulated = false;
        }
        assertEquals(sdk, emulated, rawJson);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    @Property(tries = 150)
    void genericTemplateLimits(@ForAll @IntRange(min = 0, max = 12) int elements,
            @ForAll @IntRange(min = 1, max = 90) int titleLength, @ForAll @IntRange(min = 0, max = 4) int buttons) {
        String title = "t".repeat(titleLength);
        List<Button> bs = IntStream.range(0, buttons).mapToObj(i -> (Button) Button.postback("B" + i, "P" + i)).toList();
        String buttonsJson = bs.isEmpty() ? "" : ",\"buttons\":[" + IntStream.range(0, buttons)
                .mapToObj(i -> "{\"type\":\"postback\",\"title\":\"B" + i + "\",\"payload\":\"P" + i + "\"}")
                .collect(Collectors.joining(",")) + "]";
        String element = "{\"title\":" + quote(title) + ",\"subtitle\":\"s\"" + buttonsJson + "}";
        String raw = "{\"template_type\":\"generic\",\"elements\":["
                + IntStream.range(0, elements).mapToObj(i -> element).collect(Collectors.joining(",")) + "]}";
        agree(() -> {
            List<GenericTemplate.Element> es = new ArrayList<>();
            for (int i = 0; i < elements; i++) {
                es.add(new GenericTemplate.Element(title, "s", null, null, bs));
            }
            return new GenericTemplate(es, false);
        }, raw);
    }

    @Property(tries = 100)
    void buttonTemplateLimits(@ForAll @IntRange(min = 1, max = 700) int textLength,
            @ForAll @IntRange(min = 0, max = 4) int buttons) {
        String text = "x".repeat(textLength);
        String raw = "{\"template_type\":\"button\",\"text\":" + quote(text) + ",\"buttons\":[" + IntStream.range(0, buttons)
                .mapToObj(i -> "{\"type\":\"web_url\",\"title\":\"B" + i + "\",\"url\":\"https://x.test/" + i + "\"}")
                .collect(Collectors.joining(",")) + "]}";
        agree(() -> new ButtonTemplate(text, IntStream.range(0, buttons)
                .mapToObj(i -> (Button) Button.url("B" + i, "https://x.test/" + i)).toList()), raw);
    }

    @Property(tries = 100)
    void imageGridLimits(@ForAll @IntRange(min = 0, max = 8) int images, @ForAll @IntRange(min = 0, max = 3) int heroes,
            @ForAll @IntRange(min = 1, max = 50) int titleLength) {
        String title = "g".repeat(titleLength);
        String raw = "{\"template_type\":\"image_grid\",\"elements\":[{\"title\":" + quote(title) + ",\"images\":["
                + IntStream.range(0, images).mapToObj(i -> "{\"url\":\"https://i.test/" + i + "\""
                        + (i < heroes ? ",\"is_hero_image\":true" : "") + "}").collect(Collectors.joining(",")) + "]}]}";
        agree(() -> new ImageGridTemplate(IntStream.range(0, images)
                .mapToObj(i -> new ImageGridTemplate.Image("https://i.test/" + i, i < heroes, null)).toList(),
                title, null, List.of()), raw);
    }
}
