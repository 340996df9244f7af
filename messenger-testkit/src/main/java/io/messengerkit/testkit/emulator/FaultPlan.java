package io.messengerkit.testkit.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The faults a test injected and has not used up yet, oldest first. Thread-safe. */
final class FaultPlan {
    private final List<Rule> rules = new ArrayList<>();

    private record Rule(Pattern path, Pattern body, AtomicInteger remaining, Fault fault) {
    }

    /** The next {@code times} calls whose path (without version) matches meet the fault. */
    void add(String pathRegex, int times, Fault fault) {
        add(pathRegex, null, times, fault);
    }

    /** The next {@code times} calls whose path matches and whose body contains a match of {@code bodyRegex} meet the fault. */
    void add(String pathRegex, String bodyRegex, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        Rule rule = new Rule(Pattern.compile(pathRegex), bodyRegex == null ? null : Pattern.compile(bodyRegex),
                new AtomicInteger(times), fault);
        synchronized (rules) {
            rules.add(rule);
        }
    }

    /** The fault this call meets (using up one of its times), or null. */
    Fault take(String path) {
        return take(path, "");
    }

    /** The fault this call (path and body text) meets, using up one of its times, or null. */
    Fault take(String path, String body) {
        synchronized (rules) {
            Iterator<Rule> it = rules.iterator();
            while (it.hasNext()) {
                Rule rule = it.next();
                if (rule.path.matcher(path).matches() && (rule.body == null || rule.body.matcher(body).find())) {
                    if (rule.remaining.decrementAndGet() <= 0) {
                        it.remove();
                    }
                    return rule.fault;
                }
            }
            return null;
        }
    }

    void clear() {
        synchronized (rules) {
            rules.clear();
        }
    }
}
