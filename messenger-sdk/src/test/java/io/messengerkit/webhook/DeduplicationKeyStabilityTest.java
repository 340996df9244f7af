package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the de-duplication key of one event of every kind. Keys outlive the process (a database
 * ledger keeps them), so a release that computed other keys would run every redelivery of the
 * previous release's events a second time.
 */
class DeduplicationKeyStabilityTest {
    private static final Envelope PAGE = new Envelope("page", "p1", "u1", null, "p1", 1_700_000_000_000L, false);
    private static final Envelope STANDBY = new Envelope("page", "p1", "u1", "ref-u", "p1", 1_700_000_000_001L, true);
    private static final Referral AD =
            new Referral("r", "ADS", "OPEN_THREAD", "ad-1", "https://m.me/x", "{\"ad_title\":\"t\"}");
    private static final Attachment IMAGE = new Attachment("image", "https://cdn/x.png", null, null, null, null,
            "{\"url\":\"https://cdn/x.png\"}");

    static Map<String, WebhookEvent> oneOfEachKind() {
        Map<String, WebhookEvent> events = new LinkedHashMap<>();
        events.put("message", new MessageEvent(PAGE, null, "hi", "QR", "m_0", List.of(IMAGE), false, false, AD));
        events.put("echo", new EchoEvent(PAGE, null, "hello", "123", "meta", List.of(IMAGE)));
        events.put("delivery", new DeliveryEvent(PAGE, List.of("m_1", "m_2"), 42));
        events.put("read", new ReadEvent(PAGE, 42, "m_ig"));
        events.put("postback", new PostbackEvent(PAGE, null, "Start", "GET_STARTED", AD));
        events.put("referral", new ReferralEvent(STANDBY, AD));
        events.put("optin", new OptinEvent(PAGE, "notification_messages", "ref", "uref", "pl", "title", "tok",
                "UTC", "RESUME_NOTIFICATIONS", 1_800_000_000_000L, "NOT_REFRESHED", "otn"));
        events.put("account_linking", new AccountLinkingEvent(PAGE, "linked", "code"));
        events.put("reaction", new ReactionEvent(PAGE, "love", "\u2764", "react", "m_3"));
        events.put("message_edit", new MessageEditEvent(PAGE, null, "edited", 2));
        events.put("pass_thread_control", new PassThreadControlEvent(PAGE, "1", "2", "meta"));
        events.put("take_thread_control", new TakeThreadControlEvent(PAGE, "2", "1", "meta"));
        events.put("request_thread_control", new RequestThreadControlEvent(PAGE, "3", "meta"));
        events.put("app_roles", new AppRolesEvent(PAGE, Map.of("9", List.of("primary_receiver"), "8", List.of())));
        events.put("policy_enforcement", new PolicyEnforcementEvent(PAGE, "block", "spam"));
        events.put("unknown", new UnknownEvent(PAGE, "game_play", "{\"game_play\":{}}"));
        events.put("unparseable", new UnparseableEvent(PAGE, "sender is not an object", "{\"sender\":1}"));
        return events;
    }

    @Test
    void everyKindKeepsTheKeyItHadBefore() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("message", "d:pU4McACyD1g8RhRcMxrFYyqvsrUI23NFljUk1fkcFfM");
        expected.put("echo", "d:drDShXblVJcK4pxFGSvJVv284qw9EkCEnDSA-ol3csI");
        expected.put("delivery", "v:p1:u1:42:1700000000000");
        expected.put("read", "d:SIX5ioN0JuMoNDEQbYLnwcGyVOPhK0I8PIPoc3G2Ag8");
        expected.put("postback", "d:PTdBoEMceRhfJccmo1BxNNHqNO7BDfrIrbIpMik7ym8");
        expected.put("referral", "d:6b6lCu6L2dSUtyLX306N7TnQrk7wtQU65ZCvMYEYp6w");
        expected.put("optin", "d:wBO-85BCyGu9b6zxFNtIsk8pm6jFGZzDRBzvH3T6YRE");
        expected.put("account_linking", "d:HhY747NvDfzlHbUGFrgadWzn8cGAfCM42sVOeWyc3Y8");
        expected.put("reaction", "d:OeV1tEW-W6X-w9c9XxPVvHGfizSlNTRtL-c1cxJ0bDE");
        expected.put("message_edit", "d:T8YWp4yJVY97BSKRZ7rp9nu6W24gtzGG72dhgIW0d74");
        expected.put("pass_thread_control", "d:nBc0_9xbO5niwtojU2Izhi7k22ye4imJ0IkQu1Tky3M");
        expected.put("take_thread_control", "d:HRk6y0biZUea352agvsetB8vOD1N5vXfzWqqaFjpf3M");
        expected.put("request_thread_control", "d:NyFe64SiW0I5JY-ROQHbeQZt-60uwFK0JixBb-HZDEI");
        expected.put("app_roles", "d:UncLcAuLaHY_L2W-keRRpmGBSs0cqhQ8A_98BA_ZCsk");
        expected.put("policy_enforcement", "d:wSipihqq4fJlYmV_4oE9cH1LXaJmLDgoNsHDE1xLRkw");
        expected.put("unknown", "d:pzsQ7m-ls2on-z575tZNH95MUaQWPDO9dVMEEo2fmso");
        expected.put("unparseable", "d:KC-akXBCJE7OIv_xKRYmvIoCXyUYeO5C3_UjEDlW5TU");
        Map<String, String> actual = new LinkedHashMap<>();
        oneOfEachKind().forEach((kind, event) -> actual.put(kind, DeduplicationKeys.of(event)));
        assertEquals(expected, actual);
    }

    @Test
    void eventsWithAnIdentifyingMidKeepTheirReadableKeys() {
        assertEquals("e:m_9", DeduplicationKeys.of(new EchoEvent(PAGE, "m_9", "hello", "123", null, List.of())));
        assertEquals("p:m_8", DeduplicationKeys.of(new PostbackEvent(PAGE, "m_8", "Start", "GET_STARTED", null)));
        assertEquals("m:m_7", DeduplicationKeys.of(new MessageEvent(PAGE, "m_7", "hi", null, null, List.of(), false,
                false, AD)));
    }
}
