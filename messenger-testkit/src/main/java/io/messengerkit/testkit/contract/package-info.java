/**
 * Contract tests for the SDK's storage SPIs: abstract JUnit 5 classes that prove an implementation
 * behaves as the SDK relies on, including under concurrent use. Extend
 * {@link io.messengerkit.testkit.contract.TokenStoreContract} for a
 * {@link io.messengerkit.token.TokenStore} and
 * {@link io.messengerkit.testkit.contract.DeduplicationLedgerContract} for a
 * {@link io.messengerkit.webhook.DeduplicationLedger}, and return your implementation from the one
 * abstract method. The SDK's in-memory implementations and the Jakarta module's JPA ones pass them.
 */
package io.messengerkit.testkit.contract;
