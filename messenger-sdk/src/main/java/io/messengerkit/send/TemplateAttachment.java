package io.messengerkit.send;

import java.util.Objects;

/**
 * A structured message.
 *
 * @param template the template
 */
public record TemplateAttachment(Template template) implements Attachment {
    public TemplateAttachment {
        Objects.requireNonNull(template, "template");
    }
}
