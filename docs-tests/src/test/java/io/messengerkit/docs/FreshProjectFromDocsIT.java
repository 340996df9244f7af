package io.messengerkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What a reader gets by following the docs: a new Maven project whose {@code pom.xml}, bot, test and
 * standalone Jakarta application are copied from the pages, built offline against the artifacts of this
 * build, tested, and run.
 */
class FreshProjectFromDocsIT {
    private static final String APP_ID = "1234567890";
    private static final String APP_SECRET = "made-up-app-secret-of-the-fresh-project";
    private static final String VERIFY_TOKEN = "made-up-verify-token-of-the-fresh-project";
    // Nothing listens there: the apps must not need Graph to start, and nothing may leave the machine.
    private static final String NO_GRAPH = "http://127.0.0.1:9";

    /** A class the docs show whole, and where it goes in the project. */
    record DocumentedClass(String page, String className, String sourceRoot) {
        boolean isTest() {
            return sourceRoot.equals("src/test/java");
        }
    }

    /**
     * The documented classes the project is made of. A recipe that claims a behaviour joins this list as a
     * test class (say the redelivery recipe of handlers.md and testing.md, once its trigger opens the 24-hour
     * window as a customer's message does), and the build below runs it.
     */
    static final List<DocumentedClass> SOURCES = List.of(
            new DocumentedClass("getting-started.md", "HelloBot", "src/main/java"),
            new DocumentedClass("getting-started.md", "HelloBotTest", "src/test/java"),
            new DocumentedClass("jakarta.md", "StandaloneApp", "src/main/java"));

    private static FreshProject project;
    private static int buildStatus;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void buildAProjectFromTheDocs() throws Exception {
        project = new FreshProject(Project.target().resolve("fresh-project"),
                Path.of(System.getProperty("it.repository")), Path.of(System.getProperty("maven.cache"))).create();
        String pom = FromDocs.xmlContaining("getting-started.md", "<project");
        String standaloneDependencies = FromDocs.xmlContaining("jakarta.md", "grizzly-http2");
        project.write("pom.xml", FreshProject.withDependencies(pom, standaloneDependencies));
        for (DocumentedClass source : SOURCES) {
            project.write(source.sourceRoot() + "/" + source.className() + ".java",
                    FromDocs.javaClass(source.page(), source.className()));
        }
        // getting-started.md: "mvn -B test", then "compile dependency:build-classpath" to run the bot.
        buildStatus = project.maven("build", Duration.ofMinutes(5), "verify", "dependency:build-classpath",
                "-Dmdep.outputFile=cp.txt");
    }

    private static void assertBuilt() {
        assertEquals(0, buildStatus, "the project made from the docs does not build offline:\n" + project.tail("build"));
    }

    @Test
    void usesTheDocumentedBomAndTheVersionOfThisBuild() throws IOException {
        Element pom = Xml.parseFile(project.dir().resolve("pom.xml"));
        Xml.Coordinates bom = Xml.all(Xml.child(pom, "dependencyManagement"), "dependency").get(0);

        assertEquals("io.messengerkit:messengerkit-bom", bom.key());
        assertEquals(System.getProperty("messengerkit.version"), bom.version());
        assertBuilt();
        String log = Files.readString(project.dir().resolve("build.log"));
        assertTrue(log.contains("BUILD SUCCESS"), project.tail("build"));
    }

    @Test
    void theDocumentedTestsPassInTheNewProject() throws IOException {
        assertBuilt();
        for (DocumentedClass source : SOURCES) {
            if (!source.isTest()) {
                continue;
            }
            Path report = project.dir().resolve("target/surefire-reports/TEST-" + source.className() + ".xml");
            assertTrue(Files.exists(report), source + " did not run:\n" + project.tail("build"));
            Element suite = Xml.parseFile(report);
            assertNotEquals("0", suite.getAttribute("tests"), source + " ran no test");
            for (String outcome : List.of("failures", "errors", "skipped")) {
                assertEquals("0", suite.getAttribute(outcome), source + " " + outcome + ":\n" + project.tail("build"));
            }
        }
    }

    @Test
    void theBotRunsFromTheCommandLineAndAnswersMetasHandshake() throws Exception {
        assertBuilt();
        Map<String, String> settings = appSettings();
        settings.put("PAGE_ACCESS_TOKEN", "made-up-page-token");
        try (FreshProject.RunningApp bot = project.start(project.runtimeClassPath("cp.txt"), "HelloBot", settings)) {
            URI webhook = URI.create(bot.awaitLine("Webhook listening at", Duration.ofSeconds(60)));

            HttpResponse<String> handshake = send(HttpRequest.newBuilder(URI.create(webhook
                    + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444")));
            HttpResponse<String> forged = send(signedPost(webhook, AppSecret.of("not-the-app-secret")));

            assertEquals(200, handshake.statusCode());
            assertEquals("1158201444", handshake.body());
            assertEquals(403, forged.statusCode());
        }
    }

    @Test
    void theBotNamesTheSettingThatIsMissing() throws Exception {
        assertBuilt();
        try (FreshProject.RunningApp bot = project.start(project.runtimeClassPath("cp.txt"), "HelloBot", appSettings())) {
            assertNotEquals(0, bot.awaitExit(Duration.ofSeconds(60)));
            assertTrue(bot.output().contains("PAGE_ACCESS_TOKEN is not set: set it to the page's access token"),
                    bot.output());
        }
    }

    @Test
    void theStandaloneJakartaAppServesAPostFromTheJdkHttpClientOverHttp2() throws Exception {
        assertBuilt();
        Map<String, String> settings = appSettings();
        settings.put("MESSENGER_TOKEN_KEYSET", TokenKeyset.generate().toJson());
        settings.put("DB_URL", "jdbc:h2:mem:fresh-project;DB_CLOSE_DELAY=-1");
        try (FreshProject.RunningApp app = project.start(project.runtimeClassPath("cp.txt"), "StandaloneApp", settings)) {
            URI base = URI.create(app.awaitLine("Listening at", Duration.ofSeconds(90)));
            URI webhook = base.resolve("api/webhook/");

            HttpResponse<String> handshake = send(HttpRequest.newBuilder(URI.create(webhook
                    + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444")));
            // The client's defaults: HTTP/2 preferred, so the POST asks to upgrade to h2c.
            HttpResponse<String> delivery = send(signedPost(webhook, AppSecret.of(APP_SECRET)));
            HttpResponse<String> forged = send(signedPost(webhook, AppSecret.of("not-the-app-secret")));

            assertEquals(200, handshake.statusCode(), handshake.body());
            assertEquals("1158201444", handshake.body());
            assertEquals(200, delivery.statusCode(), delivery.body() + "\n" + app.output());
            assertEquals(HttpClient.Version.HTTP_2, delivery.version());
            assertEquals(403, forged.statusCode());
        }
    }

    private static Map<String, String> appSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("MESSENGER_APP_ID", APP_ID);
        settings.put("MESSENGER_APP_SECRET", APP_SECRET);
        settings.put("MESSENGER_VERIFY_TOKEN", VERIFY_TOKEN);
        settings.put("MESSENGER_GRAPH_BASE_URL", NO_GRAPH);
        settings.put("PORT", "0");
        return settings;
    }

    private static HttpRequest.Builder signedPost(URI webhook, AppSecret secret) {
        byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"200000000000001\",\"time\":1764057600000,"
                + "\"messaging\":[{\"sender\":{\"id\":\"2400000000000001\"},\"recipient\":{\"id\":\"200000000000001\"},"
                + "\"timestamp\":1764057600000,\"message\":{\"mid\":\"m_fresh_1\",\"text\":\"hi\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(webhook)
                .header(WebhookSignature.SIGNATURE_256_HEADER, WebhookSignature.of(secret).sign(body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        // Far below the 30 s a swallowed POST body used to hang for.
        return client.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
