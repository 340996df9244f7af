package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.BusinessRecord;
import io.messengerkit.testkit.emulator.Model.CommentRecord;
import io.messengerkit.testkit.emulator.Model.CustomerRecord;
import io.messengerkit.testkit.emulator.Model.InstagramRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.emulator.Model.UserRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the emulated platform knows: users, pages, business portfolios, the people who write to
 * pages, the app's webhook subscriptions and profiles, and the tokens issued ({@link Tokens}).
 *
 * <p>Its monitor is the emulator's one lock for state. Every method here takes it, and a Graph call
 * runs entirely under it ({@link GraphRouter}), so a call sees and leaves a consistent world; the
 * records handed out are changed only under it. The HTTP layer never holds it while it talks to the
 * network.
 */
final class World {
    private final Clock clock;
    private final Tokens tokens;
    private final Map<String, UserRecord> users = new LinkedHashMap<>();
    private final Map<String, PageRecord> pages = new LinkedHashMap<>();
    private final Map<String, BusinessRecord> businesses = new LinkedHashMap<>();
    private final Map<String, CustomerRecord> customers = new LinkedHashMap<>();
    private long nextUserId = 100000000000001L;
    private long nextPageId = 200000000000001L;
    private long nextBusinessId = 300000000000001L;
    private long nextPsid = 2400000000000001L;
    private final Map<String, InstagramRecord> instagram = new LinkedHashMap<>();
    private final Map<String, CommentRecord> comments = new LinkedHashMap<>();
    private long nextInstagramId = 17841400000000001L;
    private long nextIgsid = 5310000000000001L;
    private long nextCommentId = 17850000000000001L;
    private long nextAttachmentId = 600000000000001L;
    private long nextPersonaId = 700000000000001L;
    /** Saved attachments by id. */
    private final Map<String, AttachmentRecord> attachments = new LinkedHashMap<>();
    /** Personas by id. */
    private final Map<String, PersonaRecord> personas = new LinkedHashMap<>();
    /** The app controlling each conversation ({@code page/psid}); absent when the thread is idle. */
    private final Map<String, ThreadControl> threadOwners = new LinkedHashMap<>();

    /** Control of a thread lapses after 24 hours without activity, or later when extended (up to 7 days). */
    record ThreadControl(String appId, Instant expiresAt) {
    }

    static final java.time.Duration THREAD_CONTROL_IDLE = java.time.Duration.ofHours(24);
    /** Other apps connected to the pages (secondary receivers), by id, with their names. */
    private final Map<String, String> otherApps = new LinkedHashMap<>();

    /** A file saved with the Attachment Upload API or a reusable send; private to its page. */
    record AttachmentRecord(String id, String pageId, String type, String contentType, long size) {
    }

    /** A persona of a page. */
    record PersonaRecord(String id, String pageId, String name, String profilePictureUrl) {
    }

    World(EmulatedApp app, Clock clock) {
        this.clock = clock;
        this.tokens = new Tokens(app, clock);
    }

    Instant now() {
        return clock.instant();
    }

    /** The token registry; use it while holding this world's lock. */
    Tokens tokens() {
        return tokens;
    }

    // ---------------------------------------------------------------- users, pages, businesses

    synchronized UserRecord createUser(String name) {
        UserRecord user = new UserRecord(Long.toString(nextUserId++), name);
        users.put(user.id, user);
        return user;
    }

    synchronized PageRecord createPage(String name, String category, String adminUserId, String businessId) {
        PageRecord page = new PageRecord(Long.toString(nextPageId++), name, category);
        if (adminUserId != null) {
            requireUser(adminUserId);
            page.adminUserIds.add(adminUserId);
        }
        if (businessId != null) {
            requireBusiness(businessId).ownedPageIds.add(page.id);
            page.businessId = businessId;
        }
        pages.put(page.id, page);
        return page;
    }

    synchronized BusinessRecord createBusiness(String name, String adminUserId) {
        BusinessRecord business = new BusinessRecord(Long.toString(nextBusinessId++), name);
        requireUser(adminUserId);
        business.adminUserIds.add(adminUserId);
        businesses.put(business.id, business);
        return business;
    }

    synchronized void addBusinessAdmin(String businessId, String userId) {
        requireUser(userId);
        requireBusiness(businessId).adminUserIds.add(userId);
    }

    synchronized void addClientPage(String businessId, String pageId) {
        requirePage(pageId);
        BusinessRecord business = requireBusiness(businessId);
        if (!business.clientPageIds.contains(pageId)) {
            business.clientPageIds.add(pageId);
        }
    }

    synchronized void grantPageRole(String pageId, String userId) {
        requireUser(userId);
        requirePage(pageId).adminUserIds.add(userId);
    }

    synchronized UserRecord user(String userId) {
        return users.get(userId);
    }

    synchronized PageRecord page(String pageId) {
        return pages.get(pageId);
    }

    synchronized BusinessRecord business(String businessId) {
        return businesses.get(businessId);
    }

    synchronized List<PageRecord> allPages() {
        return List.copyOf(pages.values());
    }

    /** The pages the user has a direct role on (what {@code /me/accounts} lists), in creation order. */
    synchronized List<PageRecord> pagesAdministeredBy(String userId) {
        return pages.values().stream().filter(p -> p.adminUserIds.contains(userId)).toList();
    }

    synchronized List<BusinessRecord> businessesAdministeredBy(String userId) {
        return businesses.values().stream().filter(b -> b.adminUserIds.contains(userId)).toList();
    }

    /** A direct role on the page, or admin of a business that owns it or has it as a client page. */
    synchronized boolean hasRole(String userId, PageRecord page) {
        if (page.adminUserIds.contains(userId)) {
            return true;
        }
        for (BusinessRecord business : businesses.values()) {
            if (business.adminUserIds.contains(userId)
                    && (business.ownedPageIds.contains(page.id) || business.clientPageIds.contains(page.id))) {
                return true;
            }
        }
        return false;
    }

    /** {@code User}, {@code Page} or {@code Business} as Meta names node types in errors; null for an unknown id. */
    synchronized String nodeType(String id) {
        return users.containsKey(id) ? "User" : pages.containsKey(id) ? "Page"
                : businesses.containsKey(id) ? "Business" : null;
    }

    // ---------------------------------------------------------------- people who write to pages

    synchronized CustomerRecord createCustomer(String pageId, String psid, String firstName, String lastName) {
        InstagramRecord ig = instagram.get(pageId);
        if (ig != null) {
            return createInstagramCustomer(ig, psid, firstName, lastName);
        }
        PageRecord page = requirePage(pageId);
        String id = psid == null ? Long.toString(nextPsid++) : psid;
        CustomerRecord existing = customers.get(pageId + "/" + id);
        if (existing != null) {
            return existing;
        }
        CustomerRecord customer = new CustomerRecord(id, pageId, firstName, lastName);
        customers.put(pageId + "/" + id, customer);
        page.customerPsids.add(id);
        return customer;
    }

    synchronized CustomerRecord customer(String pageId, String psid) {
        return customers.get(pageId + "/" + psid);
    }

    synchronized List<CustomerRecord> customersOf(String pageId) {
        InstagramRecord ig = instagram.get(pageId);
        if (ig != null) {
            return ig.customerIds.stream().map(p -> customers.get(pageId + "/" + p)).toList();
        }
        return requirePage(pageId).customerPsids.stream().map(p -> customers.get(pageId + "/" + p)).toList();
    }

    /**
     * The person acted on the page (a "Test User" is created for an unknown PSID); a message or
     * postback opens the 24-hour window for the page's answers.
     */
    synchronized CustomerRecord personActed(String pageId, String psid, boolean opensWindow) {
        CustomerRecord customer = customers.get(pageId + "/" + psid);
        if (customer == null) {
            customer = createCustomer(pageId, psid, "Test", "User");
        }
        if (opensWindow) {
            customer.lastInboundAt = now();
            threadActive(pageId, psid);
        }
        return customer;
    }

    // ---------------------------------------------------------------- attachments, personas, thread control

    synchronized AttachmentRecord saveAttachment(String pageId, String type, String contentType, long size) {
        AttachmentRecord a = new AttachmentRecord(Long.toString(nextAttachmentId++), pageId, type, contentType, size);
        attachments.put(a.id(), a);
        return a;
    }

    synchronized AttachmentRecord attachment(String id) {
        return attachments.get(id);
    }

    synchronized PersonaRecord createPersona(String pageId, String name, String pictureUrl) {
        PersonaRecord p = new PersonaRecord(Long.toString(nextPersonaId++), pageId, name, pictureUrl);
        personas.put(p.id(), p);
        return p;
    }

    synchronized PersonaRecord persona(String id) {
        return personas.get(id);
    }

    synchronized List<PersonaRecord> personasOf(String pageId) {
        return personas.values().stream().filter(p -> p.pageId().equals(pageId)).toList();
    }

    synchronized boolean deletePersona(String id) {
        return personas.remove(id) != null;
    }

    /** The app controlling the conversation, or null when it is idle (never given, released or lapsed). */
    synchronized String threadOwner(String pageId, String psid) {
        ThreadControl control = threadControl(pageId, psid);
        return control == null ? null : control.appId();
    }

    /** The conversation's control, or null when it is idle; lapsed control is dropped. */
    synchronized ThreadControl threadControl(String pageId, String psid) {
        String key = pageId + "/" + psid;
        ThreadControl control = threadOwners.get(key);
        if (control != null && !now().isBefore(control.expiresAt())) {
            threadOwners.remove(key);
            return null;
        }
        return control;
    }

    /** Gives control to {@code appId} for 24 hours of inactivity, or makes the thread idle (null). */
    synchronized void threadOwner(String pageId, String psid, String appId) {
        if (appId == null) {
            threadOwners.remove(pageId + "/" + psid);
        } else {
            threadOwners.put(pageId + "/" + psid, new ThreadControl(appId, now().plus(THREAD_CONTROL_IDLE)));
        }
    }

    /** Activity in the thread keeps control for another 24 hours (an extension already granted stays). */
    synchronized void threadActive(String pageId, String psid) {
        ThreadControl control = threadControl(pageId, psid);
        if (control != null && control.expiresAt().isBefore(now().plus(THREAD_CONTROL_IDLE))) {
            threadOwners.put(pageId + "/" + psid, new ThreadControl(control.appId(), now().plus(THREAD_CONTROL_IDLE)));
        }
    }

    /** Keeps control for {@code duration} from now, when that is later than its current expiry. */
    synchronized void extendThreadControl(String pageId, String psid, java.time.Duration duration) {
        ThreadControl control = threadControl(pageId, psid);
        if (control != null && control.expiresAt().isBefore(now().plus(duration))) {
            threadOwners.put(pageId + "/" + psid, new ThreadControl(control.appId(), now().plus(duration)));
        }
    }

    synchronized void addOtherApp(String appId, String name) {
        otherApps.put(appId, name);
    }

    synchronized Map<String, String> otherApps() {
        return new LinkedHashMap<>(otherApps);
    }

    // ---------------------------------------------------------------- tokens

    synchronized String issueUserToken(String userId, boolean longLived, Set<String> scopes) {
        requireUser(userId);
        return tokens.issueUserToken(userId, longLived, scopes).value;
    }

    /** The page's fixture token: the same value until it is invalidated or expires, then a fresh one. */
    synchronized String fixturePageToken(String pageId) {
        PageRecord page = requirePage(pageId);
        TokenRecord current = page.fixtureToken == null ? null : tokens.issued(page.fixtureToken);
        if (current == null || current.invalidSubcode != null || current.expiredAt(now())) {
            current = tokens.issueFixturePageToken(firstAdminOf(page), pageId);
            page.fixtureToken = current.value;
        }
        return current.value;
    }

    /** The page a page token belongs to, or null for any other (or unknown) token. */
    synchronized String pageOfToken(String token) {
        TokenRecord record = token == null ? null : tokens.issued(token);
        return record == null ? null : record.pageId;
    }

    synchronized void invalidateTokens(String userId, String pageId, int subcode) {
        tokens.invalidateAll(userId, pageId, subcode);
    }

    // ---------------------------------------------------------------- the app on a page

    synchronized Set<String> subscribedFields(String pageId) {
        Set<String> fields = requirePage(pageId).subscribedFields;
        return fields == null ? Set.of() : Set.copyOf(fields);
    }

    synchronized void subscribe(String pageId, Set<String> fields) {
        for (String field : fields) {
            if (!SubscribedAppsArea.WEBHOOK_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown webhook field " + field);
            }
        }
        requirePage(pageId).subscribedFields = new LinkedHashSet<>(fields);
    }

    synchronized Map<String, Object> messengerProfile(String pageId) {
        return new LinkedHashMap<>(requirePage(pageId).messengerProfile);
    }

    // ---------------------------------------------------------------- lookups that must succeed

    private String firstAdminOf(PageRecord page) {
        if (!page.adminUserIds.isEmpty()) {
            return page.adminUserIds.iterator().next();
        }
        if (page.businessId != null) {
            Set<String> admins = businesses.get(page.businessId).adminUserIds;
            if (!admins.isEmpty()) {
                return admins.iterator().next();
            }
        }
        return null;
    }

    private UserRecord requireUser(String id) {
        UserRecord user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + id);
        }
        return user;
    }

    // ---------------------------------------------------------------- Instagram accounts of pages

    synchronized InstagramRecord connectInstagram(String pageId, String username, String name) {
        PageRecord page = requirePage(pageId);
        if (instagramOfPage(page.id) != null) {
            throw new IllegalArgumentException("page " + pageId + " already has an Instagram account");
        }
        InstagramRecord ig = new InstagramRecord(Long.toString(nextInstagramId++), page.id, username, name);
        instagram.put(ig.id, ig);
        return ig;
    }

    synchronized void disconnectInstagram(String pageId) {
        InstagramRecord ig = instagramOfPage(pageId);
        if (ig != null) {
            instagram.remove(ig.id);
        }
    }

    synchronized InstagramRecord instagram(String instagramId) {
        return instagramId == null ? null : instagram.get(instagramId);
    }

    synchronized InstagramRecord instagramOfPage(String pageId) {
        for (InstagramRecord ig : instagram.values()) {
            if (ig.pageId.equals(pageId)) {
                return ig;
            }
        }
        return null;
    }

    synchronized List<InstagramRecord> allInstagramAccounts() {
        return List.copyOf(instagram.values());
    }

    private CustomerRecord createInstagramCustomer(InstagramRecord ig, String igsid, String firstName,
            String lastName) {
        String id = igsid == null ? Long.toString(nextIgsid++) : igsid;
        CustomerRecord existing = customers.get(ig.id + "/" + id);
        if (existing != null) {
            return existing;
        }
        CustomerRecord customer = new CustomerRecord(id, ig.id, firstName, lastName);
        customers.put(ig.id + "/" + id, customer);
        ig.customerIds.add(id);
        return customer;
    }

    synchronized CommentRecord comment(String instagramId, String authorId, String text) {
        InstagramRecord ig = instagram.get(instagramId);
        if (ig == null) {
            throw new IllegalArgumentException("no such Instagram account: " + instagramId);
        }
        createInstagramCustomer(ig, authorId, "Test", "User");
        CommentRecord comment = new CommentRecord(Long.toString(nextCommentId++), ig.id, authorId, text, now());
        comments.put(comment.id, comment);
        return comment;
    }

    synchronized CommentRecord comment(String commentId) {
        return comments.get(commentId);
    }

    private PageRecord requirePage(String id) {
        PageRecord page = pages.get(id);
        if (page == null) {
            throw new IllegalArgumentException("no such page: " + id);
        }
        return page;
    }

    private BusinessRecord requireBusiness(String id) {
        BusinessRecord business = businesses.get(id);
        if (business == null) {
            throw new IllegalArgumentException("no such business: " + id);
        }
        return business;
    }
}
