package io.messengerkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsThroughputAllocationAndCpuTimeFromJmhJson() {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("messengerkit", "SINGLE_MESSAGE", 300_000, 900, 3_400));

        List<ResultsTable.Result> results = ResultsTable.read(runs);

        assertEquals(List.of(new ResultsTable.Result("messengerkit", "SINGLE_MESSAGE", 300_000, 1_500, 900, 3_400)),
                results);
    }

    @Test
    void comparesAgainstTheFastestPeerAndTheFloor() {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("floor", "SINGLE_MESSAGE", 400_000, 1_600, 2_500));
        runs.add(run("restfb", "SINGLE_MESSAGE", 20_000, 40_000, 50_000));
        runs.add(run("messenger4j", "SINGLE_MESSAGE", 100_000, 8_000, 10_000));
        runs.add(run("messengerkit", "SINGLE_MESSAGE", 300_000, 3_200, 3_125));

        String table = ResultsTable.render(ResultsTable.read(runs));

        assertTrue(table.contains("| SINGLE_MESSAGE | messengerkit | 300,000 | 1,500 | 0.75x | 3.00x | 3,125 | 0.80x | 3.20x |"),
                table);
        assertTrue(table.contains("| SINGLE_MESSAGE | messengerkit | 3,200 | 2.00x | 0.40x |"), table);
        assertTrue(table.contains("| SINGLE_MESSAGE | messenger4j | 3.00x / 3.20x | 0.40x | 0.75x / 0.80x | yes |"), table);
    }

    @Test
    void flagsAMissedTarget() {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("floor", "MIXED_50_UNICODE", 4_000, 1_000, 250_000));
        runs.add(run("restfb", "MIXED_50_UNICODE", 200, 900_000, 5_000_000));
        runs.add(run("messengerkit", "MIXED_50_UNICODE", 2_000, 200_000, 500_000));

        String table = ResultsTable.render(ResultsTable.read(runs));

        assertTrue(table.contains("| MIXED_50_UNICODE | restfb | 10.00x / 10.00x | 0.22x | 0.50x / 0.50x | **no** |"), table);
    }

    @Test
    void aSlowCpuTimeAloneFailsTheTarget() {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("floor", "SINGLE_MESSAGE", 400_000, 1_600, 2_500));
        runs.add(run("messenger4j", "SINGLE_MESSAGE", 100_000, 8_000, 10_000));
        runs.add(run("messengerkit", "SINGLE_MESSAGE", 300_000, 3_200, 6_000));

        String table = ResultsTable.render(ResultsTable.read(runs));

        assertTrue(table.contains("| SINGLE_MESSAGE | messenger4j | 3.00x / 1.67x | 0.40x | 0.75x / 0.42x | **no** |"), table);
    }

    @Test
    void takesTheMedianOfEachRatioOverSeveralRuns() {
        List<List<ResultsTable.Result>> runs = List.of(
                ResultsTable.read(runOf(400_000, 100_000, 300_000)),
                ResultsTable.read(runOf(400_000, 100_000, 150_000)),
                ResultsTable.read(runOf(400_000, 100_000, 320_000)));

        String table = ResultsTable.renderMedian(runs);

        assertTrue(table.contains("median of each ratio over 3 runs"), table);
        assertTrue(table.contains("| SINGLE_MESSAGE | messenger4j | 3.00x / 3.20x | 0.40x | 0.75x / 0.80x | yes |"), table);
    }

    @Test
    void rendersStagesAsCpuTimePerOperation() {
        ArrayNode runs = JSON.createArrayNode();
        String[] stages = {"sdkSignature", "sdkParse", "sdkDispatchParsed", "floorSignature", "floorRead"};
        double[] cpu = {500, 900, 150, 480, 600};
        for (int i = 0; i < stages.length; i++) {
            ObjectNode run = run(stages[i], "SINGLE_MESSAGE", 9_999, 100, cpu[i]);
            run.put("benchmark", "io.messengerkit.benchmarks.StageBenchmark." + stages[i]);
            runs.add(run);
        }

        String table = ResultsTable.render(ResultsTable.read(runs));

        assertTrue(table.contains("| SINGLE_MESSAGE | 500 | 900 | 150 | 1,550 | 480 | 600 | 1,080 | 1.50x |"), table);
    }

    private static ArrayNode runOf(double floorOps, double peerOps, double sdkOps) {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("floor", "SINGLE_MESSAGE", floorOps, 1_600, 2_500));
        runs.add(run("messenger4j", "SINGLE_MESSAGE", peerOps, 8_000, 10_000));
        runs.add(run("messengerkit", "SINGLE_MESSAGE", sdkOps, 3_200, 3_125));
        return runs;
    }

    private static ObjectNode run(String method, String payload, double opsPerSecond, double bytesPerOp,
            double cpuNanosPerOp) {
        ObjectNode run = JSON.createObjectNode();
        run.put("benchmark", "io.messengerkit.benchmarks.WebhookBenchmark." + method);
        run.putObject("params").put("payload", payload);
        run.putObject("primaryMetric").put("score", opsPerSecond).put("scoreError", 1_500.0);
        ObjectNode secondary = run.putObject("secondaryMetrics");
        secondary.putObject("gc.alloc.rate.norm").put("score", bytesPerOp);
        secondary.putObject("cpu.time.norm").put("score", cpuNanosPerOp);
        return run;
    }
}
