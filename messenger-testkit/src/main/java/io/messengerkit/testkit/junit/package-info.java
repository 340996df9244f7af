/**
 * JUnit 5 support: {@link io.messengerkit.testkit.junit.MessengerEmulatorExtension} starts an emulator
 * and an SDK wired to it for each test; {@link io.messengerkit.testkit.junit.MessengerAssertions}
 * asserts on what the page sent.
 */
package io.messengerkit.testkit.junit;
