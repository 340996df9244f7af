package io.messengerkit.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Button;
import io.messengerkit.send.ButtonTemplate;
import io.messengerkit.send.GenericTemplate;
import io.messengerkit.send.MediaAttachment;
import io.messengerkit.send.Message;
import io.messengerkit.send.QuickReply;
import io.messengerkit.send.Recipient;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SenderAction;
import io.messengerkit.send.TemplateAttachment;
import java.util.List;
import java.util.Locale;

/** Writes Send API request bodies in Meta's JSON shape. */
final class SendJson {
    private SendJson() {
    }

    /**
     * {@return the body of a message send}
     *
     * @param request the request
     */
    static ObjectNode request(SendRequest request) {
        ObjectNode root = Json.object();
        root.set("recipient", recipient(request.recipient()));
        root.put("messaging_type", request.messagingType().name());
        if (request.tag() != null) {
            root.put("tag", request.tag().value());
        }
        root.set("message", message(request.message()));
        if (request.replyTo() != null) {
            root.putObject("reply_to").put("mid", request.replyTo());
        }
        if (request.notificationType() != null) {
            root.put("notification_type", request.notificationType().name());
        }
        if (request.personaId() != null) {
            root.put("persona_id", request.personaId());
        }
        return root;
    }

    /**
     * {@return the body of a sender action, which carries only the recipient and the action}
     *
     * @param recipient who
     * @param action which action
     */
    static ObjectNode senderAction(Recipient recipient, SenderAction action) {
        ObjectNode root = Json.object();
        root.set("recipient", recipient(recipient));
        root.put("sender_action", action.wireName());
        return root;
    }

    static ObjectNode recipient(Recipient r) {
        ObjectNode n = Json.object();
        if (r.id() != null) {
            n.put("id", r.id());
        } else if (r.userRef() != null) {
            n.put("user_ref", r.userRef());
        } else if (r.commentId() != null) {
            n.put("comment_id", r.commentId());
        } else {
            n.put("post_id", r.postId());
        }
        return n;
    }

    static ObjectNode message(Message m) {
        ObjectNode n = Json.object();
        if (m.text() != null) {
            n.put("text", m.text());
        } else {
            n.set("attachment", attachment(m.attachment()));
        }
        if (!m.quickReplies().isEmpty()) {
            ArrayNode qrs = n.putArray("quick_replies");
            for (QuickReply q : m.quickReplies()) {
                ObjectNode o = qrs.addObject();
                o.put("content_type", q.contentType().name().toLowerCase(Locale.ROOT));
                if (q.title() != null) {
                    o.put("title", q.title());
                }
                if (q.payload() != null) {
                    o.put("payload", q.payload());
                }
                if (q.imageUrl() != null) {
                    o.put("image_url", q.imageUrl());
                }
            }
        }
        if (m.metadata() != null) {
            n.put("metadata", m.metadata());
        }
        return n;
    }

    static ObjectNode attachment(Attachment a) {
        ObjectNode n = Json.object();
        if (a instanceof MediaAttachment m) {
            n.put("type", m.type().name().toLowerCase(Locale.ROOT));
            ObjectNode payload = n.putObject("payload");
            if (m.url() != null) {
                payload.put("url", m.url());
                if (m.reusable()) {
                    payload.put("is_reusable", true);
                }
            } else {
                payload.put("attachment_id", m.attachmentId());
            }
        } else if (a instanceof TemplateAttachment t) {
            n.put("type", "template");
            ObjectNode payload = n.putObject("payload");
            if (t.template() instanceof GenericTemplate g) {
                payload.put("template_type", "generic");
                if (g.sharable()) {
                    payload.put("sharable", true);
                }
                ArrayNode elements = payload.putArray("elements");
                for (GenericTemplate.Element e : g.elements()) {
                    ObjectNode o = elements.addObject();
                    o.put("title", e.title());
                    if (e.subtitle() != null) {
                        o.put("subtitle", e.subtitle());
                    }
                    if (e.imageUrl() != null) {
                        o.put("image_url", e.imageUrl());
                    }
                    if (e.defaultActionUrl() != null) {
                        o.putObject("default_action").put("type", "web_url").put("url", e.defaultActionUrl());
                    }
                    if (!e.buttons().isEmpty()) {
                        o.set("buttons", buttons(e.buttons()));
                    }
                }
            } else if (t.template() instanceof ButtonTemplate b) {
                payload.put("template_type", "button");
                payload.put("text", b.text());
                payload.set("buttons", buttons(b.buttons()));
            } else {
                n.set("payload", TemplateJson.payload(t.template()));
            }
        }
        return n;
    }

    /**
     * Buttons in Meta's shape; shared with the persistent menu.
     *
     * @param buttons the buttons
     * @return their JSON
     */
    static ArrayNode buttons(List<? extends Button> buttons) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Button b : buttons) {
            ObjectNode o = array.addObject();
            if (b instanceof Button.Url u) {
                o.put("type", "web_url").put("title", u.title()).put("url", u.url());
            } else if (b instanceof Button.Postback p) {
                o.put("type", "postback").put("title", p.title()).put("payload", p.payload());
            } else if (b instanceof Button.Call c) {
                o.put("type", "phone_number").put("title", c.title()).put("payload", c.phoneNumber());
            } else if (b instanceof Button.AccountLink l) {
                o.put("type", "account_link").put("url", l.url());
            } else if (b instanceof Button.AccountUnlink) {
                o.put("type", "account_unlink");
            } else if (b instanceof Button.GamePlay g) {
                o.put("type", "game_play").put("title", g.title());
                if (g.payload() != null) {
                    o.put("payload", g.payload());
                }
                if (g.playerId() != null || g.contextId() != null) {
                    ObjectNode meta = o.putObject("game_metadata");
                    if (g.playerId() != null) {
                        meta.put("player_id", g.playerId());
                    } else {
                        meta.put("context_id", g.contextId());
                    }
                }
            }
        }
        return array;
    }
}
