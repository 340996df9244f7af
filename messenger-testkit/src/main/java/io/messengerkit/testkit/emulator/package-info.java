/**
 * The Messenger Platform emulator: a stateful Graph API on loopback ({@link
 * io.messengerkit.testkit.emulator.PlatformEmulator}) with test users, pages, business portfolios,
 * customers and their conversations, Meta's rules and error shapes, faults on demand, recorded calls and refused sends,
 * and the demo endpoints under {@code /emulator/} (JS SDK stand-in, "message the page as a user",
 * transcripts).
 */
package io.messengerkit.testkit.emulator;
