package io.messengerkit.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Graph API version such as {@code v26.0}, with the date Meta switches it off when that date is
 * known.
 *
 * <p>The SDK ships Meta's published version table ({@link #KNOWN}). A version missing from the
 * table (for example one released after this SDK) is accepted with an unknown expiry, so upgrading
 * never waits for an SDK release. Meta's table lists "available until" dates; from that day on
 * calls with the version stop working, which is why {@link MessengerConfig} warns ahead of time.
 *
 * @param name the version as it appears in URLs, e.g. {@code v26.0}
 * @param availableUntil the first day Meta no longer serves it; empty when not announced
 */
public record GraphApiVersion(String name, Optional<LocalDate> availableUntil) {
    private static final Pattern FORMAT = Pattern.compile("v\\d{1,3}\\.\\d{1,2}");

    /** The version this SDK is built and tested against. */
    public static final GraphApiVersion DEFAULT = new GraphApiVersion("v26.0", Optional.empty());

    /** Meta's version table as published when this SDK was released, newest first. */
    public static final List<GraphApiVersion> KNOWN = List.of(
            DEFAULT,
            known("v25.0", "2028-07-29"),
            known("v24.0", "2028-02-18"),
            known("v23.0", "2027-10-08"),
            known("v22.0", "2027-05-20"),
            known("v21.0", "2027-01-21"),
            known("v20.0", "2026-09-24"),
            known("v19.0", "2026-05-21"),
            known("v18.0", "2026-01-26"));

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param name the version as it appears in URLs, e.g. {@code v26.0}
     * @param availableUntil the first day Meta no longer serves it; empty when not announced
     */
    public GraphApiVersion {
        Objects.requireNonNull(name, "name");
        if (!FORMAT.matcher(name).matches()) {
            throw new ConfigurationException(
                    "Graph API version must look like v26.0, got '" + name + "'");
        }
        availableUntil = availableUntil == null ? Optional.empty() : availableUntil;
    }

    private static GraphApiVersion known(String name, String until) {
        return new GraphApiVersion(name, Optional.of(LocalDate.parse(until)));
    }

    /**
     * The version named {@code text} ({@code v26.0}, or {@code 26.0} without the {@code v}), with its
     * expiry from the built-in table when the table knows it.
     *
     * @param text a version name such as {@code v26.0}
     * @return the version
     * @throws ConfigurationException if the text is not a version
     */
    public static GraphApiVersion of(String text) {
        Objects.requireNonNull(text, "version");
        String name = text.strip();
        if (!name.startsWith("v")) {
            name = "v" + name;
        }
        for (GraphApiVersion version : KNOWN) {
            if (version.name.equals(name)) {
                return version;
            }
        }
        return new GraphApiVersion(name, Optional.empty());
    }

    /**
     * {@return true when Meta no longer serves this version on {@code day}}
     *
     * @param day the day to ask about
     */
    public boolean isExpiredOn(LocalDate day) {
        return availableUntil.map(until -> !day.isBefore(until)).orElse(false);
    }

    /**
     * {@return true when the version is still served on {@code day} but not {@code days} days later}
     *
     * @param day the day to count from
     * @param days how many days ahead to look
     */
    public boolean expiresWithin(LocalDate day, int days) {
        return !isExpiredOn(day) && isExpiredOn(day.plusDays(days));
    }

    @Override
    public String toString() {
        return name;
    }
}
