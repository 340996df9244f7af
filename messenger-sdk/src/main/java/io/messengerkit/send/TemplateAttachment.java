package io.messengerkit.send;

import java.util.Objects;

/**
 * A structured message.
 *
 * @param template the template
 */
public record TemplateAttachment(Template template) implements Attachment {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param template the template
     */
    public TemplateAttachment {
        Objects.requireNonNull(template, "template");
    }
}
