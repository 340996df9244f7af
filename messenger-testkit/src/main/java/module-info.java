/**
 * MessengerKit testkit: the Messenger Platform emulator, the webhook trigger that sends deliveries
 * shaped and signed as Meta's, JUnit 5 support, and the command line.
 * Also: the Meta-style JSON writer for payloads byte-for-byte like Meta's, and contract tests
 * for your own token stores and de-duplication ledgers.
 */
module io.messengerkit.testkit {
    requires transitive io.messengerkit;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires jdk.httpserver;

    exports io.messengerkit.testkit.cli;
    exports io.messengerkit.testkit.contract;
    exports io.messengerkit.testkit.emulator;
    exports io.messengerkit.testkit.json;
    exports io.messengerkit.testkit.junit;
    exports io.messengerkit.testkit.trigger;
}
