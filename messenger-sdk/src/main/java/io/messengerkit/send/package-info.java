/**
 * The Send API model: {@link io.messengerkit.send.SendRequest}, {@link io.messengerkit.send.Message}
 * with its quick replies, templates and attachments, messaging types, tags and sender actions, all
 * checked against Meta's limits when built; and {@link io.messengerkit.send.PageMessenger}, the
 * client that sends them for one page.
 */
package io.messengerkit.send;
