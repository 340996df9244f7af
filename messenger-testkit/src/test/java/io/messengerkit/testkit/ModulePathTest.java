package io.messengerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.support.WebhookReceiver;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.event.MessageEvent;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tests of this module run on the class path; this one loads the SDK and the testkit as named
 * modules from their descriptors, in a layer of their own, and uses them there: the descriptors
 * resolve, export what they should, and carry every module the code needs at run time.
 */
class ModulePathTest {
    private static final Set<String> SDK_API = Set.of("io.messengerkit", "io.messengerkit.config",
            "io.messengerkit.graph", "io.messengerkit.metrics", "io.messengerkit.send", "io.messengerkit.token",
            "io.messengerkit.transport", "io.messengerkit.webhook", "io.messengerkit.webhook.event",
            "io.messengerkit.webhook.http");
    private static ModuleLayer layer;

    @BeforeAll
    static void loadTheModulesFromTheirDescriptors() {
        Path[] modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> !p.endsWith("test-classes"))
                .toArray(Path[]::new);
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(modulePath), ModuleFinder.of(), Set.of("io.messengerkit.testkit"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    private static ModuleDescriptor descriptor(String module) {
        return layer.findModule(module).orElseThrow().getDescriptor();
    }

    private static Set<String> exported(String module) {
        return descriptor(module).exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, layer.findLoader("io.messengerkit.testkit"));
    }

    private static Object call(Class<?> type, Object target, String method, Object... args) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + method);
    }

    @Test
    void sdkExportsItsApiPackagesOnlyAndTheTestkitExportsEveryPackageButItsInternalOne() {
        assertEquals(SDK_API, exported("io.messengerkit"));
        assertTrue(exported("io.messengerkit.testkit").contains("io.messengerkit.testkit.trigger"));
        assertEquals(descriptor("io.messengerkit.testkit").packages().stream()
                .filter(p -> !p.equals("io.messengerkit.testkit.internal")).collect(Collectors.toSet()),
                exported("io.messengerkit.testkit"));
    }

    @Test
    void tokensAreSealedAndOpenedWithTinkOnTheModulePath() throws Exception {
        Class<?> keysetType = type("io.messengerkit.token.TokenKeyset");
        Class<?> vaultType = type("io.messengerkit.token.TokenVault");
        assertEquals("io.messengerkit", vaultType.getModule().getName());
        Object vault = call(vaultType, null, "of", call(keysetType, null, "generate"));
        Object key = call(type("io.messengerkit.token.TokenKey"), null, "page", "tenant-1", "100200300");
        Object token = call(type("io.messengerkit.AccessToken"), null, "of", "EAAmodulePathTestToken");

        Object sealed = call(vaultType, vault, "seal", key, token, Optional.empty(), Set.of());
        Object opened = call(vaultType, vault, "open", sealed);

        assertEquals("EAAmodulePathTestToken", call(opened.getClass(), opened, "reveal"));
    }

    @Test
    void cliPostsASignedDeliveryThatTheSdkParses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String[] args = {"trigger", "message", "--to", receiver.uri().toString(), "--secret", "module-path-secret",
                "--page", "100200300", "--psid", "400500600", "--text", "hello from a module"};
            Object status = call(type("io.messengerkit.testkit.cli.MessengerKitCli"), null, "run", args,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());

            assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
            WebhookReceiver.Received received = receiver.take();
            assertTrue(WebhookSignature.of(AppSecret.of("module-path-secret")).isValid(received.body(),
                    received.header(WebhookSignature.SIGNATURE_256_HEADER)));
            MessageEvent message = assertInstanceOf(MessageEvent.class,
                    WebhookParser.create().parse(received.body()).entries().get(0).events().get(0));
            assertEquals("hello from a module", message.text());
            assertEquals("400500600", message.senderId());
        }
    }
}
