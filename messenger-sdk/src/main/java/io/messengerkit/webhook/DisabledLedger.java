package io.messengerkit.webhook;

/** The ledger that remembers nothing; the dispatcher recognises it and skips computing keys. */
enum DisabledLedger implements DeduplicationLedger {
    INSTANCE;

    @Override
    public boolean tryClaim(String key) {
        return true;
    }

    @Override
    public void markDone(String key) {
        // nothing is remembered
    }

    @Override
    public void release(String key) {
        // nothing is remembered
    }
}
