package io.messengerkit.sample.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.sample.WebPageSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample's own settings: a wrong value is refused with the variable's name and an example of a right one. */
class SampleSettingErrorsTest {

    private static String failure(Runnable reading) {
        return assertThrows(IllegalArgumentException.class, reading::run).getMessage();
    }

    @Test
    void aPortThatIsNotOneNamesPortAndTheRange() {
        assertEquals("PORT must be a port number from 0 to 65535, such as 8080 (0 picks a free port), was 'http'",
                failure(() -> StandaloneSettings.fromEnvironment(Map.of("PORT", "http"))));
        assertTrue(failure(() -> StandaloneSettings.fromEnvironment(Map.of("PORT", "70000"))).startsWith("PORT must be"));
    }

    @Test
    void aPublicUrlThatIsNotOneNamesPublicUrl() {
        String message = failure(() -> StandaloneSettings.fromEnvironment(Map.of("PUBLIC_URL", "bot example com")));

        assertTrue(message.startsWith("PUBLIC_URL must be the address Meta reaches this app at, such as https://"), message);
    }

    @Test
    void aWorkerCountThatIsNotOneNamesTheVariable() {
        assertEquals(3, SampleServer.workerThreads(Map.of("SAMPLE_WEBHOOK_WORKERS", "3")));
        assertTrue(SampleServer.workerThreads(Map.of()) >= 1);
        for (String bad : new String[] {"many", "0", "-2"}) {
            assertTrue(failure(() -> SampleServer.workerThreads(Map.of("SAMPLE_WEBHOOK_WORKERS", bad)))
                    .startsWith("SAMPLE_WEBHOOK_WORKERS must be a whole number of threads, at least 1"), bad);
        }
    }

    @Test
    void anSdkUrlThatIsNotOneNamesTheVariable() {
        String message = failure(() -> WebPageSettings.fromEnvironment(Map.of("SAMPLE_FB_SDK_URL", "sdk.js")));

        assertTrue(message.startsWith("SAMPLE_FB_SDK_URL must be the absolute URL of the Facebook JS SDK script"), message);
    }
}
