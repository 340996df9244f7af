package io.messengerkit.testkit.emulator;

import io.messengerkit.AppSecret;

/**
 * The Meta app the emulator plays the platform for.
 *
 * @param id the app id (digits)
 * @param secret the app secret: signs webhooks, keys {@code appsecret_proof}, forms app tokens
 * @param name the display name shown in {@code debug_token} and {@code subscribed_apps}
 */
record EmulatedApp(String id, AppSecret secret, String name) {

    @Override
    public String toString() {
        return "EmulatedApp[" + id + ", " + name + "]";
    }
}
