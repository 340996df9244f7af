package io.messengerkit.jakarta;

import io.messengerkit.AccessToken;
import io.messengerkit.jakarta.error.AccessDeniedException;
import io.messengerkit.jakarta.error.ConflictException;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.NotAuthenticatedException;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.ReconnectNeededException;
import io.messengerkit.jakarta.health.SubscriptionHealthCheck;
import io.messengerkit.jakarta.link.AccountLinking;
import io.messengerkit.jakarta.persistence.HumanHandoffs;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.security.Caller;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The management API's use cases: link a Facebook account to a chatbot, link, list, unlink and
 * refresh its pages, unlink the account, read the message history, and check the subscriptions
 * and tokens. Get it from {@link MessengerBackend#management()}.
 *
 * <p>Every operation takes the {@link Caller} (see {@link #authenticate}) and refuses, before
 * anything is read, changed or asked of Meta, a chatbot the caller may not act on. Failures are
 * the backend's own exceptions ({@code io.messengerkit.jakarta.error}); Graph failures are the
 * SDK's {@code GraphException}s. Nothing returned holds a token.
 */
public final class ChatbotManagement {
    /** The largest page of message history one call returns. */
    public static final int MAX_PAGE_SIZE = 500;

    /**
     * A chatbot's linked Facebook account with its linked pages.
     *
     * @param account the account, without its token
     * @param linkedPages the pages linked now
     */
    public record AccountDetails(LinkedAccount account, List<LinkedPage> linkedPages) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param account the account, without its token
         * @param linkedPages the pages linked now
         */
        public AccountDetails {
            Objects.requireNonNull(account, "account");
            linkedPages = List.copyOf(linkedPages);
        }
    }

    /**
     * What a refresh of the pages did, and the account afterwards.
     *
     * @param outcomes what happened to each linked page
     * @param account the account and its linked pages after the refresh
     */
    public record Refresh(List<AccountLinking.PageOutcome> outcomes, AccountDetails account) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param outcomes what happened to each linked page
         * @param account the account and its linked pages after the refresh
         */
        public Refresh {
            outcomes = List.copyOf(outcomes);
            Objects.requireNonNull(account, "account");
        }
    }

    private final ChatbotAuthorizer authorizer;
    private final AccountLinking linking;
    private final MessageLog messageLog;
    private final SubscriptionHealthCheck healthCheck;
    private final io.messengerkit.jakarta.persistence.EventQueue events;
    private final Runnable wakeWorkers;
    private final HumanHandling humanHandling;

    /**
     * The conversations with a human and how an operator hands one back. Not API.
     *
     * @param handoffs the conversations with a human
     * @param takeControl takes thread control for this app (chatbot id, page id, psid)
     */
    record HumanHandling(HumanHandoffs handoffs, TakeControl takeControl) {
        /** Takes thread control of a conversation for this app. */
        @FunctionalInterface
        interface TakeControl {
            void take(String chatbotId, String pageId, String psid);
        }
    }

    ChatbotManagement(ChatbotAuthorizer authorizer, AccountLinking linking, MessageLog messageLog,
            SubscriptionHealthCheck healthCheck, io.messengerkit.jakarta.persistence.EventQueue events,
            Runnable wakeWorkers, HumanHandling humanHandling) {
        this.humanHandling = Objects.requireNonNull(humanHandling, "humanHandling");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.linking = Objects.requireNonNull(linking, "linking");
        this.messageLog = Objects.requireNonNull(messageLog, "messageLog");
        this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
        this.events = Objects.requireNonNull(events, "events");
        this.wakeWorkers = Objects.requireNonNull(wakeWorkers, "wakeWorkers");
    }

    /**
     * {@return the chatbot's events set aside (not retried automatically), newest first: reason,
     * attempts, first and last error}
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param limit the most to return
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public List<SetAsideItem> setAsideEvents(Caller caller, String chatbotId, int limit) {
        authorize(caller, chatbotId);
        Accounts accounts = accountsOf(chatbotId);
        return events.setAside(accounts.all(), limit).stream()
                .map(e -> new SetAsideItem(e, accounts.instagram().contains(e.accountId())))
                .toList();
    }

    /**
     * An event set aside and the platform of its conversation.
     *
     * @param event the event
     * @param instagram true when it came from the Instagram account of a linked page, false for Messenger
     */
    public record SetAsideItem(io.messengerkit.jakarta.persistence.EventQueue.SetAsideEvent event, boolean instagram) {
    }

    /**
     * Queues the chatbot's events set aside again: one, or all of them. A reply that already went
     * out is not sent again.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param eventId one event, or empty for all
     * @return how many were queued again
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws io.messengerkit.jakarta.error.NotFoundException when one event was named and the chatbot has no such event set aside
     */
    public int requeueEvents(Caller caller, String chatbotId, Optional<Long> eventId) {
        authorize(caller, chatbotId);
        int queued = events.requeue(accountsOf(chatbotId).all(), eventId);
        if (eventId.isPresent() && queued == 0) {
            throw new io.messengerkit.jakarta.error.NotFoundException("This chatbot has no event " + eventId.get()
                    + " set aside.");
        }
        if (queued > 0) {
            wakeWorkers.run();
        }
        return queued;
    }

    /**
     * {@return the chatbot's conversations a human (or another app) handles now, during which the bot
     * stays quiet; the most recent signal first}
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param limit the most to return
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public List<HumanHandoffs.Handoff> conversationsWithHuman(Caller caller, String chatbotId, int limit) {
        authorize(caller, chatbotId);
        return humanHandling.handoffs().activeFor(chatbotId, limit);
    }

    /**
     * Hands a conversation back to the bot: takes thread control for this app (Meta's
     * {@code take_thread_control}, so the Page inbox or another app stops handling it) and ends the
     * quiet state; the bot answers the person's next message.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the page (or Instagram account) of the conversation
     * @param psid the person
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when the chatbot has no such conversation with a human
     */
    public void handBack(Caller caller, String chatbotId, String pageId, String psid) {
        authorize(caller, chatbotId);
        Optional<HumanHandoffs.Handoff> handoff = humanHandling.handoffs().active(pageId, psid)
                .filter(h -> h.chatbotId().equals(chatbotId));
        if (handoff.isEmpty()) {
            throw new NotFoundException("This chatbot has no conversation with a human on page " + pageId
                    + " for this person.");
        }
        humanHandling.takeControl().take(chatbotId, pageId, psid);
        humanHandling.handoffs().controlReturned(pageId, psid);
    }

    /** The pages a chatbot has (or had) linked: its tenancy over events. */
    /** The accounts a chatbot's events are addressed to: its pages, and their Instagram accounts it answers. */
    private Accounts accountsOf(String chatbotId) {
        List<LinkedPage> pages = linking.linkedPages(chatbotId, true);
        java.util.Set<String> instagram = pages.stream().filter(LinkedPage::instagramMessaging)
                .flatMap(p -> p.instagram().stream()).map(io.messengerkit.jakarta.persistence.InstagramAccountInfo::id)
                .collect(java.util.stream.Collectors.toSet());
        List<String> all = java.util.stream.Stream.concat(pages.stream().map(LinkedPage::pageId), instagram.stream())
                .distinct().toList();
        return new Accounts(all, instagram);
    }

    private record Accounts(List<String> all, java.util.Set<String> instagram) {
    }

    /**
     * Asks the backend's {@link ChatbotAuthorizer} who is calling.
     *
     * @param security the request's security context (the server's authentication)
     * @param headers the request's headers (API keys)
     * @return the caller
     * @throws NotAuthenticatedException when the request carries no credentials the authorizer knows
     */
    public Caller authenticate(SecurityContext security, HttpHeaders headers) {
        return authorizer.authenticate(security, headers).orElseThrow(NotAuthenticatedException::new);
    }

    /**
     * Links the Facebook account behind a short-lived login token to a chatbot: exchanges it for a
     * long-lived token, reads the user and their pages, stores the account with the sealed token.
     * Relinking replaces the chatbot's previous account.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param shortLivedToken the short-lived user token from Facebook Login
     * @return the linked account and the pages already linked
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public AccountDetails linkAccount(Caller caller, String chatbotId, AccessToken shortLivedToken) {
        authorize(caller, chatbotId);
        return details(chatbotId, linking.link(chatbotId, shortLivedToken));
    }

    /**
     * {@return the chatbot's linked account with its status, available and linked pages}
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when the chatbot has no linked account
     */
    public AccountDetails account(Caller caller, String chatbotId) {
        authorize(caller, chatbotId);
        return details(chatbotId, linking.account(chatbotId));
    }

    /**
     * Unlinks the chatbot's account: unsubscribes and unlinks every page, deletes every token and
     * the account. Pages that cannot be unsubscribed (dead token) are still unlinked and reported.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @return what happened to each page
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when the chatbot has no linked account
     */
    public List<AccountLinking.PageOutcome> unlinkAccount(Caller caller, String chatbotId) {
        authorize(caller, chatbotId);
        return linking.unlinkAccount(chatbotId);
    }

    /**
     * Links pages of the linked user to the chatbot and subscribes each to the webhook fields.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages to link
     * @return the pages linked
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when the chatbot has no linked account
     * @throws InvalidInputException ({@code page_ids}) when a page is not the user's or the user may not message as it
     * @throws ConflictException when a page is linked to another chatbot
     * @throws ReconnectNeededException when the stored Facebook login no longer works
     */
    public List<LinkedPage> linkPages(Caller caller, String chatbotId, List<String> pageIds) {
        return linkPages(caller, chatbotId, pageIds, false);
    }

    /**
     * Links and subscribes pages, optionally enabling Instagram messaging for their connected
     * Instagram professional accounts (see {@link AccountLinking#linkPages(String, List, boolean)}).
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages
     * @param instagram whether the link covers the pages' Instagram accounts
     * @return the linked pages
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public List<LinkedPage> linkPages(Caller caller, String chatbotId, List<String> pageIds, boolean instagram) {
        authorize(caller, chatbotId);
        return linking.linkPages(chatbotId, pageIds, instagram);
    }

    /**
     * {@return the chatbot's linked pages}
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param includeUnlinked true to include pages unlinked earlier
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public List<LinkedPage> linkedPages(Caller caller, String chatbotId, boolean includeUnlinked) {
        authorize(caller, chatbotId);
        return linking.linkedPages(chatbotId, includeUnlinked);
    }

    /**
     * Unsubscribes and unlinks pages of the chatbot.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages to unlink
     * @return what happened to each page
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when a page is not linked to the chatbot (nothing is unlinked then)
     */
    public List<AccountLinking.PageOutcome> unlinkPages(Caller caller, String chatbotId, List<String> pageIds) {
        authorize(caller, chatbotId);
        return linking.unlinkPages(chatbotId, pageIds);
    }

    /**
     * Reads the user's pages again: new names and page tokens for linked pages, pages the user lost
     * marked {@code lost_access}, the list of available pages updated.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @return what happened to each linked page, and the account afterwards
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws NotFoundException when the chatbot has no linked account
     * @throws ReconnectNeededException when the stored Facebook login no longer works
     */
    public Refresh refreshPages(Caller caller, String chatbotId) {
        authorize(caller, chatbotId);
        List<AccountLinking.PageOutcome> outcomes = linking.refreshPages(chatbotId);
        return new Refresh(outcomes, details(chatbotId, linking.account(chatbotId)));
    }

    /**
     * One page of the chatbot's message history, newest first, with counts by page, status and
     * day over the whole (filtered) history.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @param pageId only this Facebook page, if given
     * @param page which page of history, from 1
     * @param pageSize turns per page, 1 to {@value #MAX_PAGE_SIZE}
     * @return the turns and the counts
     * @throws AccessDeniedException when the caller may not act on the chatbot
     * @throws InvalidInputException ({@code page}, {@code page_size}) when the paging is out of range
     */
    public MessageLog.Summary messageHistory(Caller caller, String chatbotId, Optional<String> pageId, int page,
            int pageSize) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (page < 1) {
            violations.add(new InvalidInputException.Violation("page", "must be at least 1"));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            violations.add(new InvalidInputException.Violation("page_size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        authorize(caller, chatbotId);
        return messageLog.summary(chatbotId, pageId, (page - 1) * pageSize, pageSize);
    }

    /**
     * {@return the last known status of the chatbot's account and pages, as stored by earlier checks}
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public SubscriptionHealthCheck.Status healthStatus(Caller caller, String chatbotId) {
        authorize(caller, chatbotId);
        return healthCheck.status(chatbotId);
    }

    /**
     * Checks the chatbot's subscriptions and tokens now: re-subscribes pages Meta dropped, marks
     * accounts and pages whose tokens Meta rejects as needing a new login.
     *
     * @param caller who asks
     * @param chatbotId the chatbot (tenant) id
     * @return what the check found and did
     * @throws AccessDeniedException when the caller may not act on the chatbot
     */
    public SubscriptionHealthCheck.Report checkHealth(Caller caller, String chatbotId) {
        authorize(caller, chatbotId);
        return healthCheck.run(chatbotId);
    }

    private AccountDetails details(String chatbotId, LinkedAccount account) {
        return new AccountDetails(account, linking.linkedPages(chatbotId, false));
    }

    private static void authorize(Caller caller, String chatbotId) {
        Objects.requireNonNull(caller, "caller");
        if (!caller.mayActOn(Objects.requireNonNull(chatbotId, "chatbotId"))) {
            throw new AccessDeniedException(chatbotId);
        }
    }
}
