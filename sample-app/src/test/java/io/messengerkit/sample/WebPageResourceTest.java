package io.messengerkit.sample;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebPageResourceTest {

    @Test
    void liveModeLoadsMetasSdkAndAllowsOnlyFacebookOrigins() {
        WebPageSettings settings = WebPageSettings.fromEnvironment(Map.of("MESSENGER_APP_ID", "1234"));
        String csp = new WebPageResource(settings).contentSecurityPolicy();
        assertEquals(URI.create("https://connect.facebook.net/en_US/sdk.js"), settings.fbSdkUrl());
        assertTrue(csp.contains("script-src 'self' https://connect.facebook.net;"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
    }

    @Test
    void demoModeAllowsOnlyTheEmulatorOrigin() {
        WebPageSettings settings = new WebPageSettings(true, "demo-app", "v26.0", URI.create("http://127.0.0.1:4567/sdk.js"));
        String csp = new WebPageResource(settings).contentSecurityPolicy();
        assertTrue(csp.contains("script-src 'self' http://127.0.0.1:4567;"), csp);
        assertFalse(csp.contains("facebook"), csp);
    }

    @Test
    void configEscapesValuesForJsonAndHtml() {
        assertEquals("\"a\\\"b\\\\c\\u003c/script\\u003e\"", WebPageResource.jsonString("a\"b\\c</script>"));
    }

    @Test
    void unknownAssetsAreNotFound() {
        WebPageResource resource = new WebPageResource(WebPageSettings.fromEnvironment(Map.of()));
        assertEquals(200, resource.asset("app.js").getStatus());
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.ws.rs.NotFoundException.class, () -> resource.asset("../secret.txt"));
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.ws.rs.NotFoundException.class, () -> resource.asset("missing.js"));
    }
}
