package io.messengerkit.send;

import java.util.List;

/**
 * A grid of 2 to 6 images, at most one of them the hero image ({@code template_type: image_grid}).
 *
 * @param images 2 to 6
 * @param title at most 45 characters, or null
 * @param subtitle at most 80 characters, or null
 * @param buttons up to 3 URL or postback buttons
 */
public record ImageGridTemplate(List<Image> images, String title, String subtitle, List<Button> buttons)
        implements Template {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param images 2 to 6
     * @param title at most 45 characters, or null
     * @param subtitle at most 80 characters, or null
     * @param buttons up to 3 URL or postback buttons
     */
    public ImageGridTemplate {
        images = Limits.list(images, 2, 6, "image grid images");
        if (images.stream().filter(Image::hero).count() > 1) {
            throw new InvalidMessageException("an image grid has at most one hero image");
        }
        Limits.max(title, Limits.IMAGE_GRID_TITLE, "image grid title");
        Limits.max(subtitle, Limits.ELEMENT_SUBTITLE, "image grid subtitle");
        buttons = Limits.list(buttons, 0, Limits.BUTTONS, "image grid buttons");
        if (buttons.stream().anyMatch(b -> !(b instanceof Button.Url || b instanceof Button.Postback))) {
            throw new InvalidMessageException("an image grid takes URL and postback buttons only");
        }
    }

    /**
     * {@return a grid of images with no title or buttons}
     *
     * @param images 2 to 6
     */
    public static ImageGridTemplate of(Image... images) {
        return new ImageGridTemplate(List.of(images), null, null, List.of());
    }

    /**
     * One image of the grid.
     *
     * @param url the image
     * @param hero whether it is shown large
     * @param action what a tap does: a URL or postback button (its title becomes the postback text), or null
     */
    public record Image(String url, boolean hero, Button action) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param url the image
         * @param hero whether it is shown large
         * @param action a URL or postback button, or null
         */
        public Image {
            Limits.required(url, "image url");
            if (!(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new InvalidMessageException("image url must be http(s)");
            }
            if (action != null && !(action instanceof Button.Url || action instanceof Button.Postback)) {
                throw new InvalidMessageException("an image action is a URL or postback");
            }
        }

        /**
         * {@return an image without action}
         *
         * @param url the image
         */
        public static Image of(String url) {
            return new Image(url, false, null);
        }
    }

    @Override
    public String templateType() {
        return "image_grid";
    }
}
