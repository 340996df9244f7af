/**
 * Running the backend in Jersey without CDI (Jersey on Grizzly).
 */
package io.messengerkit.jakarta.standalone;
