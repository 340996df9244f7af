package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed HTTP call: version prefix stripped, parameters merged from query, form and JSON body. */
final class GraphRequest {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("^/(v\\d+\\.\\d+)(/.*)?$");
    static final int MAX_BODY = 8 * 1024 * 1024;
    /** Meta's upload limit (25 MB) plus room for the multipart framing. */
    static final int MAX_MULTIPART_BODY = 25 * 1024 * 1024 + 64 * 1024;

    /** A file part of a multipart/form-data body. */
    record FilePart(String fileName, String contentType, byte[] content) {
    }

    /** File parts of a multipart/form-data body, by field name; empty for other bodies. */
    final Map<String, FilePart> files = new LinkedHashMap<>();

    final String method;
    final String version;
    final String path;
    final List<String> segments;
    final Map<String, List<String>> query;
    final boolean tokenInQuery;
    final Map<String, List<String>> headers;
    final byte[] body;
    final JsonNode json;
    final Map<String, String> params;
    final String token;

    private GraphRequest(String method, String version, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body, JsonNode json, Map<String, String> params,
            String token) {
        this.method = method;
        this.version = version;
        this.path = path;
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        this.segments = List.copyOf(parts);
        this.query = query;
        this.tokenInQuery = query.containsKey("access_token");
        this.headers = headers;
        this.body = body;
        this.json = json;
        this.params = params;
        this.token = token;
    }

    static GraphRequest parse(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        String version = null;
        Matcher m = VERSION.matcher(path);
        if (m.matches()) {
            version = m.group(1);
            path = m.group(2) == null ? "/" : m.group(2);
        }
        Map<String, List<String>> query = decodeForm(exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String contentType = first(headers, "content-type");
        String rawContentType = contentType == null ? "" : contentType;
        contentType = rawContentType.toLowerCase(Locale.ROOT);
        boolean multipart = contentType.startsWith("multipart/form-data");
        byte[] body = readBounded(exchange.getRequestBody(), multipart ? MAX_MULTIPART_BODY : MAX_BODY);

        Map<String, String> params = new LinkedHashMap<>();
        Map<String, FilePart> files = new LinkedHashMap<>();
        JsonNode json = null;
        if (multipart) {
            Multipart.parse(rawContentType, body, params, files);
        } else if (body.length > 0 && contentType.startsWith("application/json")) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter("Invalid JSON in request body"));
            }
            if (json != null && json.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode v = field.getValue();
                    params.put(field.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            }
        } else if (body.length > 0) {
            decodeForm(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> params.put(k, v.get(0)));
        }
        query.forEach((k, v) -> params.put(k, v.get(0)));

        String token = params.get("access_token");
        String authorization = first(headers, "authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        } else if (token == null && authorization != null && authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            token = authorization.substring(6).strip();
        }
        GraphRequest request = new GraphRequest(method, version, path, query, headers, body, json, params,
                token == null || token.isBlank() ? null : token);
        request.files.putAll(files);
        return request;
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            // Meta's answer to an upload over its limit: code 100, subcode 2018109.
            throw new GraphErrorException(max == MAX_MULTIPART_BODY
                    ? new EmulatedGraphError(400, 100, 2018109, "OAuthException",
                            "(#100) Attachment size exceeds allowable limit", null)
                    : EmulatedGraphError.invalidParameter("Request body is too large"));
        }
        return bytes;
    }

    static Map<String, List<String>> decodeForm(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String header(String name) {
        return first(headers, name);
    }

    String param(String name) {
        return params.get(name);
    }

    /** A parameter that may be a JSON object or array: from the JSON body directly, or a JSON string in a form. */
    JsonNode jsonParam(String name) {
        if (json != null && json.has(name)) {
            JsonNode node = json.get(name);
            if (!node.isTextual()) {
                return node;
            }
        }
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (IOException e) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter("param " + name + " must be valid JSON"));
            }
        }
        return JSON.getNodeFactory().textNode(raw);
    }

    /**
     * A list parameter, given as a JSON array or as comma-separated text; entries stripped. Null
     * when the parameter is absent.
     */
    List<String> listParam(String name) {
        JsonNode node = jsonParam(name);
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
}
