package io.messengerkit.testkit.contract;

import io.messengerkit.webhook.DeduplicationLedger;

/** The SDK's in-memory ledger keeps the contract every ledger must keep. */
class InMemoryDeduplicationLedgerTest extends DeduplicationLedgerContract {
    @Override
    protected DeduplicationLedger createLedger() {
        return DeduplicationLedger.inMemory();
    }
}
