/**
 * The HTTP seam: {@link io.messengerkit.transport.HttpTransport} is all the SDK needs from an HTTP
 * stack, with a default on {@link java.net.http.HttpClient}; implement it to route Graph calls
 * through your own client, proxy or instrumentation.
 */
package io.messengerkit.transport;
