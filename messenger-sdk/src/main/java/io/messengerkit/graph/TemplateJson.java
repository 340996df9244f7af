package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.send.Button;
import io.messengerkit.send.CouponTemplate;
import io.messengerkit.send.CustomerFeedbackTemplate;
import io.messengerkit.send.ImageGridTemplate;
import io.messengerkit.send.InvalidMessageException;
import io.messengerkit.send.MediaTemplate;
import io.messengerkit.send.ProductTemplate;
import io.messengerkit.send.RawTemplate;
import io.messengerkit.send.ReceiptTemplate;
import io.messengerkit.send.Template;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;

/** Template payloads beyond generic and button, in Meta's JSON shape. */
final class TemplateJson {
    private TemplateJson() {
    }

    static ObjectNode payload(Template template) {
        ObjectNode p = Json.object();
        if (template instanceof MediaTemplate m) {
            p.put("template_type", "media");
            if (m.sharable()) {
                p.put("sharable", true);
            }
            ObjectNode e = p.putArray("elements").addObject();
            e.put("media_type", m.mediaType().name().toLowerCase(Locale.ROOT));
            if (m.attachmentId() != null) {
                e.put("attachment_id", m.attachmentId());
            } else {
                e.put("url", m.facebookUrl());
            }
            if (!m.buttons().isEmpty()) {
                e.set("buttons", SendJson.buttons(m.buttons()));
            }
        } else if (template instanceof ProductTemplate pt) {
            p.put("template_type", "product");
            ArrayNode elements = p.putArray("elements");
            pt.productIds().forEach(id -> elements.addObject().put("id", id));
        } else if (template instanceof CouponTemplate c) {
            p.put("template_type", "coupon");
            p.put("title", c.title());
            putIf(p, "subtitle", c.subtitle());
            putIf(p, "coupon_code", c.couponCode());
            putIf(p, "coupon_url", c.couponUrl());
            putIf(p, "coupon_url_button_title", c.couponUrlButtonTitle());
            putIf(p, "coupon_pre_message", c.couponPreMessage());
            putIf(p, "image_url", c.imageUrl());
            putIf(p, "payload", c.payload());
        } else if (template instanceof CustomerFeedbackTemplate f) {
            p.put("template_type", "customer_feedback");
            p.put("title", f.title());
            putIf(p, "subtitle", f.subtitle());
            p.put("button_title", f.buttonTitle());
            ObjectNode q = p.putArray("feedback_screens").addObject().putArray("questions").addObject();
            CustomerFeedbackTemplate.Question question = f.question();
            q.put("id", question.id());
            q.put("type", question.type().name().toLowerCase(Locale.ROOT));
            putIf(q, "title", question.title());
            putIf(q, "score_label", question.scoreLabel());
            putIf(q, "score_option", question.scoreOption());
            if (question.followUpPlaceholder() != null) {
                q.putObject("follow_up").put("type", "free_form").put("placeholder", question.followUpPlaceholder());
            }
            p.putObject("business_privacy").put("url", f.businessPrivacyUrl());
            p.put("expires_in_days", f.expiresInDays());
        } else if (template instanceof ImageGridTemplate g) {
            p.put("template_type", "image_grid");
            ObjectNode e = p.putArray("elements").addObject();
            putIf(e, "title", g.title());
            putIf(e, "subtitle", g.subtitle());
            ArrayNode images = e.putArray("images");
            for (ImageGridTemplate.Image image : g.images()) {
                ObjectNode i = images.addObject().put("url", image.url());
                if (image.hero()) {
                    i.put("is_hero_image", true);
                }
                if (image.action() instanceof Button.Url u) {
                    i.putObject("action").put("type", "web_url").put("url", u.url());
                } else if (image.action() instanceof Button.Postback pb) {
                    i.putObject("action").put("type", "postback").put("payload", pb.payload()).put("text", pb.title());
                }
            }
            if (!g.buttons().isEmpty()) {
                e.set("buttons", SendJson.buttons(g.buttons()));
            }
        } else if (template instanceof ReceiptTemplate r) {
            receipt(p, r);
        } else if (template instanceof RawTemplate raw) {
            return raw(raw);
        }
        return p;
    }

    private static void receipt(ObjectNode p, ReceiptTemplate r) {
        p.put("template_type", "receipt");
        p.put("recipient_name", r.recipientName());
        p.put("order_number", r.orderNumber());
        p.put("currency", r.currency());
        p.put("payment_method", r.paymentMethod());
        putIf(p, "order_url", r.orderUrl());
        putIf(p, "merchant_name", r.merchantName());
        if (r.timestampSeconds() > 0) {
            p.put("timestamp", String.valueOf(r.timestampSeconds()));
        }
        if (r.sharable()) {
            p.put("sharable", true);
        }
        if (r.address() != null) {
            ReceiptTemplate.Address a = r.address();
            ObjectNode o = p.putObject("address");
            o.put("street_1", a.street1());
            putIf(o, "street_2", a.street2());
            o.put("city", a.city()).put("postal_code", a.postalCode()).put("state", a.state())
                    .put("country", a.country());
        }
        ObjectNode s = p.putObject("summary");
        putIf(s, "subtotal", r.summary().subtotal());
        putIf(s, "shipping_cost", r.summary().shippingCost());
        putIf(s, "total_tax", r.summary().totalTax());
        s.put("total_cost", r.summary().totalCost());
        if (!r.adjustments().isEmpty()) {
            ArrayNode adj = p.putArray("adjustments");
            r.adjustments().forEach(a -> adj.addObject().put("name", a.name()).put("amount", a.amount()));
        }
        if (!r.elements().isEmpty()) {
            ArrayNode elements = p.putArray("elements");
            for (ReceiptTemplate.Item i : r.elements()) {
                ObjectNode o = elements.addObject().put("title", i.title());
                putIf(o, "subtitle", i.subtitle());
                if (i.quantity() > 0) {
                    o.put("quantity", i.quantity());
                }
                o.put("price", i.price());
                o.put("currency", r.currency());
                putIf(o, "image_url", i.imageUrl());
            }
        }
    }

    private static ObjectNode raw(RawTemplate raw) {
        JsonNode node;
        try {
            node = Json.parse(raw.payloadJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidMessageException("a raw template payload is not valid JSON");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new InvalidMessageException("a raw template payload is a JSON object");
        }
        if (!raw.templateType().equals(o.path("template_type").asText(null))) {
            o.put("template_type", raw.templateType());
        }
        return o;
    }

    private static void putIf(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putIf(ObjectNode o, String name, BigDecimal value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
