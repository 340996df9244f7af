/**
 * The Graph API client: {@link io.messengerkit.graph.GraphClient} and its facades for OAuth token
 * exchange and inspection, users, pages, webhook subscriptions, the Messenger Profile and the Send
 * API ({@code messenger(pageToken)}); the records they return, and the
 * {@link io.messengerkit.graph.GraphException} hierarchy, classified by Graph's error code and
 * subcode.
 *
 * <p>The engine behind the facades (request building, retries, rate limits, error classification,
 * paging, JSON reading and the Send API's request bodies) is package-private.
 */
package io.messengerkit.graph;
