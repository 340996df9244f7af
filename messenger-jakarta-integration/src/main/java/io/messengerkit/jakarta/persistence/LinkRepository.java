package io.messengerkit.jakarta.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Linked accounts and pages (tables {@code messenger_account}, {@code messenger_page}). Tokens
 * are not here: they live sealed in the token store. Every query is scoped by chatbot id, except
 * the two lookups the webhook and Meta's callbacks need (by page id, by Facebook user id).
 */
public final class LinkRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<LinkedAccount.AvailablePage>> PAGES = new TypeReference<>() {
    };

    private final JpaTransactions transactions;
    private final Clock clock;
    /** Counts the changes made through this repository (this instance), so caches of links know when to forget. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final JpaTransactions grouped;

    /**
     * The repository over {@code transactions}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock the time source
     */
    public LinkRepository(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grouped = new JpaTransactions() {
            @Override
            public <T> T required(java.util.function.Function<jakarta.persistence.EntityManager, T> work) {
                try {
                    return transactions.required(work);
                } finally {
                    changes.incrementAndGet();
                }
            }

            @Override
            public <T> T requiresNew(java.util.function.Function<jakarta.persistence.EntityManager, T> work) {
                try {
                    return transactions.requiresNew(work);
                } finally {
                    changes.incrementAndGet();
                }
            }
        };
    }

    /**
     * {@return how many changes to accounts and pages were made through this repository so far; it grows
     * after each change's transaction ends, so an in-process cache filled before a change sees a new value}
     */
    public long localChanges() {
        return changes.get();
    }

    /**
     * {@return the transactions this repository runs in, for callers that group several writes; a unit of
     * work run through them counts as a change once it has ended (after the grouped writes' commit), as a
     * change made by one of this repository's own methods does}
     */
    public JpaTransactions transactions() {
        return grouped;
    }

    /**
     * The chatbot's linked account.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return the linked account, or empty
     */
    public Optional<LinkedAccount> account(String chatbotId) {
        return transactions.required(em -> accountRow(em, chatbotId).map(LinkRepository::toAccount));
    }

    /**
     * Creates or replaces the chatbot's linked account; it becomes {@link LinkStatus#ACTIVE}.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param facebookUserId the app-scoped Facebook user id
     * @param name the user's name
     * @param tokenExpiresAt when the user token expires, if known
     * @param availablePages the user's pages, without tokens
     * @return the saved account
     */
    public LinkedAccount saveAccount(String chatbotId, String facebookUserId, String name, Optional<Instant> tokenExpiresAt,
            List<LinkedAccount.AvailablePage> availablePages) {
        try {
            return transactions.required(em -> {
                LocalDateTime now = Utc.of(clock.instant());
                Optional<AccountEntity> existing = accountRow(em, chatbotId);
                AccountEntity row = existing.orElseGet(AccountEntity::new);
                if (existing.isEmpty() || !facebookUserId.equals(row.facebookUserId)) {
                    row.linkedAt = now;
                }
                row.chatbotId = chatbotId;
                row.facebookUserId = facebookUserId;
                row.facebookUserName = name;
                row.tokenExpiresAt = Utc.of(tokenExpiresAt.orElse(null));
                row.status = LinkStatus.ACTIVE.name();
                row.statusDetail = null;
                row.availablePages = writePages(availablePages);
                row.updatedAt = now;
                // Persisted only now that every NOT NULL column is set: Hibernate may insert at persist time.
                if (existing.isEmpty()) {
                    em.persist(row);
                }
                em.flush();
                return toAccount(row);
            });
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Replaces the list of the user's pages (after a refresh).
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pages the user's pages, without tokens
     */
    public void updateAvailablePages(String chatbotId, List<LinkedAccount.AvailablePage> pages) {
        try {
            transactions.run(em -> accountRow(em, chatbotId).ifPresent(row -> {
                row.availablePages = writePages(pages);
                row.updatedAt = Utc.of(clock.instant());
            }));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Sets the account's status.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param status the new status
     * @param detail why, for people; may be null
     * @return false when the chatbot has no linked account
     */
    public boolean setAccountStatus(String chatbotId, LinkStatus status, String detail) {
        try {
            return transactions.required(em -> accountRow(em, chatbotId).map(row -> {
                row.status = status.name();
                row.statusDetail = detail;
                row.updatedAt = Utc.of(clock.instant());
                row.checkedAt = row.updatedAt;
                return true;
            }).orElse(false));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Records a health check that found the account fine, with the expiry it reported.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param tokenExpiresAt the expiry Meta reported
     */
    public void accountChecked(String chatbotId, Optional<Instant> tokenExpiresAt) {
        try {
            transactions.run(em -> accountRow(em, chatbotId).ifPresent(row -> {
                row.checkedAt = Utc.of(clock.instant());
                tokenExpiresAt.ifPresent(t -> row.tokenExpiresAt = Utc.of(t));
            }));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Deletes the chatbot's linked account row.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return true if there was one
     */
    public boolean deleteAccount(String chatbotId) {
        try {
            return transactions.required(em -> em.createQuery("delete from AccountEntity a where a.chatbotId = :c")
                    .setParameter("c", chatbotId).executeUpdate() > 0);
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Chatbots whose linked account belongs to this Facebook user (Meta's callbacks name users, not chatbots).
     *
     * @param facebookUserId the app-scoped Facebook user id
     * @return the chatbot ids
     */
    public List<String> chatbotsOfFacebookUser(String facebookUserId) {
        return transactions.required(em -> em.createQuery(
                        "select a.chatbotId from AccountEntity a where a.facebookUserId = :u order by a.chatbotId", String.class)
                .setParameter("u", facebookUserId)
                .getResultList());
    }

    /** {@return every chatbot with a linked account, for the scheduled health check} */
    public List<String> chatbotsWithAccounts() {
        return transactions.required(em -> em.createQuery(
                "select a.chatbotId from AccountEntity a order by a.chatbotId", String.class).getResultList());
    }

    /**
     * {@return the chatbot's pages, active ones only unless {@code includeUnlinked}}
     *
     * @param chatbotId the chatbot (tenant) id
     * @param includeUnlinked true to include pages unlinked earlier
     */
    public List<LinkedPage> pages(String chatbotId, boolean includeUnlinked) {
        return transactions.required(em -> em.createQuery("select p from PageEntity p where p.chatbotId = :c"
                        + (includeUnlinked ? "" : " and p.active = true") + " order by p.pageName, p.pageId", PageEntity.class)
                .setParameter("c", chatbotId)
                .getResultList()
                .stream()
                .map(LinkRepository::toPage)
                .toList());
    }

    /**
     * One page of a chatbot.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @return the page, linked or not, or empty
     */
    public Optional<LinkedPage> page(String chatbotId, String pageId) {
        return transactions.required(em -> pageRow(em, chatbotId, pageId).map(LinkRepository::toPage));
    }

    /**
     * {@return the active link of a page, whichever chatbot holds it (webhook routing)}
     *
     * @param pageId the Page id
     */
    public Optional<LinkedPage> activePage(String pageId) {
        return transactions.required(em -> em.createQuery(
                        "select p from PageEntity p where p.pageId = :p and p.active = true order by p.id", PageEntity.class)
                .setParameter("p", pageId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(LinkRepository::toPage));
    }

    /**
     * {@return the active link webhooks addressed to this id belong to: the page with this id, or the
     * page whose connected Instagram account has this id and whose link covers its messages}
     *
     * @param accountId an entry id: a Page id ({@code "object":"page"}) or an Instagram professional
     *     account id ({@code "object":"instagram"})
     */
    public Optional<LinkedPage> activePageFor(String accountId) {
        Optional<LinkedPage> page = activePage(accountId);
        if (page.isPresent() || accountId == null) {
            return page;
        }
        return transactions.required(em -> em.createQuery("select p from PageEntity p where p.instagramAccountId = :i"
                        + " and p.instagramMessaging = true and p.active = true order by p.id", PageEntity.class)
                .setParameter("i", accountId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(LinkRepository::toPage));
    }

    /**
     * Records the Instagram account connected to a linked page, and whether the link covers its messages.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @param instagram the connected account, or null when the page has none (any stored one is forgotten)
     * @param messaging whether Instagram deliveries for the account reach the chatbot
     * @return false when the chatbot has no such page
     */
    public boolean setInstagram(String chatbotId, String pageId, InstagramAccountInfo instagram, boolean messaging) {
        try {
            return transactions.required(em -> pageRow(em, chatbotId, pageId).map(row -> {
                row.instagramAccountId = instagram == null ? null : instagram.id();
                row.instagramUsername = instagram == null ? null : instagram.username();
                row.instagramName = instagram == null ? null : instagram.name();
                row.instagramPictureUrl = instagram == null ? null : instagram.pictureUrl();
                row.instagramMessaging = instagram != null && messaging;
                row.updatedAt = Utc.of(clock.instant());
                return true;
            }).orElse(false));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Links (or re-links) a page to a chatbot; it becomes active. The database admits one active
     * link per page: while another chatbot holds the page, this fails (and the transaction with it).
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @param name the page's name
     * @param source personal or business portfolio
     * @param fields the webhook fields it is subscribed to
     * @return the saved page
     * @throws PageAlreadyLinkedException when another chatbot holds the page
     */
    public LinkedPage savePage(String chatbotId, String pageId, String name, PageSource source, List<String> fields) {
        try {
            return transactions.required(em -> {
                LocalDateTime now = Utc.of(clock.instant());
                Optional<PageEntity> existing = pageRow(em, chatbotId, pageId);
                PageEntity row = existing.orElseGet(PageEntity::new);
                if (!row.active) {
                    row.linkedAt = now;
                }
                row.chatbotId = chatbotId;
                row.pageId = pageId;
                row.pageName = name;
                row.source = source.name();
                row.subscribedFields = String.join(",", fields);
                row.active = true;
                row.activePageId = pageId;
                row.status = LinkStatus.ACTIVE.name();
                row.statusDetail = null;
                row.unlinkedAt = null;
                row.updatedAt = now;
                try {
                    // Persisted only now that every NOT NULL column is set: Hibernate may insert at persist time.
                    if (existing.isEmpty()) {
                        em.persist(row);
                    }
                    em.flush();
                } catch (PersistenceException e) {
                    throw PageAlreadyLinkedException.isCause(e) ? new PageAlreadyLinkedException(pageId, e) : e;
                }
                return toPage(row);
            });
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Marks a page unlinked (kept for history). Returns false if it was not linked.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @return true if it was linked
     */
    public boolean unlinkPage(String chatbotId, String pageId) {
        try {
            return transactions.required(em -> pageRow(em, chatbotId, pageId).filter(r -> r.active).map(row -> {
                row.active = false;
                row.activePageId = null;
                row.unlinkedAt = Utc.of(clock.instant());
                row.updatedAt = row.unlinkedAt;
                return true;
            }).orElse(false));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Records a page's new name.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @param name the new name
     */
    public void renamePage(String chatbotId, String pageId, String name) {
        try {
            transactions.run(em -> pageRow(em, chatbotId, pageId).ifPresent(row -> {
                row.pageName = name;
                row.updatedAt = Utc.of(clock.instant());
            }));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Sets a page's status.
     *
     * @param chatbotId the chatbot (tenant) id
     * @param pageId the Page id
     * @param status the new status
     * @param detail why, for people; may be null
     * @return false when the chatbot has no such page
     */
    public boolean setPageStatus(String chatbotId, String pageId, LinkStatus status, String detail) {
        try {
            return transactions.required(em -> pageRow(em, chatbotId, pageId).map(row -> {
                row.status = status.name();
                row.statusDetail = detail;
                row.updatedAt = Utc.of(clock.instant());
                row.checkedAt = row.updatedAt;
                return true;
            }).orElse(false));
        } finally {
            changes.incrementAndGet();
        }
    }

    /**
     * Deletes every page row of a chatbot (data deletion); returns how many.
     *
     * @param chatbotId the chatbot (tenant) id
     * @return how many rows were deleted
     */
    public int deletePages(String chatbotId) {
        try {
            return transactions.required(em -> em.createQuery("delete from PageEntity p where p.chatbotId = :c")
                    .setParameter("c", chatbotId).executeUpdate());
        } finally {
            changes.incrementAndGet();
        }
    }

    private static Optional<AccountEntity> accountRow(EntityManager em, String chatbotId) {
        return em.createQuery("select a from AccountEntity a where a.chatbotId = :c", AccountEntity.class)
                .setParameter("c", chatbotId)
                .getResultStream()
                .findFirst();
    }

    private static Optional<PageEntity> pageRow(EntityManager em, String chatbotId, String pageId) {
        return em.createQuery("select p from PageEntity p where p.chatbotId = :c and p.pageId = :p", PageEntity.class)
                .setParameter("c", chatbotId)
                .setParameter("p", pageId)
                .getResultStream()
                .findFirst();
    }

    private static LinkedAccount toAccount(AccountEntity row) {
        return new LinkedAccount(row.chatbotId, row.facebookUserId, row.facebookUserName,
                Optional.ofNullable(Utc.of(row.tokenExpiresAt)), LinkStatus.valueOf(row.status), row.statusDetail,
                readPages(row.availablePages), Utc.of(row.linkedAt), Optional.ofNullable(Utc.of(row.checkedAt)));
    }

    private static LinkedPage toPage(PageEntity row) {
        List<String> fields = row.subscribedFields == null || row.subscribedFields.isBlank()
                ? List.of() : Arrays.asList(row.subscribedFields.split(","));
        Optional<InstagramAccountInfo> instagram = row.instagramAccountId == null ? Optional.empty()
                : Optional.of(new InstagramAccountInfo(row.instagramAccountId, row.instagramUsername, row.instagramName,
                        row.instagramPictureUrl));
        return new LinkedPage(row.chatbotId, row.pageId, row.pageName, PageSource.valueOf(row.source), fields,
                row.active, LinkStatus.valueOf(row.status), row.statusDetail, Utc.of(row.linkedAt),
                Optional.ofNullable(Utc.of(row.unlinkedAt)), Optional.ofNullable(Utc.of(row.checkedAt)), instagram,
                row.instagramMessaging);
    }

    private static String writePages(List<LinkedAccount.AvailablePage> pages) {
        try {
            return JSON.writeValueAsString(pages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page list not serialisable", e);
        }
    }

    private static List<LinkedAccount.AvailablePage> readPages(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, PAGES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
