package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.report.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bin/ipclab -n N}: N result lines then the summary; the too-short line follows the measured time. */
class RunSummaryIT {
    @Test
    void nRunsEndWithASummaryLine() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("-B", "-n", "3", "-b", "4k", "-t", "256k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l).matches("[0-9]+\\.[0-9]{2} KBytes/sec"));
        assertThat(lines.get(3)).matches("summary of 3 runs: median [0-9.]+ MiB/s, min\\.\\.max [0-9.]+\\.\\.[0-9.]+"
                + " MiB/s, CV [0-9.]+%");
        IpclabProcess.Result quiet = IpclabProcess.run("-B", "-q", "-n", "3", "-b", "4k", "-t", "256k", "2thread");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
    }

    /** Whether the warning comes is decided by the runs' own median time, which -j reports: no timing is assumed. */
    @Test
    void theTooShortLineFollowsTheMedianTimedRegion() throws Exception {
        IpclabProcess.Result r = IpclabProcess.run("-B", "-n", "3", "-j", "-b", "4k", "-t", "256k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Schemas.assertValid(Schemas.run(), r.out());
        JsonNode summary = doc.get("summary");
        assertThat(summary.get("runs").asInt()).isEqualTo(3);
        assertThat(summary.get("metric").asText()).isEqualTo("kib_per_sec");
        assertThat(summary.get("min").asDouble()).isLessThanOrEqualTo(summary.get("median").asDouble());
        long median = summary.get("median_elapsed_ns").asLong();
        if (median < RunSummary.SHORTEST_TRUSTED_NANOS) {
            assertThat(r.err().lines().toList()).singleElement().asString()
                    .startsWith("ipclab: the timed region lasted ").contains("(median of 3 runs), under 50 ms",
                            "grow -t about ");
        } else {
            assertThat(r.err()).isEmpty();
        }
    }
}
