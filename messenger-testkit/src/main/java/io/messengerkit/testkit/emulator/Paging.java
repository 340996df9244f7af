package io.messengerkit.testkit.emulator;

import static io.messengerkit.testkit.json.MetaStyleJson.object;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cursor paging of list edges as Meta does it: {@code limit} (default the emulator's page size, at
 * most 100), {@code after} and {@code before} cursors, and {@code paging.cursors}, {@code previous}
 * and {@code next} links that repeat the call's other query parameters.
 */
final class Paging {
    private final int pageSize;
    private final String baseUrl;
    private final String defaultVersion;

    Paging(int pageSize, String baseUrl, String defaultVersion) {
        this.pageSize = pageSize;
        this.baseUrl = baseUrl;
        this.defaultVersion = defaultVersion;
    }

    /**
     * One page of the list as {@code {data, paging?}}.
     *
     * @param all the whole list, in its stable order
     * @param idOf the id a cursor points at
     * @param render an item as it appears in {@code data}
     */
    <T> Map<String, Object> page(GraphRequest r, List<T> all, Function<T, String> idOf,
            Function<T, Map<String, Object>> render) {
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
            paging.put("cursors", object("before", first, "after", last));
            if (start > 0) {
                paging.put("previous", link(r, limit, "before", first));
            }
            if (end < all.size()) {
                paging.put("next", link(r, limit, "after", last));
            }
            result.put("paging", paging);
        }
        return result;
    }

    private static <T> int indexOfCursor(List<T> all, Function<T, String> idOf, String cursor) {
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

    /** The same call for the neighbouring page; {@code access_token} only when the call had it in the query. */
    private String link(GraphRequest r, int limit, String cursorName, String cursorValue) {
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
}
