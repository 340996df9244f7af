package io.messengerkit.testkit.internal;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Lets the emulator make {@link WebhookTrigger}s that show it each payload before posting it, without
 * a public way to do so on the trigger itself: the emulator must hear of a person's message to open
 * the 24-hour window, while anyone else's trigger posts without a witness. Not part of the API (the
 * module does not export this package).
 */
public final class WitnessedTriggers {
    /** How {@link WebhookTrigger} makes a witnessed trigger; it registers one when its class initialises. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param callback where the trigger posts
         * @param secret what it signs with
         * @param witness told of every payload (once, however many copies follow) before it is posted
         * @return the trigger
         */
        WebhookTrigger create(URI callback, AppSecret secret, Consumer<WebhookPayload> witness);
    }

    private static volatile Factory factory;

    private WitnessedTriggers() {
    }

    /** Called once, by {@link WebhookTrigger}'s static initialiser. */
    public static synchronized void register(Factory triggers) {
        if (factory != null) {
            throw new IllegalStateException("the witnessed trigger factory is registered already");
        }
        factory = triggers;
    }

    /** A trigger posting to {@code callback}, signed with {@code secret}, that shows {@code witness} each payload first. */
    public static WebhookTrigger create(URI callback, AppSecret secret, Consumer<WebhookPayload> witness) {
        if (factory == null) {
            try {
                Class.forName(WebhookTrigger.class.getName(), true, WebhookTrigger.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return factory.create(callback, secret, witness);
    }
}
