package io.messengerkit.jakarta.config;

import io.messengerkit.send.MessagingWindowPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How the reply pipeline treats each conversation: the messaging window it checks before sending,
 * and how long it stays quiet while a human handles a conversation. {@link #from(ConfigLookup)}
 * reads them by the variable names below; a bad value fails at start with a
 * {@link ConfigurationProblem} naming the variable.
 *
 * <table>
 * <caption>Conversation settings</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code MESSENGER_WINDOW_MODE}</td><td>enforce</td><td>{@code enforce}: a reply outside the messaging
 *   window is refused before any Graph call (the event is set aside as {@code WINDOW_CLOSED}); {@code warn}: logged
 *   and sent anyway; {@code off}: not checked</td></tr>
 * <tr><td>{@code MESSENGER_HUMAN_AGENT_ENABLED}</td><td>false</td><td>{@code true} when the app has Meta's Human
 *   Agent feature: sends tagged HUMAN_AGENT are allowed up to 7 days after the person's last interaction</td></tr>
 * <tr><td>{@code MESSENGER_HANDOFF_QUIET_PERIOD}</td><td>PT30M</td><td>how long the bot stays quiet in a conversation
 *   after the last sign that a human (or another app) handles it, unless control comes back earlier (PT1S to
 *   P7D; ISO-8601 duration or minutes)</td></tr>
 * </table>
 *
 * @param windowMode what a reply outside the messaging window does
 * @param humanAgentEnabled whether HUMAN_AGENT sends are allowed for 7 days
 * @param handoffQuietPeriod how long the bot stays quiet after a human's last signal
 */
public record ConversationSettings(MessagingWindowPolicy.Mode windowMode, boolean humanAgentEnabled,
        Duration handoffQuietPeriod) {

    /** The default quiet period: long enough for a person at the business to finish a conversation. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(30);

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param windowMode what a reply outside the messaging window does
     * @param humanAgentEnabled whether HUMAN_AGENT sends are allowed for 7 days
     * @param handoffQuietPeriod how long the bot stays quiet after a human's last signal
     */
    public ConversationSettings {
        Objects.requireNonNull(windowMode, "windowMode");
        SettingRanges.between("MESSENGER_HANDOFF_QUIET_PERIOD", Objects.requireNonNull(handoffQuietPeriod,
                "handoffQuietPeriod"), Duration.ofSeconds(1), Duration.ofDays(7));
    }

    /** {@return enforce, HUMAN_AGENT off, 30 minutes of quiet} */
    public static ConversationSettings defaults() {
        return new ConversationSettings(MessagingWindowPolicy.Mode.ENFORCE, false, DEFAULT_QUIET_PERIOD);
    }

    /** {@return the settings from MicroProfile Config or the environment} */
    public static ConversationSettings fromEnvironment() {
        return from(ConfigLookup.detect());
    }

    /**
     * Settings read from {@code lookup}, defaults for the unset ones.
     *
     * @param lookup where the settings come from
     * @return the settings
     */
    public static ConversationSettings from(ConfigLookup lookup) {
        MessagingWindowPolicy.Mode mode = lookup.get("MESSENGER_WINDOW_MODE").map(ConversationSettings::mode)
                .orElse(MessagingWindowPolicy.Mode.ENFORCE);
        boolean humanAgent = lookup.get("MESSENGER_HUMAN_AGENT_ENABLED").map(ConversationSettings::bool).orElse(false);
        Duration quiet = lookup.get("MESSENGER_HANDOFF_QUIET_PERIOD").map(ConversationSettings::duration)
                .orElse(DEFAULT_QUIET_PERIOD);
        return new ConversationSettings(mode, humanAgent, quiet);
    }

    /**
     * {@return a copy with another window mode}
     *
     * @param mode enforce, warn or off
     */
    public ConversationSettings withWindowMode(MessagingWindowPolicy.Mode mode) {
        return new ConversationSettings(mode, humanAgentEnabled, handoffQuietPeriod);
    }

    /**
     * {@return a copy with HUMAN_AGENT enabled or not}
     *
     * @param enabled whether the app has Meta's Human Agent feature
     */
    public ConversationSettings withHumanAgentEnabled(boolean enabled) {
        return new ConversationSettings(windowMode, enabled, handoffQuietPeriod);
    }

    /**
     * {@return a copy with another quiet period}
     *
     * @param quietPeriod how long the bot stays quiet after a human's last signal
     */
    public ConversationSettings withHandoffQuietPeriod(Duration quietPeriod) {
        return new ConversationSettings(windowMode, humanAgentEnabled, quietPeriod);
    }

    private static MessagingWindowPolicy.Mode mode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "enforce" -> MessagingWindowPolicy.Mode.ENFORCE;
            case "warn" -> MessagingWindowPolicy.Mode.WARN;
            case "off" -> MessagingWindowPolicy.Mode.OFF;
            default -> throw new ConfigurationProblem("MESSENGER_WINDOW_MODE", "must be enforce, warn or off");
        };
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationProblem("MESSENGER_HUMAN_AGENT_ENABLED", "must be true or false");
        };
    }

    private static Duration duration(String value) {
        String v = value.strip();
        try {
            Duration d = v.matches("\\d+") ? Duration.ofMinutes(Long.parseLong(v)) : Duration.parse(v);
            return d;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ConfigurationProblem("MESSENGER_HANDOFF_QUIET_PERIOD",
                    "must be an ISO-8601 duration (PT30M) or a number of minutes");
        }
    }
}
