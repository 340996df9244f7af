package io.messengerkit.sample.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides between demo and live mode so that neither can surprise an operator:
 * <ul>
 *   <li>{@code MESSENGERKIT_MODE=demo} or {@code live} decides outright.</li>
 *   <li>Otherwise demo mode runs only when nothing of a live configuration is set: no Meta app
 *       variable, no API keys, no token keyset, no {@code DB_URL}. Any one of them means live mode.</li>
 *   <li>Live mode needs all of {@link #REQUIRED_FOR_LIVE} and a keyset; when some are missing the
 *       start is refused with one message that names every missing variable.</li>
 * </ul>
 * Live mode never creates a keyset: a new one would not open the tokens stored with the old one.
 * Generating one is an explicit command ({@code java -jar sample-app-standalone.jar keyset generate
 * --out FILE}).
 */
final class StartupMode {
    /** The variable that chooses the mode explicitly. */
    static final String MODE_ENV = "MESSENGERKIT_MODE";
    /** Variables that only a live configuration sets; any one of them rules the demo out. */
    static final List<String> LIVE_MARKERS = List.of("MESSENGER_APP_ID", "MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN",
            "MESSENGER_API_KEYS", "MESSENGER_TOKEN_KEYSET", "MESSENGER_TOKEN_KEYSET_FILE", "DB_URL");
    /** What live mode cannot run without, besides a keyset. */
    static final List<String> REQUIRED_FOR_LIVE = List.of("MESSENGER_APP_ID", "MESSENGER_APP_SECRET",
            "MESSENGER_VERIFY_TOKEN", "MESSENGER_API_KEYS");
    /** The command that creates a keyset, for the messages. */
    static final String GENERATE_KEYSET = "java -jar sample-app-standalone.jar keyset generate --out <file>";

    private StartupMode() {
    }

    /**
     * {@return true for demo mode, false for live mode}
     *
     * @param env the environment
     * @param dataDir the data directory (to point at a keyset an older version generated there)
     * @throws IllegalArgumentException naming every missing variable when live mode is incomplete,
     *     or when {@code MESSENGERKIT_MODE} has another value
     */
    static boolean demo(Map<String, String> env, Path dataDir) {
        String mode = blank(env.get(MODE_ENV)) ? "" : env.get(MODE_ENV).strip().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "demo" -> {
                return true;
            }
            case "live" -> {
                requireLive(env, dataDir, MODE_ENV + "=live");
                return false;
            }
            case "" -> {
                List<String> present = LIVE_MARKERS.stream().filter(name -> !blank(env.get(name))).toList();
                if (present.isEmpty()) {
                    return true;
                }
                requireLive(env, dataDir, String.join(", ", present) + (present.size() == 1 ? " is" : " are") + " set");
                return false;
            }
            default -> throw new IllegalArgumentException(MODE_ENV + " must be 'demo' or 'live', was '" + env.get(MODE_ENV) + "'");
        }
    }

    private static void requireLive(Map<String, String> env, Path dataDir, String why) {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED_FOR_LIVE) {
            if (blank(env.get(name))) {
                missing.add(name);
            }
        }
        boolean noKeyset = blank(env.get("MESSENGER_TOKEN_KEYSET")) && blank(env.get("MESSENGER_TOKEN_KEYSET_FILE"));
        if (noKeyset) {
            missing.add("MESSENGER_TOKEN_KEYSET or MESSENGER_TOKEN_KEYSET_FILE");
        }
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("live mode (").append(why).append(") is missing ")
                .append(String.join(", ", missing)).append('.');
        if (noKeyset) {
            Path old = dataDir.resolve("token-keyset.json");
            message.append(Files.exists(old)
                    ? " A keyset from an earlier start is at " + old + ": set MESSENGER_TOKEN_KEYSET_FILE=" + old + "."
                    : " Generate a keyset once with: " + GENERATE_KEYSET + " (and keep it: the stored tokens need it).");
        }
        message.append(" For the demo instead, unset the live variables or set ").append(MODE_ENV).append("=demo.");
        throw new IllegalArgumentException(message.toString());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
