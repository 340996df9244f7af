/**
 * The operator dashboard's figures: traffic, reply latency and failures from the message log,
 * account and page health with the action that fixes each state, Meta's last reported rate-limit
 * usage per page, and the Graph API version's remaining life. The management API serves them at
 * {@code GET /api/dashboard/}.
 */
package io.messengerkit.jakarta.dashboard;
