package io.messengerkit.testkit.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The Graph calls the emulator received and how it answered them: the last 10,000. Thread-safe. */
final class CallLog {
    static final int CAPACITY = 10_000;

    private final Deque<RecordedRequest> calls = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Records a call; status 0 means the connection was dropped without an answer. */
    void record(Instant received, GraphRequest request, int status, String responseBody) {
        RecordedRequest entry = new RecordedRequest(sequence.incrementAndGet(), received, request.method,
                request.version, request.path, request.query, request.headers, request.body, request.params,
                request.token, status, responseBody);
        synchronized (calls) {
            calls.addLast(entry);
            while (calls.size() > CAPACITY) {
                calls.removeFirst();
            }
        }
    }

    List<RecordedRequest> all() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }
}
