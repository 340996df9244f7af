package io.messengerkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns a JMH JSON result file ({@code -rf json}) of {@link WebhookBenchmark} into the Markdown tables
 * of {@code docs/benchmarks.md}: throughput (wall-clock ops/s and, when {@link CpuTimeProfiler} ran, CPU
 * time per operation) and allocation per operation, each as a ratio against the floor and against the
 * fastest peer (the peer with the highest ops/s) measured in the same run, plus the target check.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.messengerkit.benchmarks.ResultsTable results.json}
 */
public final class ResultsTable {
    static final String SDK = "messengerkit";
    static final String FLOOR = "floor";
    static final List<String> PEERS = List.of("restfb", "messenger4j");
    static final String STAGE = "stage:";
    private static final List<String> STAGES = List.of(
            "sdkSignature", "sdkParse", "sdkDispatchParsed", "floorSignature", "floorRead");

    private ResultsTable() {
    }

    /** One benchmark method on one payload; NaN where a metric was not recorded. */
    record Result(String implementation, String payload, double opsPerSecond, double error, double bytesPerOp,
            double cpuNanosPerOp) {
    }

    /** Prints the tables of each result file, then (for several files) the median of each target ratio. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable <jmh-results.json>...");
            System.exit(2);
        }
        List<List<Result>> runs = new ArrayList<>();
        for (String file : args) {
            runs.add(read(new ObjectMapper().readTree(Path.of(file).toFile())));
        }
        if (runs.size() == 1) {
            System.out.print(render(runs.get(0)));
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            System.out.printf(Locale.ROOT, "#### Run %d of %d (%s)%n%n", i + 1, runs.size(), Path.of(args[i]).getFileName());
            System.out.print(render(runs.get(i)));
            System.out.println();
        }
        System.out.print(renderMedian(runs));
    }

    static List<Result> read(JsonNode jmhResults) {
        List<Result> results = new ArrayList<>();
        for (JsonNode run : jmhResults) {
            String benchmark = run.get("benchmark").asText();
            String implementation = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            if (benchmark.contains(".StageBenchmark.")) {
                implementation = STAGE + implementation;
            }
            JsonNode primary = run.get("primaryMetric");
            results.add(new Result(
                    implementation,
                    run.path("params").path("payload").asText(),
                    primary.get("score").asDouble(),
                    primary.path("scoreError").asDouble(Double.NaN),
                    secondary(run.path("secondaryMetrics"), "gc.alloc.rate.norm"),
                    secondary(run.path("secondaryMetrics"), "cpu.time.norm")));
        }
        return results;
    }

    // JMH 1.37 names profiler metrics plainly ("gc.alloc.rate.norm"); older versions prefix a middle dot.
    private static double secondary(JsonNode secondary, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (metric.getKey().endsWith(name)) {
                return metric.getValue().get("score").asDouble();
            }
        }
        return Double.NaN;
    }

    static String render(List<Result> all) {
        List<Result> results = all.stream().filter(r -> !r.implementation().startsWith(STAGE)).toList();
        List<Result> stages = all.stream().filter(r -> r.implementation().startsWith(STAGE)).toList();
        if (results.isEmpty()) {
            return renderStages(stages);
        }
        Map<String, Map<String, Result>> byPayload = byPayload(results);
        StringBuilder out = new StringBuilder();
        out.append("Throughput (higher is better; ratios are this row's speed over the other's):\n\n");
        out.append("| payload | implementation | ops/s | ± (99.9%) | vs floor | vs fastest peer "
                + "| CPU ns/op | CPU speed vs floor | CPU speed vs fastest peer |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Result>> payload : byPayload.entrySet()) {
            Map<String, Result> row = payload.getValue();
            Result floor = row.get(FLOOR);
            Result peer = fastestPeer(row);
            for (String implementation : order(row)) {
                Result r = row.get(implementation);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        payload.getKey(), implementation,
                        number(r.opsPerSecond()), number(r.error()),
                        ratio(r.opsPerSecond(), floor == null ? Double.NaN : floor.opsPerSecond()),
                        ratio(r.opsPerSecond(), peer == null ? Double.NaN : peer.opsPerSecond()),
                        number(r.cpuNanosPerOp()),
                        ratio(floor == null ? Double.NaN : floor.cpuNanosPerOp(), r.cpuNanosPerOp()),
                        ratio(peer == null ? Double.NaN : peer.cpuNanosPerOp(), r.cpuNanosPerOp())));
            }
        }
        out.append("\nAllocation (lower is better):\n\n");
        out.append("| payload | implementation | B/op | vs floor | vs fastest peer |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Result>> payload : byPayload.entrySet()) {
            Map<String, Result> row = payload.getValue();
            Result floor = row.get(FLOOR);
            Result peer = fastestPeer(row);
            for (String implementation : order(row)) {
                Result r = row.get(implementation);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n",
                        payload.getKey(), implementation, number(r.bytesPerOp()),
                        ratio(r.bytesPerOp(), floor == null ? Double.NaN : floor.bytesPerOp()),
                        ratio(r.bytesPerOp(), peer == null ? Double.NaN : peer.bytesPerOp())));
            }
        }
        out.append("\nTargets for " + SDK + " (wall-clock ops/s ratio, then the CPU-time ratio):\n\n");
        targets(out, targets(byPayload(results)));
        return out.toString();
    }

    /** {@link StageBenchmark}: CPU ns/op (wall-clock where no CPU time was recorded) of each stage. */
    static String renderStages(List<Result> stages) {
        Map<String, Map<String, Result>> byPayload = byPayload(stages);
        StringBuilder out = new StringBuilder();
        out.append("| payload | SDK signature | SDK parse | SDK dispatch (parsed) | SDK total | floor signature "
                + "| floor streaming pass | floor total | SDK parse / floor pass |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Result>> payload : byPayload.entrySet()) {
            double[] ns = new double[STAGES.size()];
            for (int i = 0; i < ns.length; i++) {
                Result r = payload.getValue().get(STAGE + STAGES.get(i));
                ns[i] = r == null ? Double.NaN : Double.isNaN(r.cpuNanosPerOp()) ? r.opsPerSecond() : r.cpuNanosPerOp();
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", payload.getKey(),
                    number(ns[0]), number(ns[1]), number(ns[2]), number(ns[0] + ns[1] + ns[2]),
                    number(ns[3]), number(ns[4]), number(ns[3] + ns[4]), ratio(ns[1], ns[4])));
        }
        return out.toString();
    }

    /** The target table with, for each ratio, its median over several runs. */
    static String renderMedian(List<List<Result>> runs) {
        Map<String, List<Targets>> perPayload = new LinkedHashMap<>();
        for (List<Result> run : runs) {
            for (Targets t : targets(byPayload(run))) {
                perPayload.computeIfAbsent(t.payload(), p -> new ArrayList<>()).add(t);
            }
        }
        List<Targets> medians = new ArrayList<>();
        for (List<Targets> list : perPayload.values()) {
            medians.add(new Targets(list.get(0).payload(), list.get(0).peer(),
                    median(list, Targets::wallVsPeer), median(list, Targets::cpuVsPeer),
                    median(list, Targets::allocationVsPeer), median(list, Targets::wallVsFloor),
                    median(list, Targets::cpuVsFloor)));
        }
        StringBuilder out = new StringBuilder();
        out.append("Targets for " + SDK + ", median of each ratio over " + runs.size()
                + " runs (wall-clock ops/s ratio, then the CPU-time ratio):\n\n");
        targets(out, medians);
        return out.toString();
    }

    /** The target ratios of this SDK on one payload. */
    record Targets(String payload, String peer, double wallVsPeer, double cpuVsPeer, double allocationVsPeer,
            double wallVsFloor, double cpuVsFloor) {

        boolean met() {
            return atLeast(wallVsPeer, cpuVsPeer, 2.0) && allocationVsPeer <= 0.5
                    && atLeast(wallVsFloor, cpuVsFloor, 1 / 1.5);
        }
    }

    private static List<Targets> targets(Map<String, Map<String, Result>> byPayload) {
        List<Targets> targets = new ArrayList<>();
        for (Map.Entry<String, Map<String, Result>> payload : byPayload.entrySet()) {
            Map<String, Result> row = payload.getValue();
            Result sdk = row.get(SDK);
            Result floor = row.get(FLOOR);
            Result peer = fastestPeer(row);
            if (sdk == null || floor == null || peer == null) {
                continue;
            }
            targets.add(new Targets(payload.getKey(), peer.implementation(),
                    sdk.opsPerSecond() / peer.opsPerSecond(),
                    peer.cpuNanosPerOp() / sdk.cpuNanosPerOp(),
                    sdk.bytesPerOp() / peer.bytesPerOp(),
                    sdk.opsPerSecond() / floor.opsPerSecond(),
                    floor.cpuNanosPerOp() / sdk.cpuNanosPerOp()));
        }
        return targets;
    }

    private static void targets(StringBuilder out, List<Targets> targets) {
        out.append("| payload | fastest peer | speed vs fastest peer (>= 2.00x) | allocation vs fastest peer (<= 0.50x) "
                + "| speed vs floor (>= 0.67x, i.e. within 1.5x) | all met |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        for (Targets t : targets) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %s | %s / %s | %s |%n",
                    t.payload(), t.peer(), times(t.wallVsPeer()), times(t.cpuVsPeer()), times(t.allocationVsPeer()),
                    times(t.wallVsFloor()), times(t.cpuVsFloor()), t.met() ? "yes" : "**no**"));
        }
    }

    private static double median(List<Targets> list, ToDoubleFunction<Targets> ratio) {
        double[] values = list.stream().mapToDouble(ratio).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static Map<String, Map<String, Result>> byPayload(List<Result> results) {
        Map<String, Map<String, Result>> byPayload = new LinkedHashMap<>();
        for (Result r : results) {
            byPayload.computeIfAbsent(r.payload(), p -> new LinkedHashMap<>()).put(r.implementation(), r);
        }
        return byPayload;
    }

    /** Both measures (where recorded) must reach the bound. */
    private static boolean atLeast(double wall, double cpu, double bound) {
        return wall >= bound && (Double.isNaN(cpu) || cpu >= bound);
    }

    private static List<String> order(Map<String, Result> row) {
        List<String> order = new ArrayList<>();
        for (String name : List.of(SDK, "restfb", "messenger4j", FLOOR)) {
            if (row.containsKey(name)) {
                order.add(name);
            }
        }
        for (String name : row.keySet()) {
            if (!order.contains(name)) {
                order.add(name);
            }
        }
        return order;
    }

    private static Result fastestPeer(Map<String, Result> row) {
        Result best = null;
        for (String peer : PEERS) {
            Result r = row.get(peer);
            if (r != null && (best == null || r.opsPerSecond() > best.opsPerSecond())) {
                best = r;
            }
        }
        return best;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "n/a";
        }
        return times(value / base);
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
