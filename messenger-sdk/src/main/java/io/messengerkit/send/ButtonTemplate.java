package io.messengerkit.send;

import java.util.List;

/**
 * Text with 1 to 3 buttons under it.
 *
 * @param text at most 640 characters
 * @param buttons 1 to 3
 */
public record ButtonTemplate(String text, List<Button> buttons) implements Template {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param text at most 640 characters
     * @param buttons 1 to 3
     */
    public ButtonTemplate {
        Limits.max(Limits.required(text, "button template text"), Limits.BUTTON_TEMPLATE_TEXT, "button template text");
        buttons = Limits.list(buttons, 1, Limits.BUTTONS, "button template buttons");
    }

    /**
     * Text with the given buttons.
     *
     * @param text the text above the buttons
     * @param buttons one to three buttons
     * @return the template
     */
    public static ButtonTemplate of(String text, Button... buttons) {
        return new ButtonTemplate(text, List.of(buttons));
    }

    @Override
    public String templateType() {
        return "button";
    }
}
