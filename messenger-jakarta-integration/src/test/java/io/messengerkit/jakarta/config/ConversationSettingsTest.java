package io.messengerkit.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.send.MessagingWindowPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationSettingsTest {

    @Test
    void defaultsEnforceTheWindowWithoutHumanAgentAndThirtyMinutesOfQuiet() {
        ConversationSettings s = ConversationSettings.defaults();
        assertEquals(MessagingWindowPolicy.Mode.ENFORCE, s.windowMode());
        assertFalse(s.humanAgentEnabled());
        assertEquals(Duration.ofMinutes(30), s.handoffQuietPeriod());
        assertEquals(s, ConversationSettings.from(ConfigLookup.of(Map.of())));
    }

    @Test
    void readsEverySettingByItsVariableName() {
        ConversationSettings s = ConversationSettings.from(ConfigLookup.of(Map.of(
                "MESSENGER_WINDOW_MODE", "Warn",
                "MESSENGER_HUMAN_AGENT_ENABLED", "true",
                "MESSENGER_HANDOFF_QUIET_PERIOD", "45")));
        assertEquals(MessagingWindowPolicy.Mode.WARN, s.windowMode());
        assertTrue(s.humanAgentEnabled());
        assertEquals(Duration.ofMinutes(45), s.handoffQuietPeriod());
        assertEquals(MessagingWindowPolicy.Mode.OFF, ConversationSettings.from(ConfigLookup.of(Map.of(
                "MESSENGER_WINDOW_MODE", "off", "MESSENGER_HANDOFF_QUIET_PERIOD", "PT2H"))).windowMode());
    }

    @Test
    void aBadValueFailsAtStartNamingTheVariable() {
        assertEquals("MESSENGER_WINDOW_MODE", assertThrows(ConfigurationProblem.class, () -> ConversationSettings.from(
                ConfigLookup.of(Map.of("MESSENGER_WINDOW_MODE", "strict")))).setting());
        assertEquals("MESSENGER_HUMAN_AGENT_ENABLED", assertThrows(ConfigurationProblem.class, () -> ConversationSettings
                .from(ConfigLookup.of(Map.of("MESSENGER_HUMAN_AGENT_ENABLED", "yes")))).setting());
        for (String quiet : new String[] {"0", "P8D", "soon", "-PT5M"}) {
            assertEquals("MESSENGER_HANDOFF_QUIET_PERIOD", assertThrows(ConfigurationProblem.class,
                    () -> ConversationSettings.from(ConfigLookup.of(Map.of("MESSENGER_HANDOFF_QUIET_PERIOD", quiet)))).setting(),
                    quiet);
        }
    }
}
