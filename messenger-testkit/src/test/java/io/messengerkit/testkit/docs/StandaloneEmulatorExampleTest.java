package io.messengerkit.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "emulator on its own" snippet of docs/testing.md, kept here so it compiles and runs. */
class StandaloneEmulatorExampleTest {

    @Test
    void sendsAReplyThroughTheSdkToTheEmulator() {
        try (PlatformEmulator platform = PlatformEmulator.builder().pageSize(2).start()) {
            TestUser ada = platform.createUser("Ada Lovelace");
            TestPage shop = platform.createPage(ada, "Ada's Shop");
            TestCustomer grace = shop.createCustomer("Grace", "Hopper");

            GraphClient graph = GraphClient.create(MessengerConfig.builder()
                    .appId(platform.appId()).appSecret(platform.appSecret())
                    .baseUrl(platform.baseUrl()).build());

            grace.sends("hi");
            graph.messenger(shop.token()).sendText(grace.psid(), "Hello Grace");
            assertEquals(List.of("Hello Grace"), grace.conversation().replies());
        }
    }
}
