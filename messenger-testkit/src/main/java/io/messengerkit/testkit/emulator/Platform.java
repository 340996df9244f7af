package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.Model.BusinessRecord;
import io.messengerkit.testkit.emulator.Model.CustomerRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.emulator.Model.UserRecord;
import io.messengerkit.testkit.emulator.TranscriptEntry.Direction;
import io.messengerkit.testkit.emulator.TranscriptEntry.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The emulated platform's state and Graph API rules. Every public-facing method is synchronized on
 * this object; the HTTP layer never holds the lock while it talks to the network.
 */
final class Platform {
    static final List<String> DEFAULT_SCOPES = List.of("public_profile", "email", "pages_show_list",
            "pages_messaging", "pages_manage_metadata", "pages_read_engagement", "business_management");
    static final Set<String> WEBHOOK_FIELDS = new LinkedHashSet<>(List.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "message_reactions", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby", "messaging_policy_enforcement", "message_edits",
            "messaging_account_linking", "messaging_feedback", "messaging_game_plays",
            "messenger_template_status_update", "response_feedback", "send_cart"));
    static final Set<String> PROFILE_PROPERTIES = new LinkedHashSet<>(List.of("get_started", "greeting",
            "ice_breakers", "persistent_menu", "whitelisted_domains", "account_linking_url", "commands", "title",
            "description"));
    static final Set<String> SENDER_ACTIONS = Set.of("typing_on", "typing_off", "mark_seen", "react", "unreact");
    static final Set<String> RETIRED_TAGS = Set.of("CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE");
    static final List<String> PAGE_TASKS = List.of("ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING",
            "MODERATE", "MANAGE");
    static final long SHORT_LIVED_SECONDS = 7200;
    static final long LONG_LIVED_SECONDS = 5183944;
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final int TEXT_LIMIT = 2000;
    static final int QUICK_REPLY_LIMIT = 13;

    final String appId;
    final AppSecret appSecret;
    final String appName;
    final Clock clock;
    final int pageSize;
    final int sendLimitPerSecond;
    final int mediaSendLimitPerSecond;
    final boolean requireProof;
    final String defaultVersion;
    volatile String baseUrl = "http://127.0.0.1";
    volatile java.util.function.Consumer<SentMessage> onSent = m -> { };

    /** A text message the page sent, for echo delivery. */
    record SentMessage(String pageId, String psid, String mid, String text, String metadata) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, UserRecord> users = new LinkedHashMap<>();
    private final Map<String, PageRecord> pages = new LinkedHashMap<>();
    private final Map<String, BusinessRecord> businesses = new LinkedHashMap<>();
    private final Map<String, CustomerRecord> customers = new LinkedHashMap<>();
    private final Map<String, TokenRecord> tokens = new HashMap<>();
    private final Map<String, List<TranscriptEntry>> transcripts = new LinkedHashMap<>();
    private final Map<String, Deque<Instant>> sendTimes = new HashMap<>();
    private final Map<String, Deque<Instant>> mediaSendTimes = new HashMap<>();
    private long nextUserId = 100000000000001L;
    private long nextPageId = 200000000000001L;
    private long nextBusinessId = 300000000000001L;
    private long nextPsid = 2400000000000001L;
    private long transcriptSequence;

    Platform(String appId, AppSecret appSecret, String appName, Clock clock, int pageSize, int sendLimitPerSecond,
            int mediaSendLimitPerSecond, boolean requireProof, String defaultVersion) {
        this.appId = appId;
        this.appSecret = appSecret;
        this.appName = appName;
        this.clock = clock;
        this.pageSize = pageSize;
        this.sendLimitPerSecond = sendLimitPerSecond;
        this.mediaSendLimitPerSecond = mediaSendLimitPerSecond;
        this.requireProof = requireProof;
        this.defaultVersion = defaultVersion;
    }

    Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- fixtures

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

    synchronized CustomerRecord createCustomer(String pageId, String psid, String firstName, String lastName) {
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
        return requirePage(pageId).customerPsids.stream().map(p -> customers.get(pageId + "/" + p)).toList();
    }

    synchronized String issueUserToken(String userId, boolean longLived, Set<String> scopes) {
        requireUser(userId);
        Instant now = now();
        Instant expires = now.plusSeconds(longLived ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS);
        return register(new TokenRecord(newTokenValue(), TokenKind.USER, userId, null, now, expires, longLived,
                scopes)).value;
    }

    synchronized String fixturePageToken(String pageId) {
        PageRecord page = requirePage(pageId);
        TokenRecord current = page.fixtureToken == null ? null : tokens.get(page.fixtureToken);
        if (current == null || current.invalidSubcode != null || current.expiredAt(now())) {
            String userId = firstAdminOf(page);
            current = register(new TokenRecord(newTokenValue(), TokenKind.PAGE, userId, pageId, now(), null, true,
                    new LinkedHashSet<>(DEFAULT_SCOPES)));
            page.fixtureToken = current.value;
        }
        return current.value;
    }

    synchronized void invalidateTokens(String userId, String pageId, int subcode) {
        for (TokenRecord token : tokens.values()) {
            boolean matches = userId != null ? userId.equals(token.userId) : pageId.equals(token.pageId);
            if (matches && token.invalidSubcode == null) {
                token.invalidSubcode = subcode;
            }
        }
    }

    synchronized void invalidateToken(String value, int subcode) {
        TokenRecord token = tokens.get(value);
        if (token == null) {
            throw new IllegalArgumentException("the emulator never issued this token");
        }
        token.invalidSubcode = subcode;
    }

    synchronized Set<String> subscribedFields(String pageId) {
        Set<String> fields = requirePage(pageId).subscribedFields;
        return fields == null ? Set.of() : Set.copyOf(fields);
    }

    synchronized void subscribe(String pageId, Set<String> fields) {
        for (String field : fields) {
            if (!WEBHOOK_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown webhook field " + field);
            }
        }
        requirePage(pageId).subscribedFields = new LinkedHashSet<>(fields);
    }

    synchronized Map<String, Object> messengerProfile(String pageId) {
        return new LinkedHashMap<>(requirePage(pageId).messengerProfile);
    }

    synchronized PageRecord page(String pageId) {
        return pages.get(pageId);
    }

    synchronized List<PageRecord> allPages() {
        return List.copyOf(pages.values());
    }

    synchronized UserRecord user(String userId) {
        return users.get(userId);
    }

    synchronized BusinessRecord business(String businessId) {
        return businesses.get(businessId);
    }

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

    private TokenRecord register(TokenRecord token) {
        tokens.put(token.value, token);
        return token;
    }

    private String newTokenValue() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder value = new StringBuilder("EAAM");
        for (int i = 0; i < 120; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    String newTraceId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }

    private UserRecord requireUser(String id) {
        UserRecord user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + id);
        }
        return user;
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

    // ---------------------------------------------------------------- transcripts

    synchronized TranscriptEntry recordInbound(String pageId, String psid, Kind kind, String mid, String text,
            String payload, boolean opensWindow) {
        CustomerRecord customer = customers.get(pageId + "/" + psid);
        if (customer == null) {
            customer = createCustomer(pageId, psid, "Test", "User");
        }
        if (opensWindow) {
            customer.lastInboundAt = now();
        }
        return append(pageId, psid, new TranscriptEntry(++transcriptSequence, now(), Direction.INBOUND, kind, mid,
                text, null, List.of(), null, payload, null, null, null));
    }

    private TranscriptEntry append(String pageId, String psid, TranscriptEntry entry) {
        transcripts.computeIfAbsent(pageId + "/" + psid, k -> new ArrayList<>()).add(entry);
        notifyAll();
        return entry;
    }

    synchronized Conversation conversation(String pageId, String psid) {
        return new Conversation(pageId, psid, transcripts.getOrDefault(pageId + "/" + psid, List.of()));
    }

    synchronized List<Conversation> conversationsOf(String pageId) {
        List<Conversation> result = new ArrayList<>();
        transcripts.forEach((key, entries) -> {
            if (key.startsWith(pageId + "/")) {
                result.add(new Conversation(pageId, key.substring(pageId.length() + 1), entries));
            }
        });
        return result;
    }

    synchronized Conversation awaitConversation(String pageId, String psid, Predicate<Conversation> condition,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Conversation current = conversation(pageId, psid);
        while (!condition.test(current)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return current;
            }
            wait(Math.max(1, remaining / 1_000_000), 0);
            current = conversation(pageId, psid);
        }
        return current;
    }

    synchronized void clearTranscripts() {
        transcripts.clear();
    }

    // ---------------------------------------------------------------- Graph API

    synchronized Reply handle(GraphRequest r) {
        List<String> s = r.segments;
        if (s.isEmpty()) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, ""));
        }
        String head = s.get(0);
        if (head.equals("oauth") && s.size() == 2 && s.get(1).equals("access_token")) {
            return oauth(r);
        }
        if (head.equals("debug_token") && s.size() == 1) {
            return debugToken(r);
        }
        TokenRecord token = authenticate(r);
        String nodeId = head.equals("me") ? meId(token) : head;
        if (s.size() == 1) {
            if (!r.method.equals("GET")) {
                throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
            }
            return withUsage(Reply.json(200, node(r, token, nodeId)), token);
        }
        if (s.size() > 2) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
        }
        String edge = s.get(1);
        Object body = switch (edge + " " + r.method) {
            case "accounts GET" -> accounts(r, token, nodeId);
            case "businesses GET" -> businessesOf(r, token, nodeId);
            case "owned_pages GET" -> businessPages(r, token, nodeId, true);
            case "client_pages GET" -> businessPages(r, token, nodeId, false);
            case "messages POST" -> send(r, token, nodeId);
            case "subscribed_apps GET", "subscribed_apps POST", "subscribed_apps DELETE" ->
                    subscribedApps(r, token, nodeId);
            case "messenger_profile GET", "messenger_profile POST", "messenger_profile DELETE" ->
                    messengerProfile(r, token, nodeId);
            default -> {
                if (users.containsKey(nodeId) || pages.containsKey(nodeId) || businesses.containsKey(nodeId)) {
                    String type = users.containsKey(nodeId) ? "User" : pages.containsKey(nodeId) ? "Page" : "Business";
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "Tried accessing nonexisting field (" + edge + ") on node type (" + type + ")"));
                }
                throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
            }
        };
        return withUsage(Reply.json(200, body), token);
    }

    private Reply withUsage(Reply reply, TokenRecord token) {
        if (token.kind == TokenKind.PAGE) {
            int percent = usagePercent(token.pageId);
            reply.header("X-Business-Use-Case-Usage", io.messengerkit.testkit.internal.MetaJson.string(Map.of(
                    token.pageId, List.of(ordered("type", "messenger", "call_count", percent, "total_cputime", 0,
                            "total_time", 0, "estimated_time_to_regain_access", 0)))));
        } else {
            reply.header("X-App-Usage", "{\"call_count\":0,\"total_cputime\":0,\"total_time\":0}");
        }
        return reply;
    }

    private int usagePercent(String pageId) {
        Deque<Instant> times = sendTimes.get(pageId);
        if (times == null) {
            return 0;
        }
        prune(times);
        return Math.min(100, times.size() * 100 / Math.max(1, sendLimitPerSecond));
    }

    private String meId(TokenRecord token) {
        return switch (token.kind) {
            case USER -> token.userId;
            case PAGE -> token.pageId;
            case APP -> throw new GraphErrorException(GraphError.missingToken());
        };
    }

    private TokenRecord authenticate(GraphRequest r) {
        String value = r.token;
        if (value == null) {
            throw new GraphErrorException(GraphError.missingToken());
        }
        TokenRecord token = lookup(value);
        if (token == null) {
            throw new GraphErrorException(GraphError.invalidToken());
        }
        checkAlive(token);
        if (token.kind != TokenKind.APP) {
            String proof = r.param("appsecret_proof");
            if (proof != null) {
                String expected = appSecret.appSecretProof(AccessToken.of(value));
                if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        proof.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                    throw new GraphErrorException(GraphError.appSecretProof(false));
                }
            } else if (requireProof) {
                throw new GraphErrorException(GraphError.appSecretProof(true));
            }
        }
        return token;
    }

    private TokenRecord lookup(String value) {
        int bar = value.indexOf('|');
        if (bar > 0) {
            TokenRecord registered = tokens.get(value);
            if (registered != null) {
                return registered;
            }
            boolean matches = value.substring(0, bar).equals(appId) && MessageDigest.isEqual(
                    value.substring(bar + 1).getBytes(StandardCharsets.UTF_8),
                    appSecret.reveal().getBytes(StandardCharsets.UTF_8));
            return matches ? new TokenRecord(value, TokenKind.APP, null, null, now(), null, true, Set.of()) : null;
        }
        return tokens.get(value);
    }

    private void checkAlive(TokenRecord token) {
        if (token.invalidSubcode != null) {
            throw new GraphErrorException(GraphError.tokenInvalid(token.invalidSubcode));
        }
        if (token.expiredAt(now())) {
            throw new GraphErrorException(GraphError.tokenInvalid(463));
        }
    }

    private static void requireScope(TokenRecord token, String scope) {
        if (!token.scopes.contains(scope)) {
            throw new GraphErrorException(GraphError.permissionMissing(scope));
        }
    }

    // ---------------------------------------------------------------- oauth and debug_token

    private Reply oauth(GraphRequest r) {
        String grantType = r.param("grant_type");
        if (grantType == null) {
            throw new GraphErrorException(GraphError.invalidParameter("Missing grant_type parameter."));
        }
        if (!appId.equals(r.param("client_id"))) {
            throw new GraphErrorException(new GraphError(400, 101, null, "OAuthException",
                    "Error validating application. Invalid application ID.", null));
        }
        String secret = r.param("client_secret");
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                appSecret.reveal().getBytes(StandardCharsets.UTF_8))) {
            throw new GraphErrorException(new GraphError(400, 1, null, "OAuthException",
                    "Error validating client secret.", null));
        }
        switch (grantType) {
            case "fb_exchange_token" -> {
                String shortLived = r.param("fb_exchange_token");
                if (shortLived == null) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The parameter fb_exchange_token is required"));
                }
                TokenRecord source = tokens.get(shortLived);
                if (source == null || source.kind != TokenKind.USER) {
                    throw new GraphErrorException(GraphError.invalidToken());
                }
                checkAlive(source);
                Instant now = now();
                TokenRecord longLived = register(new TokenRecord(newTokenValue(), TokenKind.USER, source.userId, null,
                        now, now.plusSeconds(LONG_LIVED_SECONDS), true, source.scopes));
                return Reply.json(200, ordered("access_token", longLived.value, "token_type", "bearer",
                        "expires_in", LONG_LIVED_SECONDS));
            }
            case "client_credentials" -> {
                TokenRecord app = register(new TokenRecord(appId + "|" + newTokenValue().substring(4, 31),
                        TokenKind.APP, null, null, now(), null, true, Set.of()));
                return Reply.json(200, ordered("access_token", app.value, "token_type", "bearer"));
            }
            default -> throw new GraphErrorException(GraphError.invalidParameter(
                    "Unsupported grant_type: " + grantType));
        }
    }

    private Reply debugToken(GraphRequest r) {
        String input = r.param("input_token");
        if (input == null) {
            throw new GraphErrorException(GraphError.invalidParameter("The parameter input_token is required"));
        }
        authenticate(r);
        TokenRecord token = lookup(input);
        Map<String, Object> data = new LinkedHashMap<>();
        if (token == null) {
            data.put("error", ordered("code", 190, "message", "Invalid OAuth access token - Cannot parse access token"));
            data.put("is_valid", false);
            data.put("scopes", List.of());
            return Reply.json(200, Map.of("data", data));
        }
        data.put("app_id", appId);
        data.put("type", token.kind.name());
        data.put("application", appName);
        if (token.kind == TokenKind.APP) {
            data.put("is_valid", true);
            data.put("scopes", List.of());
            return Reply.json(200, Map.of("data", data));
        }
        Integer subcode = token.invalidSubcode != null ? token.invalidSubcode
                : token.expiredAt(now()) ? Integer.valueOf(463) : null;
        data.put("data_access_expires_at", token.issuedAt.plus(Duration.ofDays(90)).getEpochSecond());
        if (subcode != null) {
            GraphError error = GraphError.tokenInvalid(subcode);
            data.put("error", ordered("code", 190, "message", error.message(), "subcode", subcode));
        }
        data.put("expires_at", token.expiresAt == null ? 0 : token.expiresAt.getEpochSecond());
        data.put("is_valid", subcode == null);
        data.put("issued_at", token.issuedAt.getEpochSecond());
        if (token.kind == TokenKind.PAGE) {
            data.put("profile_id", token.pageId);
        }
        List<String> scopes = subcode == null ? List.copyOf(token.scopes) : List.of();
        data.put("scopes", scopes);
        data.put("granular_scopes", scopes.stream()
                .filter(s -> s.startsWith("pages_") || s.equals("business_management"))
                .map(s -> (Object) ordered("scope", s)).toList());
        if (token.userId != null) {
            data.put("user_id", token.userId);
        }
        return Reply.json(200, Map.of("data", data));
    }

    // ---------------------------------------------------------------- nodes

    private Map<String, Object> node(GraphRequest r, TokenRecord token, String id) {
        UserRecord user = users.get(id);
        if (user != null && token.kind == TokenKind.USER && id.equals(token.userId)) {
            return select(r, "User", List.of("id", "name"), userFields(user));
        }
        PageRecord page = pages.get(id);
        if (page != null && canManage(token, page)) {
            return select(r, "Page", List.of("id", "name"), pageFields(page, token));
        }
        BusinessRecord business = businesses.get(id);
        if (business != null && token.kind == TokenKind.USER && business.adminUserIds.contains(token.userId)) {
            Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
            fields.put("id", () -> business.id);
            fields.put("name", () -> business.name);
            return select(r, "Business", List.of("id", "name"), fields);
        }
        if (token.kind == TokenKind.PAGE) {
            CustomerRecord customer = customers.get(token.pageId + "/" + id);
            if (customer != null) {
                requireScope(token, "pages_messaging");
                Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
                fields.put("first_name", () -> customer.firstName);
                fields.put("last_name", () -> customer.lastName);
                fields.put("profile_pic", () -> baseUrl + "/emulator/avatars/" + customer.psid + ".png");
                fields.put("id", () -> customer.psid);
                fields.put("name", () -> (customer.firstName + " " + customer.lastName).strip());
                return select(r, "User", List.of("first_name", "last_name", "profile_pic", "id"), fields);
            }
        }
        throw new GraphErrorException(GraphError.unsupportedRequest(r.method, id));
    }

    private boolean canManage(TokenRecord token, PageRecord page) {
        if (token.kind == TokenKind.PAGE) {
            return page.id.equals(token.pageId);
        }
        return token.kind == TokenKind.USER && hasRole(token.userId, page);
    }

    private boolean hasRole(String userId, PageRecord page) {
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

    private Map<String, Supplier<Object>> userFields(UserRecord user) {
        Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
        fields.put("id", () -> user.id);
        fields.put("name", () -> user.name);
        fields.put("first_name", () -> user.firstName);
        fields.put("last_name", () -> user.lastName);
        fields.put("short_name", () -> user.firstName);
        fields.put("email", () -> user.firstName.toLowerCase(Locale.ROOT) + "." + user.id + "@example.com");
        fields.put("picture", () -> picture(user.id));
        return fields;
    }

    private Map<String, Supplier<Object>> pageFields(PageRecord page, TokenRecord token) {
        Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
        fields.put("access_token", () -> pageTokenFor(token, page));
        fields.put("category", () -> page.category);
        fields.put("category_list", () -> List.of(ordered("id", "2200", "name", page.category)));
        fields.put("name", () -> page.name);
        fields.put("id", () -> page.id);
        fields.put("tasks", () -> PAGE_TASKS);
        fields.put("picture", () -> picture(page.id));
        fields.put("username", () -> page.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + page.id.substring(11));
        fields.put("link", () -> "https://www.facebook.com/" + page.id);
        return fields;
    }

    private Map<String, Object> picture(String id) {
        return Map.of("data", ordered("height", 50, "is_silhouette", false, "url",
                baseUrl + "/emulator/avatars/" + id + ".png", "width", 50));
    }

    private String pageTokenFor(TokenRecord token, PageRecord page) {
        if (token.kind == TokenKind.PAGE) {
            return token.value;
        }
        Instant expires = token.longLived ? null : token.expiresAt;
        for (TokenRecord existing : tokens.values()) {
            if (existing.kind == TokenKind.PAGE && page.id.equals(existing.pageId)
                    && token.userId.equals(existing.userId) && existing.invalidSubcode == null
                    && java.util.Objects.equals(existing.expiresAt, expires) && existing.scopes.equals(token.scopes)) {
                return existing.value;
            }
        }
        return register(new TokenRecord(newTokenValue(), TokenKind.PAGE, token.userId, page.id, now(), expires, true,
                token.scopes)).value;
    }

    private Map<String, Object> select(GraphRequest r, String nodeType, List<String> defaults,
            Map<String, Supplier<Object>> available) {
        List<String> requested = requestedFields(r, defaults);
        Map<String, Object> result = new LinkedHashMap<>();
        for (String field : requested) {
            Supplier<Object> value = available.get(field);
            if (value == null) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")"));
            }
            result.put(field, value.get());
        }
        return result;
    }

    private static List<String> requestedFields(GraphRequest r, List<String> defaults) {
        String raw = r.param("fields");
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        List<String> fields = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                addField(fields, current);
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        addField(fields, current);
        return fields;
    }

    private static void addField(List<String> fields, StringBuilder raw) {
        String name = raw.toString().strip();
        int dot = name.indexOf('.');
        if (dot >= 0) {
            name = name.substring(0, dot);
        }
        if (!name.isEmpty() && !fields.contains(name)) {
            fields.add(name);
        }
    }

    // ---------------------------------------------------------------- pages, businesses, paging

    private Map<String, Object> accounts(GraphRequest r, TokenRecord token, String nodeId) {
        if (token.kind != TokenKind.USER) {
            throw new GraphErrorException(GraphError.invalidParameter(
                    "Tried accessing nonexisting field (accounts) on node type (Page)"));
        }
        if (!nodeId.equals(token.userId)) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
        }
        List<PageRecord> mine = token.scopes.contains("pages_show_list")
                ? pages.values().stream().filter(p -> p.adminUserIds.contains(token.userId)).toList()
                : List.of();
        List<String> defaults = List.of("access_token", "category", "category_list", "name", "id", "tasks");
        return paged(r, mine, p -> p.id, p -> select(r, "Page", defaults, pageFields(p, token)));
    }

    private Map<String, Object> businessesOf(GraphRequest r, TokenRecord token, String nodeId) {
        if (token.kind != TokenKind.USER) {
            throw new GraphErrorException(GraphError.invalidParameter(
                    "Tried accessing nonexisting field (businesses) on node type (Page)"));
        }
        if (!nodeId.equals(token.userId)) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
        }
        requireScope(token, "business_management");
        List<BusinessRecord> mine = businesses.values().stream()
                .filter(b -> b.adminUserIds.contains(token.userId)).toList();
        return paged(r, mine, b -> b.id, b -> {
            Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
            fields.put("id", () -> b.id);
            fields.put("name", () -> b.name);
            fields.put("permitted_roles", () -> List.of("ADMIN"));
            return select(r, "Business", List.of("id", "name"), fields);
        });
    }

    private Map<String, Object> businessPages(GraphRequest r, TokenRecord token, String businessId, boolean owned) {
        BusinessRecord business = businesses.get(businessId);
        if (business == null || token.kind != TokenKind.USER || !business.adminUserIds.contains(token.userId)) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, businessId));
        }
        requireScope(token, "business_management");
        List<PageRecord> list = (owned ? business.ownedPageIds : business.clientPageIds).stream()
                .map(pages::get).toList();
        return paged(r, list, p -> p.id, p -> {
            Map<String, Supplier<Object>> fields = pageFields(p, token);
            if (!owned) {
                fields.put("permitted_tasks", () -> PAGE_TASKS);
            }
            return select(r, "Page", List.of("id", "name"), fields);
        });
    }

    private <T> Map<String, Object> paged(GraphRequest r, List<T> all, java.util.function.Function<T, String> idOf,
            java.util.function.Function<T, Map<String, Object>> render) {
        int limit = pageSize;
        String rawLimit = r.param("limit");
        if (rawLimit != null) {
            try {
                limit = Math.max(1, Math.min(100, Integer.parseInt(rawLimit)));
            } catch (NumberFormatException e) {
                throw new GraphErrorException(GraphError.invalidParameter("Param limit must be an integer"));
            }
        }
        int start = 0;
        int end;
        String after = r.param("after");
        String before = r.param("before");
        if (after != null) {
            start = indexOfCursor(all, idOf, after) + 1;
            end = Math.min(all.size(), start + limit);
        } else if (before != null) {
            end = indexOfCursor(all, idOf, before);
            start = Math.max(0, end - limit);
        } else {
            end = Math.min(all.size(), limit);
        }
        List<T> slice = all.subList(start, end);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", slice.stream().map(render).toList());
        if (!slice.isEmpty()) {
            Map<String, Object> paging = new LinkedHashMap<>();
            String first = cursor(idOf.apply(slice.get(0)));
            String last = cursor(idOf.apply(slice.get(slice.size() - 1)));
            paging.put("cursors", ordered("before", first, "after", last));
            if (start > 0) {
                paging.put("previous", pagingUrl(r, limit, "before", first));
            }
            if (end < all.size()) {
                paging.put("next", pagingUrl(r, limit, "after", last));
            }
            result.put("paging", paging);
        }
        return result;
    }

    private static <T> int indexOfCursor(List<T> all, java.util.function.Function<T, String> idOf, String cursor) {
        String id;
        try {
            id = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        for (int i = 0; i < all.size(); i++) {
            if (idOf.apply(all.get(i)).equals(id)) {
                return i;
            }
        }
        throw new GraphErrorException(GraphError.invalidParameter("Invalid cursor: " + cursor));
    }

    private static String cursor(String id) {
        return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private String pagingUrl(GraphRequest r, int limit, String cursorName, String cursorValue) {
        StringBuilder url = new StringBuilder(baseUrl).append('/')
                .append(r.version == null ? defaultVersion : r.version).append(r.path).append('?');
        Map<String, String> query = new LinkedHashMap<>();
        r.query.forEach((k, v) -> {
            if (!k.equals("after") && !k.equals("before") && !k.equals("limit")) {
                query.put(k, v.get(0));
            }
        });
        if (r.params.containsKey("fields")) {
            query.putIfAbsent("fields", r.params.get("fields"));
        }
        query.put("limit", Integer.toString(limit));
        query.put(cursorName, cursorValue);
        boolean first = true;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!first) {
                url.append('&');
            }
            first = false;
            url.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    // ---------------------------------------------------------------- subscriptions and profile

    private PageRecord pageForPageToken(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = pages.get(pageId);
        if (page == null) {
            throw new GraphErrorException(GraphError.unsupportedRequest(r.method, pageId));
        }
        if (token.kind != TokenKind.PAGE) {
            throw new GraphErrorException(GraphError.pageTokenRequired());
        }
        if (!page.id.equals(token.pageId)) {
            throw new GraphErrorException(new GraphError(403, 200, null, "OAuthException",
                    "(#200) The access token does not belong to page " + pageId, null));
        }
        return page;
    }

    private Map<String, Object> subscribedApps(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = pageForPageToken(r, token, pageId);
        switch (r.method) {
            case "GET" -> {
                if (page.subscribedFields == null) {
                    return Map.of("data", List.of());
                }
                return Map.of("data", List.of(ordered("category", "Business", "link",
                        "https://www.facebook.com/games/?app_id=" + appId, "name", appName, "id", appId,
                        "subscribed_fields", List.copyOf(page.subscribedFields))));
            }
            case "POST" -> {
                requireScope(token, "pages_manage_metadata");
                List<String> fields = listParam(r, "subscribed_fields");
                if (fields == null || fields.isEmpty()) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The parameter subscribed_fields is required"));
                }
                for (String field : fields) {
                    if (!WEBHOOK_FIELDS.contains(field)) {
                        throw new GraphErrorException(GraphError.invalidParameter(
                                "Param subscribed_fields must be one of {" + String.join(", ", WEBHOOK_FIELDS)
                                        + "} - got \"" + field + "\""));
                    }
                }
                page.subscribedFields = new LinkedHashSet<>(fields);
                return Map.of("success", true);
            }
            default -> {
                requireScope(token, "pages_manage_metadata");
                page.subscribedFields = null;
                return Map.of("success", true);
            }
        }
    }

    private static List<String> listParam(GraphRequest r, String name) {
        JsonNode node = r.jsonParam(name);
        if (node == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText().strip()));
        } else {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private Map<String, Object> messengerProfile(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = pageForPageToken(r, token, pageId);
        requireScope(token, "pages_messaging");
        switch (r.method) {
            case "GET" -> {
                List<String> fields = listParam(r, "fields");
                if (fields == null || fields.isEmpty()) {
                    throw new GraphErrorException(GraphError.invalidParameter("The parameter fields is required"));
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (String field : fields) {
                    if (!PROFILE_PROPERTIES.contains(field)) {
                        throw new GraphErrorException(GraphError.invalidParameter(
                                "Param fields[" + field + "] is not a valid messenger profile field"));
                    }
                    if (page.messengerProfile.containsKey(field)) {
                        values.put(field, page.messengerProfile.get(field));
                    }
                }
                return Map.of("data", values.isEmpty() ? List.of() : List.of(values));
            }
            case "POST" -> {
                Map<String, Object> updates = new LinkedHashMap<>();
                for (String key : r.params.keySet()) {
                    if (key.equals("access_token") || key.equals("appsecret_proof")) {
                        continue;
                    }
                    if (!PROFILE_PROPERTIES.contains(key)) {
                        throw new GraphErrorException(GraphError.invalidParameter(
                                "Invalid keys \"" + key + "\" were found in param \"name_placeholder\"."));
                    }
                    updates.put(key, GraphRequest.JSON.convertValue(r.jsonParam(key), Object.class));
                }
                if (updates.isEmpty()) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "No messenger profile properties were given"));
                }
                page.messengerProfile.putAll(updates);
                return Map.of("result", "success");
            }
            default -> {
                List<String> fields = listParam(r, "fields");
                if (fields == null || fields.isEmpty()) {
                    throw new GraphErrorException(GraphError.invalidParameter("The parameter fields is required"));
                }
                fields.forEach(page.messengerProfile::remove);
                return Map.of("result", "success");
            }
        }
    }

    // ---------------------------------------------------------------- Send API

    private Map<String, Object> send(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = pageForPageToken(r, token, pageId);
        requireScope(token, "pages_messaging");
        JsonNode recipient = r.jsonParam("recipient");
        if (recipient == null || !recipient.isObject() || !recipient.hasNonNull("id")) {
            throw new GraphErrorException(GraphError.invalidParameter("The parameter recipient is required"));
        }
        String psid = recipient.get("id").asText();
        JsonNode message = r.jsonParam("message");
        String senderAction = r.param("sender_action");
        if (message != null && senderAction != null) {
            throw new GraphErrorException(GraphError.invalidParameter(
                    "sender_action cannot be sent with message; send it as a separate request"));
        }
        if (message == null && senderAction == null) {
            throw new GraphErrorException(GraphError.invalidParameter("Must send either message or sender_action"));
        }
        String messagingType = r.param("messaging_type");
        String tag = r.param("tag");
        String attachmentType = null;
        List<String> quickReplyTitles = List.of();
        String text = null;
        if (message != null) {
            if (!message.isObject()) {
                throw new GraphErrorException(GraphError.invalidParameter("param message must be an object"));
            }
            if (messagingType == null) {
                throw new GraphErrorException(GraphError.invalidParameter("The parameter messaging_type is required"));
            }
            if (!Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG").contains(messagingType)) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG} - got \""
                                + messagingType + "\""));
            }
            if (messagingType.equals("MESSAGE_TAG")) {
                if (tag == null) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The parameter tag is required when messaging_type is MESSAGE_TAG"));
                }
                if (RETIRED_TAGS.contains(tag)) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "The message tag " + tag + " is no longer supported."));
                }
                if (!tag.equals("HUMAN_AGENT")) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "Param tag must be one of {HUMAN_AGENT} - got \"" + tag + "\""));
                }
            }
            text = message.hasNonNull("text") ? message.get("text").asText() : null;
            JsonNode attachment = message.get("attachment");
            if (attachment != null && attachment.isObject()) {
                attachmentType = attachment.path("type").asText(null);
                if (attachmentType == null) {
                    throw new GraphErrorException(GraphError.invalidParameter("param message[attachment][type] is required"));
                }
                if (!Set.of("image", "audio", "video", "file", "template").contains(attachmentType)) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "Param message[attachment][type] must be one of {image, audio, video, file, template}"));
                }
                JsonNode payload = attachment.get("payload");
                if (payload == null || !payload.isObject()) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "param message[attachment][payload] is required"));
                }
                if (attachmentType.equals("template")) {
                    attachmentType = "template:" + payload.path("template_type").asText("unknown");
                }
            }
            boolean sticker = message.hasNonNull("sticker_id");
            if (text == null && attachmentType == null && !sticker) {
                throw new GraphErrorException(new GraphError(400, 100, 2018034, "OAuthException",
                        "(#100) Message cannot be empty, must provide valid attachment or text", null));
            }
            if (text != null && text.codePointCount(0, text.length()) > TEXT_LIMIT) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Length of param message[text] must be less than or equal to " + TEXT_LIMIT));
            }
            if (message.hasNonNull("metadata") && message.get("metadata").asText().length() > 1000) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Length of param message[metadata] must be less than or equal to 1000"));
            }
            quickReplyTitles = quickReplies(message.get("quick_replies"));
        } else {
            if (!SENDER_ACTIONS.contains(senderAction)) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact} - got \""
                                + senderAction + "\""));
            }
        }
        CustomerRecord customer = customers.get(page.id + "/" + psid);
        if (customer == null) {
            throw new GraphErrorException(GraphError.noMatchingUser());
        }
        Instant now = now();
        Duration window = "MESSAGE_TAG".equals(messagingType) ? HUMAN_AGENT_WINDOW : WINDOW;
        if (customer.lastInboundAt == null || now.isAfter(customer.lastInboundAt.plus(window))) {
            throw new GraphErrorException(GraphError.outsideWindow());
        }
        boolean media = "audio".equals(attachmentType) || "video".equals(attachmentType);
        Deque<Instant> times = (media ? mediaSendTimes : sendTimes).computeIfAbsent(page.id, k -> new ArrayDeque<>());
        prune(times);
        if (times.size() >= (media ? mediaSendLimitPerSecond : sendLimitPerSecond)) {
            throw new GraphErrorException(GraphError.rateLimited());
        }
        times.addLast(now);
        if (media) {
            Deque<Instant> all = sendTimes.computeIfAbsent(page.id, k -> new ArrayDeque<>());
            prune(all);
            all.addLast(now);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("recipient_id", psid);
        if (message != null) {
            String mid = io.messengerkit.testkit.trigger.WebhookEvent.newMid();
            append(page.id, psid, new TranscriptEntry(++transcriptSequence, now, Direction.OUTBOUND, Kind.MESSAGE, mid,
                    text, null, quickReplyTitles, attachmentType, null, messagingType, tag, message.toString()));
            response.put("message_id", mid);
            if (text != null) {
                onSent.accept(new SentMessage(page.id, psid, mid, text,
                        message.hasNonNull("metadata") ? message.get("metadata").asText() : null));
            }
            if (message.path("attachment").path("payload").path("is_reusable").asBoolean(false)) {
                response.put("attachment_id", Long.toString(500000000000000L + transcriptSequence));
            }
        } else {
            append(page.id, psid, new TranscriptEntry(++transcriptSequence, now, Direction.OUTBOUND,
                    Kind.SENDER_ACTION, null, null, senderAction, List.of(), null, null, null, null, null));
        }
        return response;
    }

    private void prune(Deque<Instant> times) {
        Instant horizon = now().minusSeconds(1);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private static List<String> quickReplies(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new GraphErrorException(GraphError.invalidParameter("param message[quick_replies] must be an array"));
        }
        if (node.size() > QUICK_REPLY_LIMIT) {
            throw new GraphErrorException(GraphError.invalidParameter(
                    "param message[quick_replies] must have at most " + QUICK_REPLY_LIMIT + " elements"));
        }
        List<String> titles = new ArrayList<>();
        for (JsonNode reply : node) {
            String type = reply.path("content_type").asText("text");
            if (!Set.of("text", "user_phone_number", "user_email").contains(type)) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "param message[quick_replies][content_type] must be one of {text, user_phone_number, user_email}"));
            }
            String title = reply.path("title").asText("");
            if (type.equals("text")) {
                if (title.isEmpty() && !reply.hasNonNull("image_url")) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "param message[quick_replies][title] is required"));
                }
                if (title.codePointCount(0, title.length()) > 20) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "Length of param message[quick_replies][title] must be less than or equal to 20"));
                }
                if (!reply.hasNonNull("payload") && !reply.hasNonNull("image_url")) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "param message[quick_replies][payload] is required"));
                }
                if (reply.path("payload").asText("").length() > 1000) {
                    throw new GraphErrorException(GraphError.invalidParameter(
                            "Length of param message[quick_replies][payload] must be less than or equal to 1000"));
                }
            }
            titles.add(title.isEmpty() ? type : title);
        }
        return titles;
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
