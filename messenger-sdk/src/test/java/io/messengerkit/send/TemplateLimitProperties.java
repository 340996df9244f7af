package io.messengerkit.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Template limits hold for every length and count, not just the ones written in examples. */
class TemplateLimitProperties {

    @Property
    void feedbackTitleAcceptedExactlyUpTo65Characters(@ForAll @IntRange(min = 1, max = 200) int length) {
        CustomerFeedbackTemplate.Question q = CustomerFeedbackTemplate.Question.of("q",
                CustomerFeedbackTemplate.ScoreType.NPS);
        String title = "t".repeat(length);
        if (length <= 65) {
            assertEquals(title, CustomerFeedbackTemplate.of(title, "Rate", q, "https://p.test").title());
        } else {
            assertThrows(InvalidMessageException.class,
                    () -> CustomerFeedbackTemplate.of(title, "Rate", q, "https://p.test"));
        }
    }

    @Property
    void imageGridAcceptsTwoToSixImages(@ForAll @IntRange(min = 0, max = 12) int count) {
        List<ImageGridTemplate.Image> images = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> ImageGridTemplate.Image.of("https://img.test/" + i)).toList();
        if (count >= 2 && count <= 6) {
            assertEquals(count, new ImageGridTemplate(images, null, null, List.of()).images().size());
        } else {
            assertThrows(InvalidMessageException.class, () -> new ImageGridTemplate(images, null, null, List.of()));
        }
    }

    @Property
    void couponCodeWithWhitespaceIsRefused(@ForAll @StringLength(min = 1, max = 30) String code) {
        if (code.chars().anyMatch(Character::isWhitespace)) {
            assertThrows(InvalidMessageException.class, () -> CouponTemplate.withCode("Deal", code));
        } else {
            assertEquals(code, CouponTemplate.withCode("Deal", code).couponCode());
        }
    }

    @Property
    void productTemplateTakesOneToTenIds(@ForAll @IntRange(min = 0, max = 15) int count) {
        List<String> ids = java.util.stream.IntStream.range(0, count).mapToObj(i -> "p" + i).toList();
        if (count >= 1 && count <= 10) {
            assertEquals(count, new ProductTemplate(ids).productIds().size());
        } else {
            assertThrows(InvalidMessageException.class, () -> new ProductTemplate(ids));
        }
    }
}
