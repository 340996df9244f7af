package io.messengerkit.jakarta.link;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.error.ConflictException;
import io.messengerkit.jakarta.error.InvalidInputException;
import io.messengerkit.jakarta.error.NotFoundException;
import io.messengerkit.jakarta.error.ReconnectNeededException;
import io.messengerkit.jakarta.persistence.InstagramAccountInfo;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedAccount;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.PageAlreadyLinkedException;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenUnavailableException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The seed's linking flow: link a Facebook account to a chatbot, link and unlink its pages,
 * refresh them, unlink the account. Tokens go straight into the token service (sealed); nothing
 * this class returns holds one.
 *
 * <p>Each operation is a unit of work: first the Graph calls, then every database write of the
 * operation (account, pages, tokens) in one transaction, so a failure leaves all or nothing
 * stored. Webhook subscriptions a failed link made are undone (best effort, logged). The token
 * service must store its tokens through the same {@code JpaTransactions} as the link repository
 * for its writes to be part of the unit, as the backend wires it.
 */
public final class AccountLinking {
    private static final System.Logger LOG = System.getLogger(AccountLinking.class.getName());

    /**
     * What happened to one page in a bulk operation.
     *
     * @param pageId the page
     * @param outcome {@code linked}, {@code unlinked}, {@code renamed}, {@code unchanged}, {@code lost_access},
     *     {@code unsubscribe_failed}...
     * @param detail more words, if useful; never a token
     */
    public record PageOutcome(String pageId, String outcome, String detail) {
    }

    private final GraphPort graph;
    private final TokenService tokens;
    private final LinkRepository links;
    private final IntegrationSettings settings;

    /**
     * The linking flow over the given stores and Graph calls.
     *
     * @param graph the Graph calls
     * @param tokens the token service
     * @param links the linked accounts and pages
     * @param settings the module's settings
     */
    public AccountLinking(GraphPort graph, TokenService tokens, LinkRepository links, IntegrationSettings settings) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Links the Facebook account behind a short-lived login token to a chatbot: exchanges it for
     * a long-lived token, reads the user and their pages, and stores the account with the sealed
     * token. Relinking replaces the previous account of that chatbot.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param shortLivedToken the short-lived user token from Facebook Login
     * @return the linked account, without any token
     */
    public LinkedAccount link(String chatbotId, AccessToken shortLivedToken) {
        GraphPort.UserToken userToken = graph.exchangeForLongLivedToken(shortLivedToken);
        GraphPort.User user = graph.me(userToken.token());
        List<GraphPort.Page> pages = graph.pages(userToken.token());
        Map<String, InstagramAccountInfo> instagram = instagramAccounts(pages, userToken.token());
        LinkedAccount account = inOneTransaction(() -> {
            Optional<LinkedAccount> previous = links.account(chatbotId);
            previous.filter(p -> !p.facebookUserId().equals(user.id()))
                    .ifPresent(p -> tokens.delete(TokenKey.user(chatbotId, p.facebookUserId())));
            tokens.save(TokenKey.user(chatbotId, user.id()), userToken.token(), userToken.expiresAt(), Set.of());
            LinkedAccount saved = links.saveAccount(chatbotId, user.id(), user.name(), userToken.expiresAt(),
                    available(pages, instagram));
            // Pages already linked get the fresh page tokens of this login.
            for (GraphPort.Page page : pages) {
                if (page.token() != null && links.page(chatbotId, page.id()).filter(LinkedPage::active).isPresent()) {
                    tokens.save(TokenKey.page(chatbotId, page.id()), page.token(), Optional.empty(), Set.of());
                    links.setPageStatus(chatbotId, page.id(), LinkStatus.ACTIVE, null);
                    updateInstagram(chatbotId, page.id(), instagram.get(page.id()));
                }
            }
            return saved;
        });
        LOG.log(Level.INFO, "Linked Facebook user {0} to chatbot {1} ({2} pages available)", user.id(), chatbotId, pages.size());
        return account;
    }

    /**
     * {@return the chatbot's linked account}
     *
     * @param chatbotId the chatbot (tenant) id
     * @throws NotFoundException when the chatbot has no linked account
     */
    public LinkedAccount account(String chatbotId) {
        return links.account(chatbotId).orElseThrow(() -> new NotFoundException(
                "Chatbot '" + chatbotId + "' has no linked Facebook account."));
    }

    /**
     * Unlinks the chatbot's account: unsubscribes and unlinks its pages, deletes every token.
     * Pages that cannot be unsubscribed (dead token) are still unlinked and reported.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return what happened to each page
     */
    public List<PageOutcome> unlinkAccount(String chatbotId) {
        LinkedAccount account = account(chatbotId);
        List<PageOutcome> outcomes = new ArrayList<>();
        for (LinkedPage page : links.pages(chatbotId, false)) {
            outcomes.add(unsubscribe(chatbotId, page.pageId()));
        }
        inOneTransaction(() -> {
            outcomes.forEach(o -> forgetPage(chatbotId, o.pageId()));
            tokens.delete(TokenKey.user(chatbotId, account.facebookUserId()));
            links.deleteAccount(chatbotId);
            return null;
        });
        LOG.log(Level.INFO, "Unlinked the Facebook account of chatbot {0}", chatbotId);
        return outcomes;
    }

    /**
     * Links pages to the chatbot and subscribes each with the default and configured fields.
     * Every requested page must be one of the user's pages; a page linked to another chatbot is a
     * conflict.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages to link
     * @return the linked pages
     * @throws InvalidInputException when a page is not the user's, or the user may not message as it
     * @throws ConflictException when a page is linked to another chatbot
     * @throws ReconnectNeededException when the stored Facebook login no longer works
     */
    public List<LinkedPage> linkPages(String chatbotId, List<String> pageIds) {
        return linkPages(chatbotId, pageIds, false);
    }

    /**
     * Links pages to a chatbot and subscribes the app to their webhooks; with {@code instagram}, the
     * link also covers the messages of each page's connected Instagram professional account: its
     * {@code "object":"instagram"} deliveries reach the chatbot and are answered with the page's token.
     * That needs a connected account on every page and the permissions {@link #INSTAGRAM_PERMISSIONS}
     * on the linked login; a missing one is refused by name before anything changes.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages
     * @param instagram whether to enable Instagram messaging for the pages' connected accounts
     * @return the linked pages
     */
    public List<LinkedPage> linkPages(String chatbotId, List<String> pageIds, boolean instagram) {
        LinkedAccount account = account(chatbotId);
        AccessToken userToken = userToken(chatbotId, account);
        List<GraphPort.Page> pages = withUserToken(chatbotId, account, () -> graph.pages(userToken));
        Map<String, GraphPort.Page> byId = new LinkedHashMap<>();
        pages.forEach(p -> byId.put(p.id(), p));
        Map<String, InstagramAccountInfo> instagramAccounts = withUserToken(chatbotId, account,
                () -> instagramAccounts(pages, userToken));
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        if (instagram) {
            List<String> missing = missingInstagramPermissions(userToken);
            if (!missing.isEmpty()) {
                errors.add(new InvalidInputException.Violation("instagram", "Instagram messaging needs the permission"
                        + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + ", which the linked login did not grant; link the account again and grant "
                        + (missing.size() > 1 ? "them" : "it")));
            }
            for (String id : pageIds) {
                if (byId.containsKey(id) && !instagramAccounts.containsKey(id)) {
                    errors.add(new InvalidInputException.Violation("instagram", "page " + id
                            + " has no connected Instagram professional account"));
                }
            }
        }
        for (String id : pageIds) {
            GraphPort.Page page = byId.get(id);
            if (page == null) {
                errors.add(new InvalidInputException.Violation("page_ids", "page " + id + " is not one of the linked user's pages"));
            } else if (page.token() == null) {
                errors.add(new InvalidInputException.Violation("page_ids", "the user has no task on page " + id + " that allows messaging"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (String id : pageIds) {
            links.activePage(id).filter(p -> !p.chatbotId().equals(chatbotId)).ifPresent(p -> {
                throw new ConflictException("Page " + id + " is already linked to another chatbot; unlink it there first.");
            });
        }
        List<String> fields = settings.subscribedFields();
        // Subscriptions this call makes, undone if the link fails; pages linked here before keep theirs.
        List<String> subscribedNow = new ArrayList<>();
        try {
            for (String id : pageIds) {
                boolean linkedBefore = links.page(chatbotId, id).filter(LinkedPage::active).isPresent();
                graph.subscribe(id, byId.get(id).token(), fields);
                if (!linkedBefore && !subscribedNow.contains(id)) {
                    subscribedNow.add(id);
                }
            }
            return inOneTransaction(() -> {
                List<LinkedPage> linked = new ArrayList<>();
                for (String id : pageIds) {
                    GraphPort.Page page = byId.get(id);
                    tokens.save(TokenKey.page(chatbotId, id), page.token(), Optional.empty(), Set.of());
                    links.savePage(chatbotId, id, page.name(), page.source(), fields);
                    links.setInstagram(chatbotId, id, instagramAccounts.get(id), instagram);
                    linked.add(links.page(chatbotId, id).orElseThrow());
                }
                links.updateAvailablePages(chatbotId, available(pages, instagramAccounts));
                return linked;
            });
        } catch (PageAlreadyLinkedException e) {
            undoSubscriptions(chatbotId, subscribedNow, byId);
            String id = e.pageId();
            throw new ConflictException("Page " + id + " is already linked to another chatbot; unlink it there first.");
        } catch (RuntimeException e) {
            undoSubscriptions(chatbotId, subscribedNow, byId);
            throw e;
        }
    }

    /**
     * Unsubscribes pages whose link failed, best effort: a failure is logged, not thrown, so the
     * caller sees why the link failed. A page another chatbot holds by now keeps its subscription,
     * which is the same app's and serves that link.
     */
    private void undoSubscriptions(String chatbotId, List<String> pageIds, Map<String, GraphPort.Page> byId) {
        for (String id : pageIds) {
            try {
                Optional<LinkedPage> holder = links.activePage(id);
                if (holder.isPresent()) {
                    LOG.log(Level.INFO, "Page {0} is linked to chatbot {1}: its subscription stays", id, holder.get().chatbotId());
                    continue;
                }
                graph.unsubscribe(id, byId.get(id).token());
                LOG.log(Level.INFO, "Linking page {0} to chatbot {1} failed: its new subscription was undone", id, chatbotId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Linking page {0} to chatbot {1} failed and its subscription could not be undone ({2});"
                        + " the health check or an unlink removes it", id, chatbotId, describe(e));
            }
        }
    }

    /**
     * {@return the chatbot's linked pages (active ones, or all with {@code includeUnlinked})}
     *
     * @param chatbotId the chatbot (tenant) id
     * @param includeUnlinked true to include pages unlinked earlier
     */
    public List<LinkedPage> linkedPages(String chatbotId, boolean includeUnlinked) {
        return links.pages(chatbotId, includeUnlinked);
    }

    /**
     * Unsubscribes and unlinks pages.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageIds the pages to unlink
     * @return what happened to each page
     * @throws NotFoundException when one of the pages is not linked to the chatbot (nothing is unlinked then)
     */
    public List<PageOutcome> unlinkPages(String chatbotId, List<String> pageIds) {
        for (String id : pageIds) {
            if (links.page(chatbotId, id).filter(LinkedPage::active).isEmpty()) {
                throw new NotFoundException("Page " + id + " is not linked to chatbot '" + chatbotId + "'.");
            }
        }
        List<PageOutcome> outcomes = new ArrayList<>();
        for (String id : pageIds) {
            outcomes.add(unsubscribe(chatbotId, id));
        }
        inOneTransaction(() -> {
            outcomes.forEach(o -> forgetPage(chatbotId, o.pageId()));
            return null;
        });
        return outcomes;
    }

    /**
     * Fetches the user's pages again: updates names and page tokens of linked pages, flags linked
     * pages the user lost, and stores the new list of available pages.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return what happened to each page
     * @throws ReconnectNeededException when the stored Facebook login no longer works
     */
    public List<PageOutcome> refreshPages(String chatbotId) {
        LinkedAccount account = account(chatbotId);
        AccessToken userToken = userToken(chatbotId, account);
        List<GraphPort.Page> pages = withUserToken(chatbotId, account, () -> graph.pages(userToken));
        Map<String, GraphPort.Page> byId = new LinkedHashMap<>();
        pages.forEach(p -> byId.put(p.id(), p));
        Map<String, InstagramAccountInfo> instagram = withUserToken(chatbotId, account,
                () -> instagramAccounts(pages, userToken));
        return inOneTransaction(() -> {
            List<PageOutcome> outcomes = new ArrayList<>();
            for (LinkedPage linked : links.pages(chatbotId, false)) {
                GraphPort.Page current = byId.get(linked.pageId());
                if (current == null || current.token() == null) {
                    links.setPageStatus(chatbotId, linked.pageId(), LinkStatus.LOST_ACCESS,
                            "The linked user no longer manages this page.");
                    tokens.delete(TokenKey.page(chatbotId, linked.pageId()));
                    outcomes.add(new PageOutcome(linked.pageId(), "lost_access", null));
                    continue;
                }
                tokens.save(TokenKey.page(chatbotId, linked.pageId()), current.token(), Optional.empty(), Set.of());
                boolean renamed = !Objects.equals(current.name(), linked.name());
                if (renamed) {
                    links.renamePage(chatbotId, linked.pageId(), current.name());
                }
                if (linked.status() != LinkStatus.ACTIVE) {
                    links.setPageStatus(chatbotId, linked.pageId(), LinkStatus.ACTIVE, null);
                }
                String instagramChange = updateInstagram(chatbotId, linked.pageId(), instagram.get(linked.pageId()));
                outcomes.add(new PageOutcome(linked.pageId(), renamed ? "renamed" : "unchanged", instagramChange));
            }
            links.updateAvailablePages(chatbotId, available(pages, instagram));
            return outcomes;
        });
    }

    /** The Graph half of unlinking a page: unsubscribes it, or says why it could not. Writes nothing. */
    private PageOutcome unsubscribe(String chatbotId, String pageId) {
        TokenKey key = TokenKey.page(chatbotId, pageId);
        String detail = null;
        String outcome = "unlinked";
        try {
            AccessToken pageToken = tokens.tokenFor(key);
            graph.unsubscribe(pageId, pageToken);
        } catch (TokenUnavailableException e) {
            outcome = "unlinked_without_unsubscribe";
            detail = "no usable page token: " + e.reason();
        } catch (GraphException e) {
            outcome = "unlinked_without_unsubscribe";
            detail = "Graph error " + e.code() + e.fbtraceId().map(t -> " (fbtrace_id " + t + ")").orElse("");
        }
        return new PageOutcome(pageId, outcome, detail);
    }

    /** The database half of unlinking a page, inside the caller's unit of work. */
    private void forgetPage(String chatbotId, String pageId) {
        tokens.delete(TokenKey.page(chatbotId, pageId));
        links.unlinkPage(chatbotId, pageId);
    }

    /** Runs the writes of one operation in one transaction (joining the caller's, if any). */
    private <T> T inOneTransaction(Supplier<T> writes) {
        return links.transactions().required(em -> writes.get());
    }

    private static String describe(RuntimeException e) {
        return e instanceof GraphException g ? "Graph error " + g.code() : e.getClass().getSimpleName();
    }

    private AccessToken userToken(String chatbotId, LinkedAccount account) {
        try {
            return tokens.tokenFor(TokenKey.user(chatbotId, account.facebookUserId()));
        } catch (TokenUnavailableException e) {
            links.setAccountStatus(chatbotId, LinkStatus.RECONNECT_NEEDED, "The stored Facebook login is " + e.reason() + ".");
            throw new ReconnectNeededException("The Facebook login of chatbot '" + chatbotId
                    + "' no longer works; link the account again.");
        }
    }

    private <T> T withUserToken(String chatbotId, LinkedAccount account, Supplier<T> call) {
        try {
            return call.get();
        } catch (TokenInvalidException e) {
            inOneTransaction(() -> {
                tokens.markReconnectNeeded(TokenKey.user(chatbotId, account.facebookUserId()));
                return links.setAccountStatus(chatbotId, LinkStatus.RECONNECT_NEEDED, "Meta rejected the stored login (code "
                        + e.code() + (e.subcode() != 0 ? ", subcode " + e.subcode() : "") + ").");
            });
            throw new ReconnectNeededException("Meta rejected the Facebook login of chatbot '" + chatbotId
                    + "'; link the account again.");
        }
    }

    private static List<LinkedAccount.AvailablePage> available(List<GraphPort.Page> pages,
            Map<String, InstagramAccountInfo> instagram) {
        return pages.stream().map(p -> new LinkedAccount.AvailablePage(p.id(), p.name(), p.source(), p.category(),
                instagram.get(p.id()))).toList();
    }

    /** The permissions Instagram messaging through a Page needs on the linked login. */
    public static final List<String> INSTAGRAM_PERMISSIONS = List.of("instagram_basic", "instagram_manage_messages",
            "pages_manage_metadata", "pages_show_list");

    /**
     * The Instagram account connected to each page the user can message through, by page id. A page
     * whose account cannot be read (the login lacks {@code instagram_basic}, or Meta refuses) is left
     * out, with a log line naming the reason; an invalid login still fails the whole call.
     */
    private Map<String, InstagramAccountInfo> instagramAccounts(List<GraphPort.Page> pages, AccessToken userToken) {
        Map<String, InstagramAccountInfo> found = new LinkedHashMap<>();
        for (GraphPort.Page page : pages) {
            if (page.token() == null) {
                continue;
            }
            try {
                graph.instagramAccount(page.id(), userToken).ifPresent(ig -> found.put(page.id(), ig));
            } catch (TokenInvalidException e) {
                throw e;
            } catch (GraphException e) {
                LOG.log(Level.INFO, "The Instagram account of page {0} could not be read: Graph error {1} ({2})",
                        page.id(), e.code(), e.getClass().getSimpleName());
            }
        }
        return found;
    }

    private List<String> missingInstagramPermissions(AccessToken userToken) {
        TokenDebugInfo info = graph.debugToken(userToken);
        List<String> missing = new ArrayList<>();
        for (String permission : INSTAGRAM_PERMISSIONS) {
            if (!info.scopes().contains(permission)) {
                missing.add(permission);
            }
        }
        return missing;
    }

    /**
     * Stores the page's connected Instagram account as just read; messaging stays as it was while the
     * same account is connected, and ends when the account is gone or replaced.
     *
     * @return a note on what changed, or null
     */
    private String updateInstagram(String chatbotId, String pageId, InstagramAccountInfo current) {
        Optional<LinkedPage> page = links.page(chatbotId, pageId);
        if (page.isEmpty()) {
            return null;
        }
        Optional<InstagramAccountInfo> before = page.get().instagram();
        boolean sameAccount = current != null && before.map(b -> b.id().equals(current.id())).orElse(false);
        boolean messaging = sameAccount && page.get().instagramMessaging();
        if (Objects.equals(before.orElse(null), current) && messaging == page.get().instagramMessaging()) {
            return null;
        }
        links.setInstagram(chatbotId, pageId, current, messaging);
        if (current == null) {
            return "instagram account " + before.map(InstagramAccountInfo::id).orElse("?") + " no longer connected"
                    + (page.get().instagramMessaging() ? "; instagram messaging ended" : "");
        }
        if (!sameAccount && before.isPresent()) {
            return "instagram account changed to " + current.id()
                    + (page.get().instagramMessaging() ? "; instagram messaging ended" : "");
        }
        return before.isEmpty() ? "instagram account " + current.id() + " connected" : null;
    }
}
