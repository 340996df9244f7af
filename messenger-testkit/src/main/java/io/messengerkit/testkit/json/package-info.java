/**
 * JSON written byte for byte the way Meta's servers write it ({@link
 * io.messengerkit.testkit.json.MetaStyleJson}): what the emulator answers and the webhook trigger
 * signs, and what tests and benchmarks use to build bodies of their own that look like real deliveries.
 */
package io.messengerkit.testkit.json;
