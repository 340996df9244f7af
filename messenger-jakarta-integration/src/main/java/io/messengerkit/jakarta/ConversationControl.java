package io.messengerkit.jakarta;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.jakarta.config.ConversationSettings;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.webhook.EventOutcome;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenService;
import io.messengerkit.webhook.HandoffSignal;
import io.messengerkit.webhook.event.WebhookEvent;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Who may speak in a conversation, as the reply pipeline sees it: the messaging window (recorded from
 * the person's interactions, checked before every send) and the quiet state while a human, or another
 * app, handles the conversation.
 */
final class ConversationControl {
    private static final System.Logger LOG = System.getLogger(ConversationControl.class.getName());

    private final String appId;
    private final ConversationSettings settings;
    private final MessagingWindowPolicy windowPolicy;
    private final HumanHandoffs handoffs;
    private final ReplyTurnCache pages;
    private final LinkRepository links;
    private final TokenService tokens;
    private final GraphClient graph;

    ConversationControl(String appId, ConversationSettings settings, MessagingWindowPolicy windowPolicy,
            HumanHandoffs handoffs, ReplyTurnCache pages, LinkRepository links, TokenService tokens, GraphClient graph) {
        this.appId = appId;
        this.settings = settings;
        this.windowPolicy = windowPolicy;
        this.handoffs = handoffs;
        this.pages = pages;
        this.links = links;
        this.tokens = tokens;
        this.graph = graph;
    }

    /** {@code messenger}, checked against the messaging window before it reaches Graph (unless the check is off). */
    PageMessenger guarded(String entryId, PageMessenger messenger) {
        return settings.windowMode() == MessagingWindowPolicy.Mode.OFF ? messenger
                : windowPolicy.guard(entryId, messenger);
    }

    /**
     * What the conversation's state must know before any handler runs: a person's interaction opens
     * the messaging window; an echo without our app id, or thread control passed away or taken, puts the
     * conversation with a human; control passed back (or taken by us) ends that.
     */
    void beforeHandlers(WebhookEvent event) {
        if (event.pageId() == null) {
            return;
        }
        Optional<LinkedPage> page = pages.activePageFor(event.pageId());
        if (page.isEmpty()) {
            return;
        }
        windowPolicy.record(event);
        Optional<HandoffSignal> signal = HandoffSignal.of(event, appId);
        if (signal.isEmpty() || signal.get().psid() == null) {
            return;
        }
        HandoffSignal s = signal.get();
        if (s.humanOrOtherAppInControl()) {
            HumanHandoffs.Reason reason = switch (s.kind()) {
                case HUMAN_REPLIED -> HumanHandoffs.Reason.HUMAN_REPLIED;
                case OTHER_APP_REPLIED -> HumanHandoffs.Reason.OTHER_APP_REPLIED;
                default -> HumanHandoffs.Reason.CONTROL_LEFT;
            };
            handoffs.humanTookOver(page.get().chatbotId(), event.pageId(), s.psid(), reason, s.appId(),
                    settings.handoffQuietPeriod());
            LOG.log(Level.INFO, "Conversation of page {0} is with a human ({1}); the bot stays quiet",
                    event.pageId(), reason);
        } else if (handoffs.controlReturned(event.pageId(), s.psid())) {
            LOG.log(Level.INFO, "Conversation of page {0} came back to the bot", event.pageId());
        }
    }

    /** Why the bot stays quiet in a conversation, as stored with the turn; empty when it may answer. */
    Optional<String> quietReason(String pageId, String psid) {
        return handoffs.active(pageId, psid).map(h -> "HUMAN_HANDLING: " + switch (h.reason()) {
            case HUMAN_REPLIED -> "a person answers from the Page inbox";
            case OTHER_APP_REPLIED -> "another app answers";
            case CONTROL_LEFT -> "another app controls the thread";
        } + " (quiet until " + h.quietUntil() + ")");
    }

    /** An operator's hand-back: this app takes thread control of the conversation. */
    void takeThreadControl(String chatbotId, String pageId, String psid) {
        // Read past the reply cache: an operator acts on what is stored now.
        LinkedPage page = links.activePageFor(pageId).filter(p -> p.chatbotId().equals(chatbotId))
                .orElseThrow(() -> new EventOutcome.PageNotLinkedException(pageId));
        AccessToken token = tokens.tokenFor(TokenKey.page(page.chatbotId(), page.pageId()));
        graph.routing().takeThreadControl(token, psid, "handed back to the bot by an operator");
    }
}
