package io.messengerkit.send;

import java.util.List;

/**
 * A carousel of up to 10 cards, each with a title, optional subtitle, image, default action and up
 * to 3 buttons.
 *
 * @param elements the cards, 1 to 10
 * @param sharable whether Messenger shows a share button
 */
public record GenericTemplate(List<Element> elements, boolean sharable) implements Template {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param elements the cards, 1 to 10
     * @param sharable whether Messenger shows a share button
     */
    public GenericTemplate {
        elements = Limits.list(elements, 1, Limits.GENERIC_ELEMENTS, "generic template elements");
    }

    /**
     * {@return a carousel of the given cards}
     *
     * @param elements the cards, at most ten
     */
    public static GenericTemplate of(Element... elements) {
        return new GenericTemplate(List.of(elements), false);
    }

    /**
     * One card. Meta requires at least one property besides the title.
     *
     * @param title at most 80 characters
     * @param subtitle at most 80 characters, or null
     * @param imageUrl or null
     * @param defaultActionUrl the page opened when the card is tapped, or null
     * @param buttons up to 3
     */
    public record Element(String title, String subtitle, String imageUrl, String defaultActionUrl,
            List<Button> buttons) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title at most 80 characters
         * @param subtitle at most 80 characters, or null
         * @param imageUrl or null
         * @param defaultActionUrl the page opened when the card is tapped, or null
         * @param buttons up to 3
         */
        public Element {
            Limits.max(Limits.required(title, "element title"), Limits.ELEMENT_TITLE, "element title");
            Limits.max(subtitle, Limits.ELEMENT_SUBTITLE, "element subtitle");
            buttons = Limits.list(buttons, 0, Limits.BUTTONS, "element buttons");
            if (subtitle == null && imageUrl == null && defaultActionUrl == null && buttons.isEmpty()) {
                throw new InvalidMessageException("an element needs a subtitle, image, default action or button"
                        + " besides its title");
            }
        }
    }

    @Override
    public String templateType() {
        return "generic";
    }
}
