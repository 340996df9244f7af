package io.messengerkit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log line, an exception message or an API answer:
 * URLs, query strings, form bodies, JSON bodies and {@code Authorization} headers.
 *
 * <p>The SDK passes everything it logs or puts into an exception through here; code built on the
 * SDK should do the same with any text that may echo a Graph request or response.
 *
 * <pre>{@code
 * log.warn("Graph call failed: {}", Redactor.redact(e.getMessage()));
 * }</pre>
 *
 * <p>Values are replaced with {@value #MASK} and names kept, so a reader still sees which
 * parameters a request had. Masked are the parameters Graph calls carry secrets in
 * ({@code access_token}, {@code appsecret_proof}, {@code client_secret}, {@code input_token},
 * {@code fb_exchange_token}), wherever they appear as {@code name=value} or as a JSON field, and
 * every {@code Bearer} credential.
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "[redacted]";

    private static final List<String> SECRET_NAMES = List.of(
            "access_token", "appsecret_proof", "client_secret", "input_token", "fb_exchange_token");
    private static final Pattern QUERY_OR_FORM = Pattern.compile(
            "(?i)(^|[?&;\\s])(" + String.join("|", SECRET_NAMES) + ")=([^&\\s#\"']*)");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:" + String.join("|", SECRET_NAMES) + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=|-]+");

    private Redactor() {
    }

    /**
     * {@return the text with every secret parameter value, JSON field value and bearer credential
     * masked; null for null}
     *
     * @param text a URL, body or message that may carry secrets
     */
    public static String redact(CharSequence text) {
        if (text == null) {
            return null;
        }
        String result = QUERY_OR_FORM.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + "=" + MASK));
        result = JSON_FIELD.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        return BEARER.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * {@return whether a query, form or JSON parameter of this name carries a secret value (the
     * names {@link #redact} masks), ignoring case}
     *
     * @param name a parameter or field name
     */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
