package io.messengerkit.send;

import java.util.List;

/**
 * Text with 1 to 3 buttons under it.
 *
 * @param text at most 640 characters
 * @param buttons 1 to 3
 */
public record ButtonTemplate(String text, List<Button> buttons) implements Template {
    public ButtonTemplate {
        Limits.max(Limits.required(text, "button template text"), Limits.BUTTON_TEMPLATE_TEXT, "button template text");
        buttons = Limits.list(buttons, 1, Limits.BUTTONS, "button template buttons");
    }

    /** Text with the given buttons. */
    public static ButtonTemplate of(String text, Button... buttons) {
        return new ButtonTemplate(text, List.of(buttons));
    }
}
