package io.messengerkit.send;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escape hatch: a template payload written by hand, sent as
 * {@code {"attachment":{"type":"template","payload": <payloadJson>}}} without the SDK's checks.
 * Use it for a template type Meta adds before the SDK models it (for example the utility or
 * instant form templates). The JSON must be an object naming its {@code template_type}; Meta
 * validates the rest.
 *
 * @param templateType the payload's {@code template_type}
 * @param payloadJson the payload, a JSON object
 */
public record RawTemplate(String templateType, String payloadJson) implements Template {
    private static final Pattern TYPE = Pattern.compile("\"template_type\"\\s*:\\s*\"([a-z_]{1,64})\"");

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param templateType the payload's {@code template_type}
     * @param payloadJson the payload, a JSON object
     */
    public RawTemplate {
        Limits.required(templateType, "template_type");
        Limits.required(payloadJson, "template payload");
        if (!payloadJson.strip().startsWith("{")) {
            throw new InvalidMessageException("a raw template payload is a JSON object");
        }
    }

    /**
     * {@return a raw template; {@code template_type} is read from the JSON}
     *
     * @param payloadJson a JSON object with a {@code template_type}
     */
    public static RawTemplate of(String payloadJson) {
        Limits.required(payloadJson, "template payload");
        Matcher m = TYPE.matcher(payloadJson);
        if (!m.find()) {
            throw new InvalidMessageException("a raw template payload needs a \"template_type\"");
        }
        return new RawTemplate(m.group(1), payloadJson);
    }
}
