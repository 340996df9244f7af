package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.AttachmentUpload;
import io.messengerkit.graph.ConversationRouting;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.InvalidRequestException;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.Persona;
import io.messengerkit.graph.SecondaryReceiver;
import io.messengerkit.graph.ThreadControlledElsewhereException;
import io.messengerkit.graph.UploadedAttachment;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.CouponTemplate;
import io.messengerkit.send.CustomerFeedbackTemplate;
import io.messengerkit.send.GenericTemplate;
import io.messengerkit.send.ImageGridTemplate;
import io.messengerkit.send.MediaAttachment.MediaType;
import io.messengerkit.send.MediaTemplate;
import io.messengerkit.send.Message;
import io.messengerkit.send.MessageTag;
import io.messengerkit.send.MessagingWindowClosedException;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.ProductTemplate;
import io.messengerkit.send.RawTemplate;
import io.messengerkit.send.ReceiptTemplate;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.Template;
import io.messengerkit.testkit.support.WebhookReceiver;
import io.messengerkit.webhook.HandoffSignal;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.event.WebhookEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads, templates, the messaging window, conversation routing and personas: the SDK against the emulator. */
class MessengerBreadthOnEmulatorTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
    private PlatformEmulator emulator;
    private WebhookReceiver receiver;
    private GraphClient graph;
    private TestPage page;
    private TestCustomer customer;
    private AccessToken token;
    private PageMessenger messenger;

    private void start(PlatformEmulator.Builder builder) {
        receiver = new WebhookReceiver();
        emulator = builder.clock(clock).webhookCallback(receiver.uri()).start();
        graph = GraphClient.builder(MessengerConfig.builder().appId(emulator.appId()).appSecret(emulator.appSecret())
                .baseUrl(emulator.baseUrl()).retryPolicy(RetryPolicy.none()).build()).clock(clock).build();
        page = emulator.createPage(emulator.createUser("Ada Lovelace"), "Shop");
        page.subscribeApp("messages", "messaging_postbacks", "message_echoes", "messaging_handovers", "standby");
        customer = page.createCustomer("Grace", "Hopper");
        customer.sends("hello");
        receiver.take();
        token = page.token();
        messenger = graph.messenger(token);
    }

    @BeforeEach
    void startDefault() {
        start(PlatformEmulator.builder());
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.close();
    }

    private void restart(PlatformEmulator.Builder builder) {
        stop();
        start(builder);
    }

    private static List<WebhookEvent> events(WebhookReceiver.Received delivery) {
        return WebhookParser.create().parse(delivery.body()).events();
    }

    // ---------------------------------------------------------------- attachment upload

    @Test
    void uploadedFileIsSentByIdAndTheIdIsPrivateToThePage() {
        UploadedAttachment logo = graph.attachments().upload(token,
                AttachmentUpload.ofBytes(MediaType.IMAGE, new byte[] {1, 2, 3, 4}, "logo.png", "image/png"));
        messenger.send(SendRequest.to(customer.psid(), Message.of(logo.asAttachment())));
        messenger.send(SendRequest.to(customer.psid(), Message.of(logo.asAttachment())));
        assertEquals(2, customer.conversation().outbound().size());

        TestPage other = emulator.createPage(emulator.createUser("Bob"), "Other");
        TestCustomer stranger = other.createCustomer("Tim", "Berners");
        stranger.sends("hi");
        InvalidRequestException foreign = assertThrows(InvalidRequestException.class, () -> graph.messenger(other.token())
                .send(SendRequest.to(stranger.psid(), Message.of(logo.asAttachment()))));
        assertEquals(2018074, foreign.subcode());

        InvalidRequestException mismatch = assertThrows(InvalidRequestException.class, () -> messenger.send(
                SendRequest.to(customer.psid(), Message.of(Attachment.saved(MediaType.VIDEO, logo.attachmentId())))));
        assertEquals(2018047, mismatch.subcode());
    }

    @Test
    void aReusableSendReturnsAnIdTheNextSendCanUse() {
        String id = messenger.send(SendRequest.to(customer.psid(), Message.of(
                Attachment.image("https://cdn.example.test/a.png").asReusable()))).attachmentId().orElseThrow();
        messenger.send(SendRequest.to(customer.psid(), Message.of(Attachment.saved(MediaType.IMAGE, id))));
        assertEquals(2, customer.conversation().outbound().size());
    }

    @Test
    void urlUploadThatMetaCannotFetchFails() {
        assertEquals(MediaType.VIDEO, graph.attachments().upload(token,
                AttachmentUpload.fromUrl(MediaType.VIDEO, "https://cdn.example.test/clip.mp4")).type());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> graph.attachments().upload(token,
                AttachmentUpload.fromUrl(MediaType.IMAGE, "https://host.invalid/a.png")));
        assertEquals(2018008, e.subcode());
    }

    @Test
    void oversizedUploadIsRefusedWithMetasSubcode() {
        restart(PlatformEmulator.builder().maxUploadBytes(1024));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> graph.attachments().upload(token,
                AttachmentUpload.ofBytes(MediaType.FILE, new byte[4096], "big.bin", "application/octet-stream")));
        assertEquals(2018109, e.subcode());
        graph.attachments().upload(token, AttachmentUpload.ofBytes(MediaType.FILE, new byte[512], "ok.bin",
                "application/octet-stream"));
    }

    @Test
    void emulatorRefusesAFileWhoseTypeDoesNotFit() {
        // Bypass the SDK's own check with a FILE upload of an image type, then a raw multipart with a mismatch.
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n"
                + "{\"attachment\":{\"type\":\"audio\",\"payload\":{\"is_reusable\":true}}}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"filedata\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        var answer = io.messengerkit.testkit.support.Http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(emulator.baseUrl() + "/v26.0/me/message_attachments"))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(400, answer.status());
        assertEquals(2018047, answer.error().get("error_subcode").asInt());
    }

    // ---------------------------------------------------------------- templates

    @Test
    void everyTemplateTypeIsAcceptedWhenValid() {
        UploadedAttachment video = graph.attachments().upload(token,
                AttachmentUpload.ofBytes(MediaType.VIDEO, new byte[] {9, 9}, "v.mp4", "video/mp4"));
        List<Template> templates = List.of(
                GenericTemplate.of(new GenericTemplate.Element("Shirt", "white", null, null, List.of())),
                ButtonTemplate.of("Pick", Button.postback("A", "A"), Button.accountLink("https://login.test/a")),
                MediaTemplate.of(MediaTemplate.MediaType.VIDEO, video.attachmentId(), Button.url("Shop", "https://s.test")),
                ReceiptTemplate.builder().recipientName("Ada").orderNumber("1").currency("USD").paymentMethod("Visa")
                        .summary(new ReceiptTemplate.Summary(null, null, null, BigDecimal.TEN)).build(),
                ProductTemplate.of("prod-1"),
                CouponTemplate.withCode("10% off", "SAVE10"),
                CustomerFeedbackTemplate.of("Rate us", "Rate", CustomerFeedbackTemplate.Question.of("q1",
                        CustomerFeedbackTemplate.ScoreType.NPS), "https://shop.test/privacy"),
                ImageGridTemplate.of(ImageGridTemplate.Image.of("https://i.test/1"), ImageGridTemplate.Image.of("https://i.test/2")),
                RawTemplate.of("{\"template_type\":\"instant_form\",\"form_id\":\"F1\"}"));
        for (Template t : templates) {
            messenger.send(SendRequest.to(customer.psid(), Message.of(Attachment.template(t))));
        }
        assertEquals(templates.size(), customer.conversation().outbound().size());
    }

    @Test
    void brokenRawTemplatesAreRefusedByTheEmulatorAsByMeta() {
        InvalidRequestException grid = assertThrows(InvalidRequestException.class, () -> messenger.send(SendRequest.to(
                customer.psid(), Message.of(Attachment.template(RawTemplate.of("{\"template_type\":\"image_grid\","
                        + "\"elements\":[{\"images\":[{\"url\":\"https://i.test/1\"}]}]}"))))));
        assertTrue(grid.getMessage().contains("images"), grid.getMessage());
        assertThrows(InvalidRequestException.class, () -> messenger.send(SendRequest.to(customer.psid(),
                Message.of(Attachment.template(RawTemplate.of("{\"template_type\":\"list\",\"elements\":[]}"))))));
        assertThrows(InvalidRequestException.class, () -> messenger.send(SendRequest.to(customer.psid(),
                Message.of(Attachment.template(RawTemplate.of("{\"template_type\":\"media\",\"elements\":[{"
                        + "\"media_type\":\"image\",\"url\":\"https://cdn.example.test/a.png\"}]}"))))));
    }

    // ---------------------------------------------------------------- the messaging window

    @Test
    void outsideTheWindowTheSdkRefusesFirstAndTheEmulatorAgrees() {
        MessagingWindowPolicy policy = MessagingWindowPolicy.builder().clock(clock).humanAgentEnabled(true).build();
        policy.store().recordInbound(page.id(), customer.psid(), clock.instant());
        PageMessenger guarded = policy.guard(page.id(), messenger);
        clock.advance(Duration.ofHours(30));

        int before = emulator.requests().size();
        assertThrows(MessagingWindowClosedException.class,
                () -> guarded.send(SendRequest.to(customer.psid(), Message.text("late"))));
        assertEquals(before, emulator.requests().size(), "no Graph call was made");
        OutsideMessagingWindowException meta = assertThrows(OutsideMessagingWindowException.class,
                () -> messenger.send(SendRequest.to(customer.psid(), Message.text("late"))));
        assertEquals(2018278, meta.subcode());

        guarded.send(SendRequest.to(customer.psid(), Message.text("An agent here")).withTag(MessageTag.HUMAN_AGENT));
        assertEquals("An agent here", customer.conversation().lastReply().orElseThrow().text());
    }

    @Test
    void withoutTheHumanAgentFeatureTheTagDoesNotExtendTheWindow() {
        restart(PlatformEmulator.builder().humanAgentFeature(false));
        clock.advance(Duration.ofHours(30));
        OutsideMessagingWindowException e = assertThrows(OutsideMessagingWindowException.class, () -> messenger.send(
                SendRequest.to(customer.psid(), Message.text("agent")).withTag(MessageTag.HUMAN_AGENT)));
        assertEquals(2018278, e.subcode());
    }

    @Test
    void customerFeedbackTagCarriesOnlyTheSurveyForSevenDays() {
        clock.advance(Duration.ofDays(3));
        CustomerFeedbackTemplate survey = CustomerFeedbackTemplate.of("Rate us", "Rate",
                CustomerFeedbackTemplate.Question.of("q1", CustomerFeedbackTemplate.ScoreType.CSAT), "https://p.test/");
        messenger.send(SendRequest.to(customer.psid(), Message.of(Attachment.template(survey)))
                .withTag(MessageTag.CUSTOMER_FEEDBACK));
        assertThrows(InvalidRequestException.class, () -> messenger.send(SendRequest.to(customer.psid(), Message.text("rate?"))
                .withTag(MessageTag.CUSTOMER_FEEDBACK)));
        clock.advance(Duration.ofDays(5));
        assertThrows(OutsideMessagingWindowException.class, () -> messenger.send(SendRequest.to(customer.psid(),
                Message.of(Attachment.template(survey))).withTag(MessageTag.CUSTOMER_FEEDBACK)));
    }

    // ---------------------------------------------------------------- conversation routing

    @Test
    void passingToThePageInboxSilencesTheAppUntilControlComesBack() {
        ConversationRouting routing = graph.routing();
        routing.passThreadControl(token, customer.psid(), ConversationRouting.PAGE_INBOX_APP_ID, "wants a human");
        assertTrue(routing.threadOwner(token, customer.psid()).orElseThrow()
                .isOwnedBy(ConversationRouting.PAGE_INBOX_APP_ID));
        ThreadControlledElsewhereException refused = assertThrows(ThreadControlledElsewhereException.class,
                () -> messenger.sendText(customer.psid(), "bot again"));
        assertEquals(2018300, refused.subcode());

        customer.sends("is anyone there?");
        WebhookReceiver.Received standby = receiver.take();
        assertTrue(new String(standby.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"standby\""));
        assertTrue(events(standby).get(0).envelope().standby());

        emulator.pageInboxReplies(page.id(), customer.psid(), "Hi, Sam from support here");
        HandoffSignal human = HandoffSignal.of(events(receiver.take()).get(0), emulator.appId()).orElseThrow();
        assertEquals(HandoffSignal.Kind.HUMAN_REPLIED, human.kind());
        assertEquals(customer.psid(), human.psid());

        emulator.threadControlPassedBack(page.id(), customer.psid(), "resolved");
        HandoffSignal back = HandoffSignal.of(events(receiver.take()).get(0), emulator.appId()).orElseThrow();
        assertEquals(HandoffSignal.Kind.CONTROL_RETURNED, back.kind());
        messenger.sendText(customer.psid(), "bot again");
        assertEquals(List.of("Hi, Sam from support here", "bot again"), customer.conversation().replies());
    }

    @Test
    void anotherAppTakingTheThreadIsSignalledAndTakingItBackWorks() {
        emulator.connectApp("777000777", "Helpdesk");
        emulator.otherAppTakesThreadControl(page.id(), customer.psid(), "777000777", "escalated");
        HandoffSignal left = HandoffSignal.of(events(receiver.take()).get(0), emulator.appId()).orElseThrow();
        assertEquals(HandoffSignal.Kind.CONTROL_LEFT, left.kind());
        assertEquals("777000777", left.appId());
        assertEquals(List.of(new SecondaryReceiver(ConversationRouting.PAGE_INBOX_APP_ID, "Page Inbox"),
                new SecondaryReceiver("777000777", "Helpdesk")), graph.routing().secondaryReceivers(token));
        assertThrows(ThreadControlledElsewhereException.class,
                () -> graph.routing().releaseThreadControl(token, customer.psid(), null));

        graph.routing().takeThreadControl(token, customer.psid(), "back to the bot");
        graph.routing().extendThreadControl(token, customer.psid(), Duration.ofDays(3));
        graph.routing().releaseThreadControl(token, customer.psid(), null);
        assertFalse(graph.routing().threadOwner(token, customer.psid()).isPresent());
        messenger.sendText(customer.psid(), "hello again");
    }

    @Test
    void threadControlLapsesAfterADayWithoutActivityUnlessExtended() {
        emulator.connectApp("777000777", "Helpdesk");
        emulator.otherAppTakesThreadControl(page.id(), customer.psid(), "777000777", null);
        receiver.take();
        clock.advance(Duration.ofHours(23));
        customer.sends("still there?");                        // activity keeps the Helpdesk in control
        receiver.take();
        clock.advance(Duration.ofHours(23));
        assertEquals("777000777", emulator.threadOwner(page.id(), customer.psid()).orElseThrow());
        clock.advance(Duration.ofHours(2));
        assertFalse(emulator.threadOwner(page.id(), customer.psid()).isPresent(), "idle after 24 h without activity");

        graph.routing().takeThreadControl(token, customer.psid(), null);
        graph.routing().extendThreadControl(token, customer.psid(), Duration.ofDays(3));
        clock.advance(Duration.ofDays(2));
        assertTrue(graph.routing().threadOwner(token, customer.psid()).orElseThrow().isOwnedBy(emulator.appId()));
        assertTrue(graph.routing().threadOwner(token, customer.psid()).orElseThrow().expiration().isPresent());
        clock.advance(Duration.ofDays(2));
        assertFalse(graph.routing().threadOwner(token, customer.psid()).isPresent());
    }

    // ---------------------------------------------------------------- personas

    @Test
    void personasAreCreatedListedUsedAndDeleted() {
        String id = graph.personas().create(token, "Sam (support)", "https://pics.test/sam.jpg");
        assertEquals(List.of(new Persona(id, "Sam (support)", "https://pics.test/sam.jpg")), graph.personas().list(token));
        assertEquals("Sam (support)", graph.personas().get(token, id).name());
        messenger.send(SendRequest.to(customer.psid(), Message.text("Sam here")).withPersona(id));
        String messages = emulator.baseUrl() + "/v26.0/me/messages";
        String action = "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"persona_id\":\"" + id
                + "\",\"sender_action\":\"%s\"}";
        assertEquals(200, io.messengerkit.testkit.support.Http.postJsonBearer(messages, token.reveal(),
                action.formatted("typing_on")).status());
        assertEquals(400, io.messengerkit.testkit.support.Http.postJsonBearer(messages, token.reveal(),
                action.formatted("mark_seen")).status(), "only typing indicators take a persona");
        graph.personas().delete(token, id);
        assertTrue(graph.personas().list(token).isEmpty());
        assertThrows(InvalidRequestException.class,
                () -> messenger.send(SendRequest.to(customer.psid(), Message.text("ghost")).withPersona(id)));
    }
}
