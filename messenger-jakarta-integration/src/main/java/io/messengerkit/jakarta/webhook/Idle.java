package io.messengerkit.jakarta.webhook;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a worker to become idle when it is closed. */
final class Idle {
    private Idle() {
    }

    /** Polls {@code idle} until it holds or {@code timeout} passes; the workers keep no lock to wait on. */
    static boolean await(BooleanSupplier idle, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!idle.getAsBoolean()) {
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return idle.getAsBoolean();
            }
        }
        return true;
    }
}
