/**
 * MessengerKit SDK: the Graph API client, the Send API, webhook verification, parsing and dispatch,
 * and the encrypted token store for the Meta Messenger Platform.
 *
 * <p>Only the packages below are API. The Graph engine, its JSON handling and the Send API's
 * serialisation are package-private in {@code io.messengerkit.graph}; the webhook parser's cursor
 * and readers are package-private in {@code io.messengerkit.webhook}.
 */
// Tink ships an Automatic-Module-Name (a stable name, not one derived from the file name) and no
// descriptor; its KeysetHandle and Aead appear in TokenKeyset's API, so users must read it too.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.messengerkit {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires transitive com.google.crypto.tink;
    requires java.net.http;
    // WebhookHttpHandler and WebhookServer put the JDK's HTTP server types in their API.
    requires transitive jdk.httpserver;

    exports io.messengerkit;
    exports io.messengerkit.config;
    exports io.messengerkit.graph;
    exports io.messengerkit.metrics;
    exports io.messengerkit.send;
    exports io.messengerkit.token;
    exports io.messengerkit.transport;
    exports io.messengerkit.webhook;
    exports io.messengerkit.webhook.event;
    exports io.messengerkit.webhook.http;
}
