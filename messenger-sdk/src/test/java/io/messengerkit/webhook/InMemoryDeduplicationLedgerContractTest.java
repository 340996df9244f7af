package io.messengerkit.webhook;

class InMemoryDeduplicationLedgerContractTest extends DeduplicationLedgerContract {
    @Override
    protected DeduplicationLedger createLedger() {
        return DeduplicationLedger.inMemory();
    }
}
