package io.messengerkit.jakarta.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.graph.GraphUsage;
import io.messengerkit.testkit.emulator.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageUsageTrackerTest {
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-03T12:00:00Z"));
    final PageUsageTracker tracker = new PageUsageTracker(clock);

    static GraphUsage.BusinessUseCase useCase(String type, int calls, int cpu, int time, long regainMinutes) {
        return new GraphUsage.BusinessUseCase(type, calls, cpu, time, Duration.ofMinutes(regainMinutes));
    }

    @Test
    void keepsTheHighestUseCaseOfEachPageAndItsAdvisedWait() {
        tracker.accept(new GraphUsage(Optional.empty(), Optional.empty(), Map.of(
                "111", List.of(useCase("messenger", 37, 5, 12, 0), useCase("pages", 10, 61, 3, 4)),
                "222", List.of(useCase("messenger", 2, 0, 0, 0)))));

        PageUsageTracker.Reading first = tracker.page("111").orElseThrow();
        assertEquals(61, first.usedPercent());
        assertEquals(39, first.headroomPercent());
        assertEquals(Optional.of(Duration.ofMinutes(4)), first.regainAccessIn());
        assertEquals(clock.instant(), first.seenAt());
        assertEquals(98, tracker.page("222").orElseThrow().headroomPercent());
        assertEquals(Optional.empty(), tracker.page("333"));
        assertEquals(Optional.empty(), tracker.app());
    }

    @Test
    void aLaterReportReplacesTheEarlierOneAndTheAppFiguresAreKeptApart() {
        tracker.accept(new GraphUsage(Optional.empty(), Optional.empty(), Map.of("111", List.of(useCase("messenger", 80, 0, 0, 0)))));
        clock.advance(Duration.ofSeconds(30));
        tracker.accept(new GraphUsage(Optional.of(new GraphUsage.Figures(12, 3, 104, Optional.of(Duration.ofMinutes(9)))),
                Optional.empty(), Map.of("111", List.of(useCase("messenger", 20, 0, 0, 0)))));

        assertEquals(20, tracker.page("111").orElseThrow().usedPercent());
        assertEquals(clock.instant(), tracker.page("111").orElseThrow().seenAt());
        PageUsageTracker.Reading app = tracker.app().orElseThrow();
        assertEquals(104, app.usedPercent());
        assertEquals(0, app.headroomPercent(), "over the allowance leaves no headroom, not a negative one");
        assertEquals(Optional.of(Duration.ofMinutes(9)), app.regainAccessIn());
    }

    @Test
    void forgetsTheLeastRecentlyReportedPagesBeyondItsBound() {
        for (int i = 0; i <= PageUsageTracker.MAX_PAGES; i++) {
            tracker.accept(new GraphUsage(Optional.empty(), Optional.empty(),
                    Map.of(Integer.toString(i), List.of(useCase("messenger", 1, 0, 0, 0)))));
        }
        assertTrue(tracker.page("0").isEmpty());
        assertTrue(tracker.page(Integer.toString(PageUsageTracker.MAX_PAGES)).isPresent());
    }
}
