/** Plumbing shared by the testkit's packages; not part of its API. */
package io.messengerkit.testkit.internal;
