package io.messengerkit.graph;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Meta's usage report from the {@code X-App-Usage}, {@code X-Page-Usage} and
 * {@code X-Business-Use-Case-Usage} headers of one response. Figures are percentages of the
 * allowance used; at 100 Meta starts throttling.
 *
 * @param app {@code X-App-Usage}, when present
 * @param page {@code X-Page-Usage}, when present
 * @param businessUseCase {@code X-Business-Use-Case-Usage}: business object id to its entries
 */
public record GraphUsage(Optional<Figures> app, Optional<Figures> page,
        Map<String, List<BusinessUseCase>> businessUseCase) {

    /** No usage headers. */
    public static final GraphUsage NONE = new GraphUsage(Optional.empty(), Optional.empty(), Map.of());

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param app {@code X-App-Usage}, when present
     * @param page {@code X-Page-Usage}, when present
     * @param businessUseCase {@code X-Business-Use-Case-Usage}: business object id to its entries
     */
    public GraphUsage {
        app = app == null ? Optional.empty() : app;
        page = page == null ? Optional.empty() : page;
        businessUseCase = businessUseCase == null ? Map.of() : Map.copyOf(businessUseCase);
    }

    /**
     * Usage percentages from {@code X-App-Usage} or {@code X-Page-Usage}.
     *
     * @param callCount percentage of calls used
     * @param totalCputime percentage of CPU time used
     * @param totalTime percentage of total time used
     * @param estimatedTimeToRegainAccess Meta's advised wait, when the header carried one
     */
    public record Figures(int callCount, int totalCputime, int totalTime,
            Optional<Duration> estimatedTimeToRegainAccess) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param callCount percentage of calls used
         * @param totalCputime percentage of CPU time used
         * @param totalTime percentage of total time used
         * @param estimatedTimeToRegainAccess Meta's advised wait, when the header carried one
         */
        public Figures {
            estimatedTimeToRegainAccess = estimatedTimeToRegainAccess == null
                    ? Optional.empty() : estimatedTimeToRegainAccess;
        }

        /** {@return the highest of the three percentages} */
        public int maxPercent() {
            return Math.max(callCount, Math.max(totalCputime, totalTime));
        }
    }

    /**
     * One entry of {@code X-Business-Use-Case-Usage}.
     *
     * @param type the use case, e.g. {@code pages} or {@code messenger}
     * @param callCount percentage of calls used
     * @param totalCputime percentage of CPU time used
     * @param totalTime percentage of total time used
     * @param estimatedTimeToRegainAccess how long until calls are no longer throttled
     */
    public record BusinessUseCase(String type, int callCount, int totalCputime, int totalTime,
            Duration estimatedTimeToRegainAccess) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param type the use case, e.g. {@code pages} or {@code messenger}
         * @param callCount percentage of calls used
         * @param totalCputime percentage of CPU time used
         * @param totalTime percentage of total time used
         * @param estimatedTimeToRegainAccess how long until calls are no longer throttled
         */
        public BusinessUseCase {
            estimatedTimeToRegainAccess = estimatedTimeToRegainAccess == null
                    ? Duration.ZERO : estimatedTimeToRegainAccess;
        }

        /** {@return the highest of the three percentages} */
        public int maxPercent() {
            return Math.max(callCount, Math.max(totalCputime, totalTime));
        }
    }

    /** {@return true when no usage header was present} */
    public boolean isEmpty() {
        return app.isEmpty() && page.isEmpty() && businessUseCase.isEmpty();
    }

    /** {@return the highest percentage reported by any header, {@code 0} when none} */
    public int maxPercent() {
        return Stream.concat(
                        Stream.concat(app.stream().map(Figures::maxPercent), page.stream().map(Figures::maxPercent)),
                        businessUseCase.values().stream().flatMap(List::stream).map(BusinessUseCase::maxPercent))
                .max(Integer::compare).orElse(0);
    }

    /** {@return the longest wait Meta advised in any header, when one is positive} */
    public Optional<Duration> advisedWait() {
        return Stream.concat(
                        Stream.concat(app.stream(), page.stream())
                                .flatMap(f -> f.estimatedTimeToRegainAccess().stream()),
                        businessUseCase.values().stream().flatMap(List::stream)
                                .map(BusinessUseCase::estimatedTimeToRegainAccess))
                .filter(d -> !d.isZero() && !d.isNegative())
                .max(Duration::compareTo);
    }
}
