package io.messengerkit.sample.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's training run for class data sharing: starts the demo on a free port in a temporary directory,
 * makes the requests a first visit makes, and stops. The build runs it under
 * {@code -XX:ArchiveClassesAtExit}, so the JVM writes the classes it loaded to {@code target/sample-app.jsa};
 * starting with {@code -XX:SharedArchiveFile} pointing there then maps them instead of loading and verifying
 * them again, which halves the cold start.
 */
final class TrainingRun {

    private TrainingRun() {
    }

    static void run(Map<String, String> env) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("sample-training-");
        Map<String, String> trainingEnv = new HashMap<>(env);
        trainingEnv.put(StartupMode.MODE_ENV, "demo");
        trainingEnv.put("PORT", "0");
        trainingEnv.put("HOST", "127.0.0.1");
        trainingEnv.put("DATA_DIR", data.toString());
        trainingEnv.remove("DB_URL");
        try (SampleServer server = SampleServer.start(StandaloneSettings.fromEnvironment(trainingEnv), trainingEnv)) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = server.baseUri();
            String key = server.demo().orElseThrow().apiKey();
            for (String path : new String[] {"", "assets/app.js", "assets/app.css", "sample/config", "health",
                    "api/fb-account-details/?chatbot_id=" + DemoPlatform.CHATBOT,
                    "api/fb-message-summary/?chatbot_id=" + DemoPlatform.CHATBOT}) {
                http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
