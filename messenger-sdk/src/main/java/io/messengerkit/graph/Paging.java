package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads every page of a cursor-paged Graph edge. It follows {@code paging.cursors.after} (or the
 * {@code after} parameter of {@code paging.next}) for as long as {@code paging.next} is present,
 * as Meta asks: a page may be empty and still have a next one. The {@code next} URL itself is not
 * followed, because it can carry the access token and could point anywhere.
 */
final class Paging {
    /** A guard against a server that keeps returning new cursors forever. */
    static final int MAX_PAGES = 1000;

    private Paging() {
    }

    /**
     * {@return every {@code data} element of every page}
     *
     * @param engine the engine
     * @param first the call for the first page
     */
    static CompletableFuture<List<JsonNode>> all(GraphEngine engine, GraphCall first) {
        List<JsonNode> items = new ArrayList<>();
        return next(engine, first, items, new HashSet<>(), 1).thenApply(v -> List.copyOf(items));
    }

    private static CompletableFuture<Void> next(GraphEngine engine, GraphCall call, List<JsonNode> items,
            Set<String> seenCursors, int pageNumber) {
        return engine.execute(call).thenCompose(response -> {
            JsonNode body = response.body();
            body.path("data").forEach(items::add);
            String after = afterCursor(body.path("paging"));
            if (after == null || !seenCursors.add(after) || pageNumber >= MAX_PAGES) {
                return CompletableFuture.completedFuture(null);
            }
            Map<String, String> query = new LinkedHashMap<>(call.query());
            query.put("after", after);
            return next(engine, call.withQuery(query), items, seenCursors, pageNumber + 1);
        });
    }

    static String afterCursor(JsonNode paging) {
        String next = Json.text(paging, "next");
        if (next == null || next.isBlank()) {
            return null;
        }
        String after = Json.text(paging.path("cursors"), "after");
        if (after != null && !after.isBlank()) {
            return after;
        }
        try {
            String query = URI.create(next).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).equals("after")) {
                        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
