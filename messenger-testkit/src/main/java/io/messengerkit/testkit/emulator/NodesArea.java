package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.json.MetaStyleJson.object;

import io.messengerkit.testkit.emulator.Model.BusinessRecord;
import io.messengerkit.testkit.emulator.Model.CustomerRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.emulator.Model.UserRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Users, pages and business portfolios: {@code GET /me} and {@code GET /{id}} (a user, a page, a
 * business, or with a page token a person's profile by PSID), and the lists that find a user's
 * pages with cursor paging: {@code /me/accounts}, {@code /me/businesses},
 * {@code /{business-id}/owned_pages} and {@code /{business-id}/client_pages}.
 */
final class NodesArea implements GraphArea {
    static final List<String> PAGE_TASKS = List.of("ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING",
            "MODERATE", "MANAGE");

    private final World world;
    private final GraphAuth auth;
    private final Paging paging;
    private final String baseUrl;

    NodesArea(World world, GraphAuth auth, Paging paging, String baseUrl) {
        this.world = world;
        this.auth = auth;
        this.paging = paging;
        this.baseUrl = baseUrl;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.node("GET", this::node);
        routes.edge("accounts", Set.of("GET"), this::accounts);
        routes.edge("businesses", Set.of("GET"), this::businesses);
        routes.edge("owned_pages", Set.of("GET"), (r, token, id) -> businessPages(r, token, id, true));
        routes.edge("client_pages", Set.of("GET"), (r, token, id) -> businessPages(r, token, id, false));
    }

    // ---------------------------------------------------------------- GET /{id}

    private Map<String, Object> node(GraphRequest r, TokenRecord token, String id) {
        UserRecord user = world.user(id);
        if (user != null && token.kind == TokenKind.USER && id.equals(token.userId)) {
            return FieldSelection.select(r, "User", List.of("id", "name"), userFields(user));
        }
        PageRecord page = world.page(id);
        if (page != null && auth.canManage(token, page)) {
            return FieldSelection.select(r, "Page", List.of("id", "name"), pageFields(page, token));
        }
        Model.InstagramRecord ig = world.instagram(id);
        if (ig != null && auth.canManage(token, world.page(ig.pageId))) {
            GraphAuth.requireScope(token, "instagram_basic");
            return FieldSelection.select(r, "IGUser", List.of("id"), instagramFields(ig));
        }
        BusinessRecord business = world.business(id);
        if (business != null && token.kind == TokenKind.USER && business.adminUserIds.contains(token.userId)) {
            return FieldSelection.select(r, "Business", List.of("id", "name"), businessFields(business));
        }
        if (token.kind == TokenKind.PAGE) {
            CustomerRecord customer = world.customer(token.pageId, id);
            if (customer != null) {
                GraphAuth.requireScope(token, "pages_messaging");
                return FieldSelection.select(r, "User", List.of("first_name", "last_name", "profile_pic", "id"),
                        personFields(customer));
            }
        }
        return null;
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
        fields.put("access_token", () -> world.tokens().pageTokenFor(token, page));
        fields.put("category", () -> page.category);
        fields.put("category_list", () -> List.of(object("id", "2200", "name", page.category)));
        fields.put("name", () -> page.name);
        fields.put("id", () -> page.id);
        fields.put("tasks", () -> PAGE_TASKS);
        fields.put("picture", () -> picture(page.id));
        fields.put("username", () -> page.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "")
                + page.id.substring(11));
        fields.put("link", () -> "https://www.facebook.com/" + page.id);
        fields.put("instagram_business_account", () -> instagramOf(page, token));
        return fields;
    }

    /**
     * The Page's {@code instagram_business_account}: null (left out by Graph) when none is connected;
     * reading it needs {@code instagram_basic}. Nested field lists are answered with all fields.
     */
    private Map<String, Object> instagramOf(PageRecord page, TokenRecord token) {
        Model.InstagramRecord ig = world.instagramOfPage(page.id);
        if (ig == null) {
            return null;
        }
        GraphAuth.requireScope(token, "instagram_basic");
        Map<String, Object> account = new LinkedHashMap<>();
        instagramFields(ig).forEach((k, v) -> account.put(k, v.get()));
        return account;
    }

    private Map<String, Supplier<Object>> instagramFields(Model.InstagramRecord ig) {
        Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
        fields.put("id", () -> ig.id);
        fields.put("username", () -> ig.username);
        fields.put("name", () -> ig.name);
        fields.put("profile_picture_url", () -> baseUrl + "/emulator/avatars/" + ig.id + ".png");
        return fields;
    }

    private static Map<String, Supplier<Object>> businessFields(BusinessRecord business) {
        Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
        fields.put("id", () -> business.id);
        fields.put("name", () -> business.name);
        return fields;
    }

    /** What the User Profile API shows a page about a person who wrote to it. */
    private Map<String, Supplier<Object>> personFields(CustomerRecord customer) {
        Map<String, Supplier<Object>> fields = new LinkedHashMap<>();
        fields.put("first_name", () -> customer.firstName);
        fields.put("last_name", () -> customer.lastName);
        fields.put("profile_pic", () -> baseUrl + "/emulator/avatars/" + customer.psid + ".png");
        fields.put("id", () -> customer.psid);
        fields.put("name", () -> (customer.firstName + " " + customer.lastName).strip());
        return fields;
    }

    private Map<String, Object> picture(String id) {
        return Map.of("data", object("height", 50, "is_silhouette", false, "url",
                baseUrl + "/emulator/avatars/" + id + ".png", "width", 50));
    }

    // ---------------------------------------------------------------- lists of pages and businesses

    private Map<String, Object> accounts(GraphRequest r, TokenRecord token, String nodeId) {
        requireOwnUserNode(r, token, nodeId, "accounts");
        List<PageRecord> mine = token.scopes.contains("pages_show_list")
                ? world.pagesAdministeredBy(token.userId)
                : List.of();
        List<String> defaults = List.of("access_token", "category", "category_list", "name", "id", "tasks");
        return paging.page(r, mine, p -> p.id, p -> FieldSelection.select(r, "Page", defaults, pageFields(p, token)));
    }

    private Map<String, Object> businesses(GraphRequest r, TokenRecord token, String nodeId) {
        requireOwnUserNode(r, token, nodeId, "businesses");
        GraphAuth.requireScope(token, "business_management");
        return paging.page(r, world.businessesAdministeredBy(token.userId), b -> b.id, b -> {
            Map<String, Supplier<Object>> fields = businessFields(b);
            fields.put("permitted_roles", () -> List.of("ADMIN"));
            return FieldSelection.select(r, "Business", List.of("id", "name"), fields);
        });
    }

    private Map<String, Object> businessPages(GraphRequest r, TokenRecord token, String businessId, boolean owned) {
        BusinessRecord business = world.business(businessId);
        if (business == null || token.kind != TokenKind.USER || !business.adminUserIds.contains(token.userId)) {
            throw new GraphErrorException(EmulatedGraphError.unsupportedRequest(r.method, businessId));
        }
        GraphAuth.requireScope(token, "business_management");
        List<PageRecord> list = (owned ? business.ownedPageIds : business.clientPageIds).stream()
                .map(world::page).toList();
        return paging.page(r, list, p -> p.id, p -> {
            Map<String, Supplier<Object>> fields = pageFields(p, token);
            if (!owned) {
                fields.put("permitted_tasks", () -> PAGE_TASKS);
            }
            return FieldSelection.select(r, "Page", List.of("id", "name"), fields);
        });
    }

    /** User lists are read with that user's own token: a page token has no such edge. */
    private static void requireOwnUserNode(GraphRequest r, TokenRecord token, String nodeId, String edge) {
        if (token.kind != TokenKind.USER) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Tried accessing nonexisting field (" + edge + ") on node type (Page)"));
        }
        if (!nodeId.equals(token.userId)) {
            throw new GraphErrorException(EmulatedGraphError.unsupportedRequest(r.method, nodeId));
        }
    }
}
