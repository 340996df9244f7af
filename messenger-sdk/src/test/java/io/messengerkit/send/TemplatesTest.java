package io.messengerkit.send;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TemplatesTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    private PageMessenger messenger;

    @BeforeEach
    void setUp() {
        messenger = GraphTestSupport.client(wm).messenger(TestSecrets.PAGE_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages"))
                .willReturn(okJson("{\"recipient_id\":\"psid-1\",\"message_id\":\"m_abc\"}")));
    }

    private void sendsPayload(Template template, String payloadJson) {
        messenger.send(SendRequest.to("psid-1", Message.of(Attachment.template(template))));
        wm.verify(postRequestedFor(urlPathEqualTo("/v26.0/me/messages")).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"psid-1\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"attachment\":"
                        + "{\"type\":\"template\",\"payload\":" + payloadJson + "}}}", false, false)));
    }

    @Test
    void mediaTemplateSendsUploadedAttachmentWithButtons() {
        sendsPayload(MediaTemplate.of(MediaTemplate.MediaType.IMAGE, "att-1", Button.url("Shop", "https://shop.test")),
                "{\"template_type\":\"media\",\"elements\":[{\"media_type\":\"image\",\"attachment_id\":\"att-1\","
                        + "\"buttons\":[{\"type\":\"web_url\",\"title\":\"Shop\",\"url\":\"https://shop.test\"}]}]}");
    }

    @Test
    void mediaTemplateRefusesExternalUrls() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> new MediaTemplate(
                MediaTemplate.MediaType.VIDEO, null, "https://cdn.example.test/v.mp4", List.of(), false));
        assertTrue(e.getMessage().contains("facebook.com"));
        new MediaTemplate(MediaTemplate.MediaType.VIDEO, null, "https://www.facebook.com/page/videos/1", List.of(), false);
    }

    @Test
    void receiptTemplateCarriesSummaryItemsAndAddress() {
        ReceiptTemplate receipt = ReceiptTemplate.builder().recipientName("Ada").orderNumber("A-1").currency("EUR")
                .paymentMethod("Visa 2345").timestamp(1_700_000_000L)
                .address(new ReceiptTemplate.Address("1 Main St", null, "Paris", "75001", "IDF", "FR"))
                .item(new ReceiptTemplate.Item("Shirt", "white", 2, new BigDecimal("25.00"), null))
                .adjustment(new ReceiptTemplate.Adjustment("Promo", new BigDecimal("-5")))
                .summary(new ReceiptTemplate.Summary(new BigDecimal("50.00"), null, null, new BigDecimal("45.00")))
                .build();
        sendsPayload(receipt, "{\"template_type\":\"receipt\",\"recipient_name\":\"Ada\",\"order_number\":\"A-1\","
                + "\"currency\":\"EUR\",\"payment_method\":\"Visa 2345\",\"timestamp\":\"1700000000\","
                + "\"address\":{\"street_1\":\"1 Main St\",\"city\":\"Paris\",\"postal_code\":\"75001\",\"state\":\"IDF\","
                + "\"country\":\"FR\"},\"summary\":{\"subtotal\":50.00,\"total_cost\":45.00},"
                + "\"adjustments\":[{\"name\":\"Promo\",\"amount\":-5}],"
                + "\"elements\":[{\"title\":\"Shirt\",\"subtitle\":\"white\",\"quantity\":2,\"price\":25.00,"
                + "\"currency\":\"EUR\"}]}");
    }

    @Test
    void receiptTemplateNeedsACurrencyCode() {
        assertThrows(InvalidMessageException.class, () -> ReceiptTemplate.builder().recipientName("Ada")
                .orderNumber("1").currency("euro").paymentMethod("cash")
                .summary(new ReceiptTemplate.Summary(null, null, null, BigDecimal.ONE)).build());
    }

    @Test
    void productTemplateListsCatalogIdsUpToTen() {
        sendsPayload(ProductTemplate.of("p1", "p2"),
                "{\"template_type\":\"product\",\"elements\":[{\"id\":\"p1\"},{\"id\":\"p2\"}]}");
        assertThrows(InvalidMessageException.class, () -> ProductTemplate.of(
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"));
    }

    @Test
    void couponTemplateNeedsACodeWithoutSpacesOrAUrl() {
        sendsPayload(new CouponTemplate("10% off", "this week", "SAVE10", null, null, "Here you go", null, "c1"),
                "{\"template_type\":\"coupon\",\"title\":\"10% off\",\"subtitle\":\"this week\","
                        + "\"coupon_code\":\"SAVE10\",\"coupon_pre_message\":\"Here you go\",\"payload\":\"c1\"}");
        assertThrows(InvalidMessageException.class, () -> CouponTemplate.withCode("Deal", "SAVE 10"));
        assertThrows(InvalidMessageException.class,
                () -> new CouponTemplate("Deal", null, null, null, null, null, null, null));
    }

    @Test
    void customerFeedbackTemplateHasOneScreenOneQuestionAndPrivacyUrl() {
        CustomerFeedbackTemplate feedback = CustomerFeedbackTemplate.of("Rate us", "Rate",
                CustomerFeedbackTemplate.Question.of("q1", CustomerFeedbackTemplate.ScoreType.CSAT)
                        .withFollowUp("Tell us more"), "https://example.test/privacy");
        sendsPayload(feedback, "{\"template_type\":\"customer_feedback\",\"title\":\"Rate us\",\"button_title\":\"Rate\","
                + "\"feedback_screens\":[{\"questions\":[{\"id\":\"q1\",\"type\":\"csat\","
                + "\"follow_up\":{\"type\":\"free_form\",\"placeholder\":\"Tell us more\"}}]}],"
                + "\"business_privacy\":{\"url\":\"https://example.test/privacy\"},\"expires_in_days\":1}");
        assertThrows(InvalidMessageException.class, () -> new CustomerFeedbackTemplate("x".repeat(66), null, "Rate",
                feedback.question(), "https://example.test/p", 1));
        assertThrows(InvalidMessageException.class, () -> new CustomerFeedbackTemplate("Rate", null, "Rate",
                feedback.question(), "https://example.test/p", 8));
        assertThrows(InvalidMessageException.class,
                () -> CustomerFeedbackTemplate.Question.of("has space", CustomerFeedbackTemplate.ScoreType.NPS));
    }

    @Test
    void imageGridHasTwoToSixImagesAndOneHeroAtMost() {
        ImageGridTemplate grid = new ImageGridTemplate(List.of(
                new ImageGridTemplate.Image("https://img.test/1.jpg", true, Button.url("Open", "https://x.test")),
                new ImageGridTemplate.Image("https://img.test/2.jpg", false, Button.postback("Pick", "P2"))),
                "Pick one", null, List.of(Button.postback("More", "MORE")));
        sendsPayload(grid, "{\"template_type\":\"image_grid\",\"elements\":[{\"title\":\"Pick one\",\"images\":["
                + "{\"url\":\"https://img.test/1.jpg\",\"is_hero_image\":true,\"action\":{\"type\":\"web_url\","
                + "\"url\":\"https://x.test\"}},{\"url\":\"https://img.test/2.jpg\",\"action\":{\"type\":\"postback\","
                + "\"payload\":\"P2\",\"text\":\"Pick\"}}],\"buttons\":[{\"type\":\"postback\",\"title\":\"More\","
                + "\"payload\":\"MORE\"}]}]}");
        assertThrows(InvalidMessageException.class, () -> ImageGridTemplate.of(ImageGridTemplate.Image.of("https://a.test/1")));
        assertThrows(InvalidMessageException.class, () -> new ImageGridTemplate(List.of(
                new ImageGridTemplate.Image("https://a.test/1", true, null),
                new ImageGridTemplate.Image("https://a.test/2", true, null)), null, null, List.of()));
        assertThrows(InvalidMessageException.class, () -> new ImageGridTemplate(List.of(
                ImageGridTemplate.Image.of("https://a.test/1"), ImageGridTemplate.Image.of("https://a.test/2")),
                "t", null, List.of(Button.call("Call", "+15105551234"))));
    }

    @Test
    void everyButtonTypeHasMetasShape() {
        sendsPayload(ButtonTemplate.of("Account", Button.accountLink("https://login.test/auth"), Button.accountUnlink(),
                        Button.gamePlay("Play", "lvl1", null, "ctx-9")),
                "{\"template_type\":\"button\",\"text\":\"Account\",\"buttons\":["
                        + "{\"type\":\"account_link\",\"url\":\"https://login.test/auth\"},{\"type\":\"account_unlink\"},"
                        + "{\"type\":\"game_play\",\"title\":\"Play\",\"payload\":\"lvl1\","
                        + "\"game_metadata\":{\"context_id\":\"ctx-9\"}}]}");
        assertThrows(InvalidMessageException.class, () -> Button.accountLink("http://login.test"));
        assertThrows(InvalidMessageException.class, () -> Button.gamePlay("Play", null, "p", "c"));
    }

    @Test
    void rawTemplateIsSentAsWritten() {
        sendsPayload(RawTemplate.of("{\"template_type\":\"instant_form\",\"form_id\":\"F1\"}"),
                "{\"template_type\":\"instant_form\",\"form_id\":\"F1\"}");
        assertEquals("instant_form", RawTemplate.of("{\"template_type\" : \"instant_form\"}").templateType());
        assertThrows(InvalidMessageException.class, () -> RawTemplate.of("{\"form_id\":\"F1\"}"));
    }

    @Test
    void malformedRawTemplateFailsBeforeAnyCall() {
        RawTemplate broken = new RawTemplate("custom", "{not json");
        assertThrows(InvalidMessageException.class,
                () -> messenger.send(SendRequest.to("psid-1", Message.of(Attachment.template(broken)))));
        assertEquals(0, wm.getAllServeEvents().size());
    }
}
