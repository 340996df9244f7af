package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.InstagramAccount;
import io.messengerkit.graph.InstagramLoginClient;
import io.messengerkit.graph.InstagramLoginToken;
import io.messengerkit.graph.InvalidRequestException;
import io.messengerkit.graph.LongLivedToken;
import io.messengerkit.graph.MessengerProfile;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.PermissionMissingException;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.GenericTemplate;
import io.messengerkit.send.InstagramMessenger;
import io.messengerkit.send.Message;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SenderAction;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.InstagramComment;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instagram accounts connected to pages: discovery, webhooks, the Send API rules, private replies, Instagram Login. */
class InstagramOnEmulatorTest {
    private final MutableClock clock = MutableClock.at(Instant.now());
    private final List<byte[]> deliveries = new CopyOnWriteArrayList<>();
    private PlatformEmulator emulator;
    private HttpServer app;
    private GraphClient graph;
    private TestUser owner;
    private TestPage page;
    private TestInstagramAccount ig;
    private String igsid;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/webhook", exchange -> {
            deliveries.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
        emulator = PlatformEmulator.builder().clock(clock).start();
        emulator.webhookCallback(URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/webhook"));
        graph = GraphClient.create(MessengerConfig.builder().appId(emulator.appId()).appSecret(emulator.appSecret())
                .baseUrl(emulator.baseUrl()).build());
        owner = emulator.createUser("Ada Owner");
        page = emulator.createPage(owner, "Coast Shop");
        ig = page.connectInstagramAccount("coast.shop", "Coast Shop");
        igsid = ig.createUser("Robin", "Insta");
    }

    @AfterEach
    void stop() {
        emulator.close();
        app.stop(0);
    }

    @Test
    void aPageAnswersItsConnectedInstagramAccountWithInstagramBasic() {
        Optional<InstagramAccount> found = graph.instagramAccounts().connectedTo(owner.shortLivedToken(), page.id());
        assertEquals(ig.id(), found.orElseThrow().id());
        assertEquals("coast.shop", found.orElseThrow().username());
        assertEquals("Coast Shop", found.orElseThrow().name());
        assertTrue(found.orElseThrow().profilePictureUrl().startsWith(emulator.baseUrl()));

        TestPage other = emulator.createPage(owner, "No Instagram");
        assertEquals(Optional.empty(), graph.instagramAccounts().connectedTo(owner.shortLivedToken(), other.id()));

        PermissionMissingException missing = assertThrows(PermissionMissingException.class, () -> graph
                .instagramAccounts().connectedTo(owner.shortLivedToken(List.of("pages_show_list")), page.id()));
        assertTrue(missing.getMessage().contains("instagram_basic"), missing.getMessage());
    }

    @Test
    void deliversInstagramShapedWebhooksOnlyWhileThePageIsSubscribed() {
        InboundDelivery refused = ig.userSends(igsid, "hello?");
        assertFalse(refused.delivered());
        assertTrue(refused.detail().contains("not subscribed"), refused.detail());

        page.subscribeApp("messages");
        InboundDelivery delivered = ig.userSends(igsid, "Hi shop \u00e9");
        assertTrue(delivered.delivered(), delivered.detail());
        assertEquals(1, deliveries.size());
        WebhookEvent event = WebhookParser.create().parse(deliveries.get(0)).events().get(0);
        MessageEvent message = (MessageEvent) event;
        assertTrue(message.envelope().instagram());
        assertEquals(ig.id(), message.pageId(), "the entry id is the Instagram account id");
        assertEquals(igsid, message.envelope().senderId());
        assertEquals("Hi shop \u00e9", message.text());
        assertEquals(List.of("hello?", "Hi shop \u00e9"), ig.conversation(igsid).entries().stream()
                .map(TranscriptEntry::text).toList(), "the person wrote both; the app received the second only");
    }

    @Test
    void sendsThroughThePageWithInstagramRules() {
        page.subscribeApp("messages");
        ig.userSends(igsid, "Hi");
        InstagramMessenger messenger = graph.instagramMessenger(page.token());
        assertTrue(messenger.sendText(igsid, "\u00e9".repeat(500)).messageId().isPresent());
        messenger.senderAction(igsid, SenderAction.TYPING_ON);
        messenger.react(igsid, ig.conversation(igsid).entries().get(0).mid(), "love");
        messenger.sendImages(igsid, List.of("https://cdn.example/1.jpg", "https://cdn.example/2.jpg"));
        messenger.sendLikeHeart(igsid);
        messenger.send(SendRequest.to(igsid, Message.of(Attachment.template(GenericTemplate.of(
                new GenericTemplate.Element("Hat", "Warm", null, null, List.of(Button.postback("Buy", "BUY"))))))));
        Conversation conversation = ig.conversation(igsid);
        assertEquals(7, conversation.entries().size());
        assertEquals("react", conversation.entries().get(3).senderAction());
        assertEquals("image", conversation.entries().get(4).attachmentType());
        assertEquals("like_heart", conversation.entries().get(5).attachmentType());
        assertEquals("template:generic", conversation.entries().get(6).attachmentType());
        assertEquals(List.of(), page.conversation(igsid).entries(), "kept under the Instagram account, not the page");

        // What the SDK refuses before the call, the emulator refuses too: sent here with the Messenger client.
        InvalidRequestException tooLong = assertThrows(InvalidRequestException.class,
                () -> graph.messenger(page.token()).sendText(igsid, "\u00e9".repeat(501)));
        assertTrue(tooLong.getMessage().contains("1000 bytes"), tooLong.getMessage());
        InvalidRequestException call = assertThrows(InvalidRequestException.class, () -> graph.messenger(page.token())
                .send(SendRequest.to(igsid, Message.of(Attachment.template(ButtonTemplate.of("Call us",
                        Button.call("Call", "+15105551234")))))));
        assertEquals(2534015, call.error().subcode());
        assertEquals(2, ig.refusedSends(igsid).size());

        clock.advance(Duration.ofHours(25));
        OutsideMessagingWindowException late = assertThrows(OutsideMessagingWindowException.class,
                () -> messenger.sendText(igsid, "still there?"));
        assertEquals(2534022, late.error().subcode());
    }

    @Test
    void answersACommentOnceWithAPrivateReply() {
        String commenter = ig.createUser("Sam", "Commenter");
        String comment = ig.userComments(commenter, "How much is the hat?");
        InstagramMessenger messenger = graph.instagramMessenger(page.token());
        assertEquals(commenter, messenger.privateReply(comment, Message.text("It is 20 EUR; want a link?"))
                .recipientId().orElseThrow());
        assertEquals("comment:" + comment, ig.conversation(commenter).entries().get(0).payload());
        InvalidRequestException again = assertThrows(InvalidRequestException.class,
                () -> messenger.privateReply(comment, Message.text("Hello again")));
        assertEquals(2534025, again.error().subcode());

        String old = ig.userComments(commenter, "and the scarf?");
        clock.advance(Duration.ofDays(8));
        assertEquals(2534025, assertThrows(InvalidRequestException.class,
                () -> messenger.privateReply(old, Message.text("late"))).error().subcode());
    }

    @Test
    void tellsTheAppAboutACommentItCanAnswerPrivately() {
        page.subscribeApp("messages"); // any Page field will do
        TestInstagramAccount.CommentDelivery posted = ig.commentAndNotify(igsid, "Is the hat back in stock?");
        assertTrue(posted.delivery().delivered(), posted.delivery().detail());
        WebhookEvent change = WebhookParser.create().parse(deliveries.get(0)).events().get(0);
        InstagramComment comment = InstagramComment.of((ChangeEvent) change).orElseThrow();
        assertEquals(posted.id(), comment.id());
        assertEquals(igsid, comment.fromId());
        assertEquals(ig.id(), comment.accountId());
        assertEquals("Is the hat back in stock?", comment.text());
        graph.instagramMessenger(page.token()).privateReply(comment.id(), Message.text("It is!"));
        assertEquals(List.of("It is!"), ig.conversation(igsid).replies());
    }

    @Test
    void keepsIceBreakersApartFromThePageProfile() {
        graph.instagramProfile().set(page.token(), MessengerProfile.empty().withIceBreakers(
                new MessengerProfile.IceBreakers("default", List.of(new MessengerProfile.IceBreaker("Hours?", "HOURS")))));
        assertTrue(ig.messengerProfile().containsKey("ice_breakers"));
        assertFalse(page.messengerProfile().containsKey("ice_breakers"));
        assertEquals("HOURS", graph.instagramProfile().get(page.token()).iceBreakers().get(0).questions().get(0)
                .payload());
    }

    @Test
    void instagramLoginExchangesRefreshesAndSends() {
        InstagramLoginClient login = InstagramLoginClient.builder(emulator.appId(), emulator.appSecret())
                .graphBaseUrl(URI.create(emulator.instagramGraphUrl()))
                .authBaseUrl(URI.create(emulator.instagramApiUrl())).clock(clock).build();
        String code = emulator.instagramLoginCode(ig, "instagram_business_manage_messages");
        InstagramLoginToken short1 = login.exchangeCode(code + "#_", "https://bot.example/ig");
        assertEquals(ig.id(), short1.userId());
        assertTrue(short1.permissions().contains("instagram_business_manage_messages"));
        assertThrows(RuntimeException.class, () -> login.exchangeCode(code, "https://bot.example/ig"), "single use");

        LongLivedToken longLived = login.exchangeForLongLivedToken(short1.accessToken());
        assertEquals(ig.id(), login.me(longLived.accessToken()).id());
        assertThrows(InvalidRequestException.class, () -> login.refresh(longLived.accessToken()), "too young");
        clock.advance(Duration.ofDays(2));
        LongLivedToken refreshed = login.refresh(longLived.accessToken());
        assertTrue(refreshed.expiresAt().orElseThrow().isAfter(clock.instant().plus(Duration.ofDays(59))));

        page.subscribeApp("messages");
        ig.userSends(igsid, "Hi via Instagram Login");
        login.subscribeWebhooks(refreshed.accessToken(), List.of("messages"));
        assertTrue(login.messenger(refreshed.accessToken()).sendText(igsid, "Hello!").messageId().isPresent());
        assertEquals("Hello!", ig.conversation(igsid).lastReply().orElseThrow().text());

        String noMessaging = emulator.instagramLoginCode(ig);
        AccessToken basicOnly = login.exchangeCode(noMessaging, "https://bot.example/ig").accessToken();
        assertThrows(PermissionMissingException.class, () -> login.messenger(basicOnly).sendText(igsid, "x"));
    }
}
