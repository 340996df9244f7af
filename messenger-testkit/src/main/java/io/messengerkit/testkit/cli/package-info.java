/**
 * The testkit's command line ({@code java -jar messenger-testkit-VERSION-cli.jar}): trigger signed
 * webhook events at a running app, run the verification handshake, or run the emulator on its own.
 */
package io.messengerkit.testkit.cli;
