package io.messengerkit.benchmarks.load;

import io.messengerkit.AppSecret;
import io.messengerkit.webhook.WebhookSignature;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for a running webhook endpoint: unique, correctly signed deliveries (so neither the signature
 * check nor de-duplication can short-circuit), sent over keep-alive connections, in the same run to the real
 * endpoint and to a no-op endpoint of the same server that only reads the body and answers 200.
 *
 * <p>Phases: warm-up of both; closed-loop maximum throughput of the no-op and the real endpoint (alternated,
 * two rounds); an open-loop run of the real endpoint at half its measured throughput, whose latencies are
 * measured from each request's scheduled start (so a stall counts against every request it delays); finally
 * the server's inbox count is compared with the number of deliveries sent.
 *
 * <pre>
 * MESSENGER_APP_SECRET=... SAMPLE_API_KEY=... java -cp benchmarks/target/benchmarks.jar \
 *     io.messengerkit.benchmarks.load.WebhookLoadDriver --target http://127.0.0.1:8080
 * </pre>
 *
 * Options (all optional): {@code --webhook-path /api/webhook/}, {@code --noop-path /sample/noop},
 * {@code --count-path /sample/inbox-count}, {@code --connections 8}, {@code --seconds 10},
 * {@code --warmup-seconds 15}, {@code --page-id 100000000000001}, {@code --mode measure|crash|verify} (crash:
 * send until the server is killed and write the event keys answered 200 to {@code --answered-file}; verify:
 * check that the restarted server has every one of them), {@code --processing paused|running} (paused:
 * the server holds its asynchronous processing during the run, so the figures are the endpoint's own). The app secret comes from
 * {@code MESSENGER_APP_SECRET} and the key for the count from {@code SAMPLE_API_KEY}, never from the
 * command line (which other users of the machine can read).
 */
public final class WebhookLoadDriver {

    private final URI target;
    private final String webhookPath;
    private final String noopPath;
    private final String countPath;
    private final boolean pauseProcessing;
    private final int connections;
    private final Duration measure;
    private final Duration warmup;
    private final String pageId;
    private final WebhookSignature signer;
    private final String apiKey;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong webhookSent = new AtomicLong();
    private final AtomicLong webhookOk = new AtomicLong();
    private final String mode;
    private final java.nio.file.Path answeredFile;
    /** Crash mode: the deliveries answered 200, by number. */
    private final java.util.Queue<Long> answered;

    WebhookLoadDriver(Map<String, String> options, Map<String, String> env) {
        this.target = URI.create(options.getOrDefault("target", "http://127.0.0.1:8080"));
        this.webhookPath = options.getOrDefault("webhook-path", "/api/webhook/");
        this.noopPath = options.getOrDefault("noop-path", "/sample/noop");
        this.countPath = options.getOrDefault("count-path", "/sample/inbox-count");
        this.pauseProcessing = "paused".equals(options.getOrDefault("processing", "paused"));
        this.connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        this.measure = seconds(options.getOrDefault("seconds", "10"));
        this.warmup = seconds(options.getOrDefault("warmup-seconds", "15"));
        this.pageId = options.getOrDefault("page-id", "100000000000001");
        String secret = env.get("MESSENGER_APP_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("set MESSENGER_APP_SECRET to the app secret the server verifies with");
        }
        this.signer = WebhookSignature.of(AppSecret.of(secret));
        this.apiKey = env.get("SAMPLE_API_KEY");
        this.mode = options.getOrDefault("mode", "measure");
        this.answeredFile = options.containsKey("answered-file") ? java.nio.file.Path.of(options.get("answered-file")) : null;
        this.answered = "crash".equals(mode) ? new java.util.concurrent.ConcurrentLinkedQueue<>() : null;
        if (!"measure".equals(mode) && (answeredFile == null || apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("--mode " + mode + " needs --answered-file and SAMPLE_API_KEY");
        }
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        WebhookLoadDriver driver = new WebhookLoadDriver(options, System.getenv());
        if ("crash".equals(driver.mode)) {
            driver.sendUntilKilled();
            System.exit(0);
        }
        if ("verify".equals(driver.mode)) {
            System.exit(driver.verifyAnswered() ? 0 : 1);
        }
        Report report = driver.run();
        report.print(System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    // ---- crash check ----------------------------------------------------------------------------

    /**
     * Crash mode: sends deliveries as fast as the connections allow until the server is killed (or the
     * time is up), then writes the event keys of every delivery answered 200 to the answered file.
     */
    void sendUntilKilled() throws Exception {
        Result result = closedLoop(webhookPath, measure);
        List<String> keys = answered.stream().map(this::eventKeyOf).toList();
        java.nio.file.Files.write(answeredFile, keys);
        System.out.printf(Locale.ROOT, "crash run: deliveries sent %d, answered 200 %d, refused or cut off %d%n",
                webhookSent.get(), result.ok(), result.failed());
    }

    /** Verify mode: asks the restarted server which of the answered deliveries' events it does not have. */
    boolean verifyAnswered() throws IOException, InterruptedException {
        List<String> keys = java.nio.file.Files.readAllLines(answeredFile);
        HttpClient http = HttpClient.newHttpClient();
        long missing = 0;
        List<String> examples = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 400) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 400));
            String json = chunk.stream().map(k -> '"' + k + '"').collect(java.util.stream.Collectors.joining(",",
                    "{\"keys\":[", "]}"));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.resolve("/sample/missing-events"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("missing-events answered " + response.statusCode() + ": " + response.body());
            }
            Matcher m = Pattern.compile("\"(m:[^\"]+)\"").matcher(response.body());
            while (m.find()) {
                missing++;
                if (examples.size() < 5) {
                    examples.add(m.group(1));
                }
            }
        }
        boolean passed = !keys.isEmpty() && missing == 0;
        System.out.printf(Locale.ROOT, "after the restart: answered 200 before the kill %d, missing %d%s: %s%n",
                keys.size(), missing, examples.isEmpty() ? "" : " (e.g. " + examples + ")", passed ? "PASS" : "FAIL");
        return passed;
    }

    Report run() throws Exception {
        long inboxBefore = inboxCount();
        if (pauseProcessing) {
            processing(true);
        }
        try {
            return measure(inboxBefore);
        } finally {
            if (pauseProcessing) {
                processing(false);
            }
        }
    }

    private Report measure(long inboxBefore) throws Exception {
        // Warm-up: the JIT, the connection pools and the database's first pages.
        closedLoop(noopPath, warmup);
        closedLoop(webhookPath, warmup);
        List<Result> noop = new ArrayList<>();
        List<Result> real = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            noop.add(closedLoop(noopPath, measure));
            real.add(closedLoop(webhookPath, measure));
        }
        double realRate = real.stream().mapToDouble(Result::requestsPerSecond).average().orElse(0);
        Result half = openLoop(webhookPath, realRate / 2, measure);
        long added = inboxBefore < 0 ? -1 : awaitInbox(inboxBefore) - inboxBefore;
        return new Report(noop, real, half, webhookSent.get(), webhookOk.get(), added, connections, pauseProcessing);
    }

    // ---- phases ---------------------------------------------------------------------------------

    private Result closedLoop(String path, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        Worker[] workers = new Worker[connections];
        for (int i = 0; i < connections; i++) {
            workers[i] = new Worker(path, () -> System.nanoTime() < end, null);
        }
        return runWorkers(path, workers, duration);
    }

    private Result openLoop(String path, double rate, Duration duration) throws InterruptedException {
        long intervalPerConnection = (long) (1e9 * connections / Math.max(rate, 1));
        long start = System.nanoTime() + 50_000_000L;
        long end = start + duration.toNanos();
        Worker[] workers = new Worker[connections];
        for (int i = 0; i < connections; i++) {
            long first = start + i * intervalPerConnection / connections;
            workers[i] = new Worker(path, null, new Schedule(first, intervalPerConnection, end));
        }
        Result result = runWorkers(path, workers, duration);
        return result.withTargetRate(rate);
    }

    private Result runWorkers(String path, Worker[] workers, Duration duration) throws InterruptedException {
        Thread[] threads = new Thread[workers.length];
        long started = System.nanoTime();
        for (int i = 0; i < workers.length; i++) {
            threads[i] = new Thread(workers[i], "load-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long ok = 0;
        long failed = 0;
        int total = 0;
        for (Worker w : workers) {
            ok += w.ok;
            failed += w.failed;
            total += w.latencyCount;
        }
        long[] all = new long[total];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.latencyCount);
            at += w.latencyCount;
        }
        java.util.Arrays.sort(all);
        if (path.equals(webhookPath)) {
            webhookOk.addAndGet(ok);
        }
        return new Result(path, ok, failed, seconds, percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1], 0);
    }

    private record Schedule(long first, long interval, long end) {
    }

    private final class Worker implements Runnable {
        private final String path;
        private final java.util.function.BooleanSupplier more;
        private final Schedule schedule;
        long ok;
        long failed;
        int refusedInARow;
        long[] latencies = new long[1 << 16];
        int latencyCount;

        Worker(String path, java.util.function.BooleanSupplier more, Schedule schedule) {
            this.path = path;
            this.more = more;
            this.schedule = schedule;
        }

        @Override
        public void run() {
            HttpConnection connection = null;
            long next = schedule == null ? 0 : schedule.first();
            while (schedule == null ? more.getAsBoolean() : next < schedule.end()) {
                long begin;
                if (schedule != null) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    begin = next;  // latency from the scheduled start: no coordinated omission
                    next += schedule.interval();
                } else {
                    begin = System.nanoTime();
                }
                long n = sequence.incrementAndGet();
                byte[] body = bodyOf(n);
                String signature = signer.sign(body);
                if (path.equals(webhookPath)) {
                    webhookSent.incrementAndGet();
                }
                try {
                    if (connection == null) {
                        connection = new HttpConnection(target);
                    }
                    int status = connection.post(path, body, signature);
                    if (status == 200) {
                        ok++;
                        if (answered != null && path.equals(webhookPath)) {
                            answered.add(n);
                        }
                    } else {
                        failed++;
                    }
                    refusedInARow = 0;
                    if (!connection.reusable()) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    failed++;
                    if (answered != null && ++refusedInARow > 50) {
                        break;  // the server is gone (killed): stop sending
                    }
                    LockSupport.parkNanos(answered == null ? 0 : 10_000_000L);
                    if (connection != null) {
                        connection.close();
                    }
                    connection = null;
                }
                record(System.nanoTime() - begin);
            }
            if (connection != null) {
                connection.close();
            }
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }
    }

    /** A realistic, unique text-message delivery: a fresh mid and sender per request. */
    byte[] nextBody() {
        return bodyOf(sequence.incrementAndGet());
    }

    /** The event key the server stores delivery {@code n}'s message under. */
    String eventKeyOf(long n) {
        return "m:m_load_" + runId + "_" + n;
    }

    byte[] bodyOf(long n) {
        long now = System.currentTimeMillis();
        String json = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":" + now
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + (7_000_000_000_000L + n % 5000) + "\"},\"recipient\":{\"id\":\""
                + pageId + "\"},\"timestamp\":" + now + ",\"message\":{\"mid\":\"m_load_" + runId + "_" + n
                + "\",\"text\":\"load test message " + n + " \\u00e9t\\u00e9 opening hours?\"}}]}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    // ---- inbox count ----------------------------------------------------------------------------

    private long inboxCount() throws IOException, InterruptedException {
        if (apiKey == null || apiKey.isBlank()) {
            return -1;
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.resolve(countPath))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("inbox count answered " + response.statusCode());
        }
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!m.find()) {
            throw new IOException("no count in " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Holds or releases the server's asynchronous processing of stored deliveries (skipped without an API key). */
    private void processing(boolean paused) throws IOException, InterruptedException {
        if (apiKey == null || apiKey.isBlank()) {
            return;
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        target.resolve("/sample/processing?paused=" + paused))
                .header("Authorization", "Bearer " + apiKey).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("pausing processing answered " + response.statusCode());
        }
    }

    /** The inbox write is synchronous with the 200, so the count must match at once; re-read briefly anyway. */
    private long awaitInbox(long before) throws IOException, InterruptedException {
        long count = inboxCount();
        for (int i = 0; i < 10 && count - before < webhookOk.get(); i++) {
            Thread.sleep(200);
            count = inboxCount();
        }
        return count;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- results --------------------------------------------------------------------------------

    record Result(String path, long ok, long failed, double seconds, long p50, long p99, long max, double targetRate) {
        double requestsPerSecond() {
            return ok / seconds;
        }

        Result withTargetRate(double rate) {
            return new Result(path, ok, failed, seconds, p50, p99, max, rate);
        }
    }

    record Report(List<Result> noop, List<Result> real, Result half, long sent, long ok, long inbox, int connections,
                  boolean processingPaused) {

        double noopRate() {
            return noop.stream().mapToDouble(Result::requestsPerSecond).average().orElse(0);
        }

        double realRate() {
            return real.stream().mapToDouble(Result::requestsPerSecond).average().orElse(0);
        }

        boolean throughputMet() {
            return realRate() >= 0.6 * noopRate();
        }

        boolean latencyMet() {
            return half.p99() < 25_000_000L && half.failed() == 0;
        }

        boolean nothingLost() {
            return inbox >= 0 && sent == ok && inbox == sent;
        }

        boolean passed() {
            return throughputMet() && latencyMet() && nothingLost();
        }

        void print(PrintStream out) {
            out.println();
            out.println("| run | endpoint | requests | errors | req/s | p50 ms | p99 ms | max ms |");
            out.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (int i = 0; i < noop.size(); i++) {
                row(out, "max, round " + (i + 1), noop.get(i));
                row(out, "max, round " + (i + 1), real.get(i));
            }
            row(out, String.format(Locale.ROOT, "open loop at %.0f req/s", half.targetRate()), half);
            out.println();
            out.println(processingPaused ? "asynchronous processing held during the run (endpoint capacity)"
                    : "asynchronous processing running beside the endpoint");
            out.printf(Locale.ROOT, "connections %d; real/no-op throughput %.0f / %.0f req/s = %.0f%% (target >= 60%%): %s%n",
                    connections, realRate(), noopRate(), 100 * realRate() / Math.max(noopRate(), 1), throughputMet() ? "PASS" : "FAIL");
            out.printf(Locale.ROOT, "p99 at half load %.1f ms (target < 25 ms): %s%n", half.p99() / 1e6, latencyMet() ? "PASS" : "FAIL");
            out.printf(Locale.ROOT, "deliveries sent %d, answered 200 %d, new inbox rows %s: %s%n", sent, ok,
                    inbox < 0 ? "unknown (set SAMPLE_API_KEY)" : Long.toString(inbox), nothingLost() ? "PASS" : "FAIL");
        }

        private static void row(PrintStream out, String run, Result r) {
            out.printf(Locale.ROOT, "| %s | `%s` | %d | %d | %.0f | %.2f | %.2f | %.1f |%n", run, r.path(), r.ok() + r.failed(), r.failed(),
                    r.requestsPerSecond(), r.p50() / 1e6, r.p99() / 1e6, r.max() / 1e6);
        }
    }
}
