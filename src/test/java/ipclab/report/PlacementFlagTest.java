package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.Plan;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.ResultsReader;
import ipclab.experiment.ResultsWriter;
import ipclab.experiment.Trial;
import ipclab.model.Placement;
import ipclab.model.Sample;
import ipclab.run.RanOn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each end ran, from the results file to the flag: a folder whose unpinned trials ran
 * both on one CPU (fast) and on two (slow) is flagged in the end-of-sweep lines, summary.md and
 * the report; one whose trials all ran alike, or that did not record it, is not.
 */
class PlacementFlagTest {
    @TempDir
    Path dir;

    private Path folder(String name, boolean split, boolean recorded) throws Exception {
        Plan plan = Fixtures.plan(Map.of("name", name, "mode", "2thread", "ipc", "pipe", "buffers", "64k",
                "trials", "6", "warmup", "0", "total", "1M", "seed", "3"));
        Path folder = dir.resolve(name);
        java.nio.file.Files.createDirectories(folder);
        ResultsFiles.writeMetadata(folder, ResultsFiles.metadata(plan, Map.of("host", "testhost"), "ipclab test",
                "2026-01-01T00:00:00Z"));
        try (ResultsWriter w = ResultsWriter.create(folder)) {
            int i = 0;
            for (var config : plan.configurations(false)) {
                for (int it = 0; it < plan.trials(); it++, i++) {
                    boolean together = split && i % 2 == 0;
                    // one CPU: ~2 GiB/s; two: ~0.5 GiB/s (the elapsed time of 1 MiB)
                    long elapsed = together ? 500_000 + it * 1000 : 2_000_000 + it * 1000;
                    Map<String, Object> measured = new LinkedHashMap<>();
                    if (recorded) {
                        new RanOn(0, 0, 0).put(measured, "receiver");
                        new RanOn(together ? 0 : 1, together ? 0 : 1, 0).put(measured, "sender");
                    }
                    Sample s = new Sample(config.toConfig(1 << 20), it, false, elapsed, 1 << 20, 16, 16, 0,
                            ipclab.ipc.Grants.of("pipe_capacity_bytes", 65536), null, "none", "testhost", null,
                            Placement.UNKNOWN, measured);
                    w.append(s);
                }
            }
        }
        return folder;
    }

    @Test
    void trialsThatRanOnOneCpuAndOnTwoAreFlaggedEverywhere() throws Exception {
        List<Summary> s = Summary.of(ResultsReader.read(folder("split", true, true)));
        assertThat(s).singleElement().satisfies(x -> {
            assertThat(x.placementSplit()).isNotNull();
            assertThat(x.placementSplit().oneCpu()).isEqualTo(3);
            assertThat(x.placementSplit().twoCpus()).isEqualTo(3);
            assertThat(x.placementSplit().oneCpuMedian()).isGreaterThan(3 * x.placementSplit().twoCpusMedian());
        });
        assertThat(SummaryFlags.lines(s)).anySatisfy(l -> assertThat(l)
                .matches("flag: 1 split by placement, one CPU vs two; widest [0-9.]+ vs [0-9.]+ MiB/s: 2thread pipe.*"));
        assertThat(SummaryFlags.markdown(s)).contains("split by where their two ends ran", "| 2thread pipe");
        assertThat(SummaryFlags.html(s)).contains("<h2 id=\"flags\">Flags</h2>", "split by where their two ends ran",
                "<td class=\"l\">2thread pipe");
    }

    @Test
    void trialsThatRanAlikeOrDidNotSayAreNotFlagged() throws Exception {
        for (Path f : List.of(folder("alike", false, true), folder("unrecorded", true, false))) {
            List<Summary> s = Summary.of(ResultsReader.read(f));
            assertThat(s).as(f.toString()).singleElement().satisfies(x -> assertThat(x.placementSplit()).isNull());
            assertThat(SummaryFlags.split(s)).isEmpty();
        }
    }

    @Test
    void theRecordReadBackSaysWhereEachEndRan() throws Exception {
        var trials = ResultsReader.read(folder("split", true, true)).trials();
        assertThat(trials).hasSize(6).allSatisfy(t -> assertThat(t.ranOn()).hasSize(2));
        assertThat(trials.get(0).ranOn().get(1)).isEqualTo(new RanOn(0, 0, 0));
        assertThat(trials.get(1).ranOn().get(1)).isEqualTo(new RanOn(1, 1, 0));
        assertThat(ResultsReader.read(folder("unrecorded", true, false)).trials())
                .allSatisfy(t -> assertThat(t.ranOn()).isEmpty());
    }
}
