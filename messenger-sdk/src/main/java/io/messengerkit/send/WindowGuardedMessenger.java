package io.messengerkit.send;

import java.util.concurrent.CompletableFuture;

/** A {@link PageMessenger} that checks the messaging window before delegating. */
final class WindowGuardedMessenger implements PageMessenger {
    private final MessagingWindowPolicy policy;
    private final String pageId;
    private final PageMessenger delegate;

    WindowGuardedMessenger(MessagingWindowPolicy policy, String pageId, PageMessenger delegate) {
        this.policy = policy;
        this.pageId = pageId;
        this.delegate = delegate;
    }

    @Override
    public SendResult send(SendRequest request) {
        policy.check(pageId, request);
        return delegate.send(request);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(SendRequest request) {
        try {
            policy.check(pageId, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.sendAsync(request);
    }

    @Override
    public SendResult senderAction(String psid, SenderAction action) {
        return delegate.senderAction(psid, action);
    }

    @Override
    public CompletableFuture<SendResult> senderActionAsync(String psid, SenderAction action) {
        return delegate.senderActionAsync(psid, action);
    }

    @Override
    public String toString() {
        return "WindowGuarded" + delegate;
    }
}
