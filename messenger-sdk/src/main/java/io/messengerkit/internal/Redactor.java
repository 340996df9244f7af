package io.messengerkit.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text that may reach a log line or an exception message: URLs, query
 * strings, form bodies and JSON bodies.
 *
 * <p>The parameters are the ones Graph calls carry secrets in. Values are replaced, names kept,
 * so a reader still sees which parameters a request had.
 */
public final class Redactor {
    /** Parameter and JSON field names whose values are secrets. */
    public static final List<String> SECRET_NAMES = List.of(
            "access_token", "appsecret_proof", "client_secret", "input_token", "fb_exchange_token");

    static final String MASK = "[redacted]";

    private static final Pattern QUERY_OR_FORM = Pattern.compile(
            "(?i)(^|[?&;\\s])(" + String.join("|", SECRET_NAMES) + ")=([^&\\s#\"']*)");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:" + String.join("|", SECRET_NAMES) + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=|-]+");

    private Redactor() {
    }

    /**
     * {@return the text with every secret parameter value, JSON field value and bearer credential masked}
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
}
