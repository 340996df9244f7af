package io.messengerkit.jakarta.dashboard;

import io.messengerkit.graph.GraphUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rate-limit usage Meta last reported, per page and for the app, kept in memory for the
 * operator dashboard. Register it as the Graph client's usage listener
 * ({@code GraphClient.builder(config).usageListener(tracker)}); {@code MessengerBackend} does so for the
 * client it builds.
 *
 * <p>Per page, the figures come from {@code X-Business-Use-Case-Usage}, which Meta keys by the page
 * id on calls made with a page token (the Send API among them); {@code X-App-Usage} is the app's.
 * {@code X-Page-Usage} names no page and is not attributed. Each application instance sees only its
 * own calls, so readings are per instance and start empty after a restart.
 */
public final class PageUsageTracker implements Consumer<GraphUsage> {
    /** Pages remembered at most; the least recently reported are forgotten first. */
    static final int MAX_PAGES = 10_000;

    /**
     * One report.
     *
     * @param usedPercent the highest share of the allowance Meta reports used (call count, CPU
     *     time or total time; several use cases of one page: the highest), 0 to 100 or more
     * @param regainAccessIn how long Meta says calls stay throttled, when it says so
     * @param seenAt when the response carrying it arrived
     */
    public record Reading(int usedPercent, Optional<Duration> regainAccessIn, Instant seenAt) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param usedPercent the highest share of the allowance Meta reports used
         * @param regainAccessIn how long Meta says calls stay throttled, when it says so
         * @param seenAt when the response carrying it arrived
         */
        public Reading {
            regainAccessIn = regainAccessIn == null ? Optional.empty() : regainAccessIn;
            Objects.requireNonNull(seenAt, "seenAt");
        }

        /** {@return the share of the allowance still free, 0 to 100} */
        public int headroomPercent() {
            return Math.max(0, 100 - Math.max(0, usedPercent));
        }
    }

    private final Clock clock;
    private final Map<String, Reading> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private volatile Reading app;

    /**
     * A tracker stamping readings with {@code clock}.
     *
     * @param clock the time source
     */
    public PageUsageTracker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the usage headers of one response.
     *
     * @param usage the parsed headers
     */
    @Override
    public void accept(GraphUsage usage) {
        Instant now = clock.instant();
        usage.app().ifPresent(f -> app = new Reading(f.maxPercent(), f.estimatedTimeToRegainAccess(), now));
        for (Map.Entry<String, List<GraphUsage.BusinessUseCase>> entry : usage.businessUseCase().entrySet()) {
            List<GraphUsage.BusinessUseCase> cases = entry.getValue();
            if (cases.isEmpty()) {
                continue;
            }
            int percent = cases.stream().mapToInt(GraphUsage.BusinessUseCase::maxPercent).max().orElse(0);
            Optional<Duration> wait = cases.stream().map(GraphUsage.BusinessUseCase::estimatedTimeToRegainAccess)
                    .filter(d -> !d.isZero() && !d.isNegative()).max(Duration::compareTo);
            synchronized (pages) {
                pages.put(entry.getKey(), new Reading(percent, wait, now));
            }
        }
    }

    /**
     * {@return the last reading of a page, if any call reported one since this instance started}
     *
     * @param pageId the page id
     */
    public Optional<Reading> page(String pageId) {
        synchronized (pages) {
            return Optional.ofNullable(pages.get(pageId));
        }
    }

    /** {@return the last {@code X-App-Usage} reading, if any call reported one since this instance started} */
    public Optional<Reading> app() {
        return Optional.ofNullable(app);
    }
}
