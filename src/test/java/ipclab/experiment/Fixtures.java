package ipclab.experiment;

import ipclab.ipc.Mechanisms;

import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.ipc.Grants;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Results folders made without running anything: a plan, and samples with bandwidths computed
 * from the configuration and trial, so that files and summaries are the same on every machine.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Plan plan(Map<String, Object> settings) throws PlanException {
        return PlanParser.parse(settings, 7);
    }

    /** The small plan of the golden files: 2thread over pipe and local, 4k and 64k, 3 trials of 1 MiB. */
    public static Plan smallPlan() throws PlanException {
        return plan(Map.of("name", "golden", "mode", "2thread", "ipc", "pipe,local", "buffers", "4k,64k",
                "trials", "3", "warmup", "1", "total", "1M", "seed", "7"));
    }

    /** A made-up but plausible sample: bandwidth grows with the buffer, and varies by trial. */
    public static Sample sample(Trial t, long totalBytes) {
        BenchConfig config = t.key().toConfig(totalBytes);
        double base = 200.0 * Math.log(t.key().bufferSizeBytes()) / Math.log(2) + (t.key().socketBuffers() ? 50 : 0)
                + ipclab.ipc.Mechanisms.all().indexOf(t.key().mechanism()) * 30;
        double mibPerSec = base * (1 + 0.01 * ((t.iteration() * 7 + t.key().bufferSizeBytes()) % 5))
                * (t.warmup() ? 0.5 : 1);
        long elapsed = Math.round(totalBytes / (mibPerSec * 1024 * 1024) * 1e9);
        Grants granted = t.key().mechanism() == ipclab.ipc.Mechanisms.require("pipe") ? Grants.of("pipe_capacity_bytes", 65536)
                : Grants.of("sndbuf_bytes", 212992, "rcvbuf_bytes", 212992);
        return new Sample(config, t.iteration(), t.warmup(), elapsed, totalBytes, totalBytes / 4096,
                totalBytes / t.key().bufferSizeBytes(), 0, granted, null, "none", "testhost", null);
    }

    /**
     * As {@link #write}, but buffered and without a sync per trial: for large folders made only
     * to be read (the files are the same).
     */
    public static Path writeFast(Path folder, Plan plan) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        ResultsFiles.writeMetadata(folder, ResultsFiles.metadata(plan, Map.of("host", "testhost", "os", "Test OS"),
                "ipclab test", "2026-01-01T00:00:00Z"));
        try (var csv = java.nio.file.Files.newBufferedWriter(folder.resolve(ResultsFiles.CSV));
                var jsonl = java.nio.file.Files.newBufferedWriter(folder.resolve(ResultsFiles.JSONL))) {
            csv.write(ResultsFiles.csvHeader() + "\n");
            for (List<Trial> block : Schedule.blocks(plan.configurations(false), plan.warmupTrials(),
                    plan.trials(), plan.seed())) {
                for (Trial t : block) {
                    var record = ipclab.bench.SampleFields.toMap(sample(t, plan.totalBytes()));
                    csv.write(ResultsFiles.csvRow(record) + "\n");
                    jsonl.write(ResultsFiles.jsonLine(record) + "\n");
                }
            }
        }
        return folder;
    }

    /** Writes a complete results folder of {@code plan} at {@code folder}, every trial in schedule order. */
    public static Path write(Path folder, Plan plan) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        ResultsFiles.writeMetadata(folder, ResultsFiles.metadata(plan, Map.of("host", "testhost", "os", "Test OS"),
                "ipclab test", "2026-01-01T00:00:00Z"));
        try (ResultsWriter w = ResultsWriter.create(folder)) {
            for (List<Trial> block : Schedule.blocks(plan.configurations(false), plan.warmupTrials(),
                    plan.trials(), plan.seed())) {
                for (Trial t : block) {
                    w.append(sample(t, plan.totalBytes() > 0 ? plan.totalBytes() : 1 << 20));
                }
            }
        }
        return folder;
    }

    /**
     * Rewrites every trial of a folder through {@code change} (a record as field name to value),
     * both files alike, as the writer would have written them: for folders that say something
     * else, consistently.
     */
    @SuppressWarnings("unchecked")
    public static void rewrite(Path folder, java.util.function.Consumer<Map<String, Object>> change) throws Exception {
        Path jsonl = folder.resolve(ResultsFiles.JSONL);
        StringBuilder json = new StringBuilder();
        StringBuilder csv = new StringBuilder(ResultsFiles.csvHeader()).append('\n');
        for (String line : java.nio.file.Files.readAllLines(jsonl)) {
            Map<String, Object> record = ResultsFiles.JSON.readValue(line, java.util.LinkedHashMap.class);
            change.accept(record);
            json.append(ResultsFiles.jsonLine(record)).append('\n');
            csv.append(ResultsFiles.csvRow(record)).append('\n');
        }
        java.nio.file.Files.writeString(jsonl, json);
        java.nio.file.Files.writeString(folder.resolve(ResultsFiles.CSV), csv);
    }
}
