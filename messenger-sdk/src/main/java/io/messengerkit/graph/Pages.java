package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The pages a user can connect: their own ({@code /me/accounts}) and those of their Business
 * portfolios ({@code /me/businesses}, then each portfolio's {@code owned_pages} and
 * {@code client_pages}), reading every cursor page of every listing.
 */
public final class Pages {
    private static final System.Logger LOG = System.getLogger("io.messengerkit.graph");
    static final String PAGE_FIELDS = "id,name,access_token,category,tasks";
    static final String BUSINESS_PAGE_FIELDS = "id,name,access_token,category";
    static final String PAGE_SIZE = "100";

    private final GraphEngine engine;

    Pages(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * {@return every page of {@code /me/accounts} (pages the user has a role on)}
     *
     * @param userToken a user access token
     */
    public List<Page> listPersonal(AccessToken userToken) {
        return GraphEngine.await(listPersonalAsync(userToken));
    }

    /**
     * Async {@link #listPersonal(AccessToken)}.
     *
     * @param userToken a user access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<List<Page>> listPersonalAsync(AccessToken userToken) {
        Objects.requireNonNull(userToken, "userToken");
        return Paging.all(engine, GraphCall.get("me/accounts", "/me/accounts",
                        Map.of("fields", PAGE_FIELDS, "limit", PAGE_SIZE), userToken))
                .thenApply(items -> items.stream().map(n -> page(n, PageSource.personal())).toList());
    }

    /**
     * Personal and Business portfolio pages merged and de-duplicated by page id, each with every
     * source it was found in. When the portfolios cannot be read because a permission (usually
     * {@code business_management}) is missing, the listing holds the personal pages and a warning
     * instead of failing.
     *
     * @param userToken a user access token
     * @return the pages, each once, with its source, and any warnings
     * @throws TokenInvalidException when the user token is dead
     */
    public PageListing listAll(AccessToken userToken) {
        return GraphEngine.await(listAllAsync(userToken));
    }

    /**
     * Async {@link #listAll(AccessToken)}.
     *
     * @param userToken a user access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<PageListing> listAllAsync(AccessToken userToken) {
        Objects.requireNonNull(userToken, "userToken");
        Map<String, Page> merged = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        return listPersonalAsync(userToken)
                .thenCompose(personal -> {
                    personal.forEach(p -> merge(merged, p));
                    return businessesOrNothing(userToken, warnings);
                })
                .thenCompose(businesses -> {
                    if (businesses.isEmpty()) {
                        return CompletableFuture.completedFuture(false);
                    }
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (JsonNode business : businesses.get()) {
                        String id = Json.text(business, "id");
                        String name = Json.text(business, "name");
                        if (id == null) {
                            continue;
                        }
                        chain = chain
                                .thenCompose(v -> businessEdge(userToken, id, name, "owned_pages",
                                        PageSource.Kind.BUSINESS_OWNED, merged, warnings))
                                .thenCompose(v -> businessEdge(userToken, id, name, "client_pages",
                                        PageSource.Kind.BUSINESS_CLIENT, merged, warnings));
                    }
                    return chain.thenApply(v -> true);
                })
                .thenApply(included -> new PageListing(new ArrayList<>(merged.values()), included, warnings));
    }

    /** The user's portfolios, or nothing (with a warning) when a permission is missing. */
    private CompletableFuture<Optional<List<JsonNode>>> businessesOrNothing(AccessToken userToken,
            List<String> warnings) {
        return Paging.all(engine, GraphCall.get("me/businesses", "/me/businesses",
                        Map.of("fields", "id,name", "limit", PAGE_SIZE), userToken))
                .handle((businesses, failure) -> {
                    if (failure == null) {
                        return Optional.of(businesses);
                    }
                    PermissionMissingException missing = permissionMissing(failure);
                    warn(warnings, "Business portfolio pages were not listed because a permission is missing"
                            + " (business_management is needed): " + missing.getMessage()
                            + ". Showing personal pages only.");
                    return Optional.empty();
                });
    }

    private CompletableFuture<Void> businessEdge(AccessToken userToken, String businessId, String businessName,
            String edge, PageSource.Kind kind, Map<String, Page> merged, List<String> warnings) {
        PageSource source = new PageSource(kind, Optional.of(businessId), Optional.ofNullable(businessName));
        GraphCall call;
        try {
            call = GraphCall.get(edge, "/" + Ids.check(businessId, "business id") + "/" + edge,
                    Map.of("fields", BUSINESS_PAGE_FIELDS, "limit", PAGE_SIZE), userToken);
        } catch (IllegalArgumentException e) {
            warn(warnings, "Business " + businessId + " skipped: its id is not a Graph id.");
            return CompletableFuture.completedFuture(null);
        }
        return Paging.all(engine, call).handle((items, failure) -> {
            if (failure == null) {
                synchronized (merged) {
                    items.forEach(n -> merge(merged, page(n, source)));
                }
            } else {
                PermissionMissingException missing = permissionMissing(failure);
                warn(warnings, edge + " of business " + businessId + " were not listed: " + missing.getMessage());
            }
            return null;
        });
    }

    private static void warn(List<String> warnings, String warning) {
        LOG.log(System.Logger.Level.WARNING, warning);
        synchronized (warnings) {
            warnings.add(warning);
        }
    }

    /** The permission failure behind {@code failure}; anything else is rethrown unchanged. */
    private static PermissionMissingException permissionMissing(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PermissionMissingException p) {
            return p;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        throw new CompletionException(cause);
    }

    private static void merge(Map<String, Page> merged, Page page) {
        merged.merge(page.id(), page, (old, fresh) -> {
            List<PageSource> sources = new ArrayList<>(old.sources());
            fresh.sources().stream().filter(s -> !sources.contains(s)).forEach(sources::add);
            return new Page(old.id(), old.name() != null ? old.name() : fresh.name(),
                    old.category().or(fresh::category), old.accessToken().or(fresh::accessToken),
                    old.tasks().isEmpty() ? fresh.tasks() : old.tasks(), sources);
        });
    }

    static Page page(JsonNode n, PageSource source) {
        List<String> tasks = Json.strings(n, "tasks");
        if (tasks.isEmpty()) {
            tasks = Json.strings(n, "permitted_tasks");
        }
        return new Page(Json.text(n, "id"), Json.text(n, "name"), Json.optText(n, "category"),
                Json.optText(n, "access_token").filter(t -> !t.isBlank()).map(AccessToken::of), tasks,
                List.of(source));
    }
}
