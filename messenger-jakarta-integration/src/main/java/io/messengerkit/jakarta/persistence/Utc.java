package io.messengerkit.jakarta.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times are stored as SQL {@code TIMESTAMP} columns holding UTC, mapped to {@link LocalDateTime}
 * (a type every JPA 3.1 provider binds natively, also as a query parameter).
 */
final class Utc {
    private Utc() {
    }

    static LocalDateTime of(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant of(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
