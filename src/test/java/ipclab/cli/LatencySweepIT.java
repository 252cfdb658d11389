package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.workload.latency.LatencyHistogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of both workloads, as a user runs it: the latency trials are saved with their
 * histograms, the report draws the latency charts beside the bandwidth ones, and compare reads
 * latency as lower-is-better.
 */
class LatencySweepIT {
    @TempDir
    Path dir;

    @Test
    void bothWorkloadsAreSweptReportedAndCompared() throws Exception {
        var r = IpclabProcess.run("sweep", "--workload", "stream,latency", "--mode", "2thread,2proc", "--ipc", "pipe",
                "--buffers", "4k", "--message-sizes", "64,1k", "--trials", "2", "--min-time", "10", "--out",
                dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path folder;
        try (Stream<Path> s = Files.list(dir)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> latency = Files.readAllLines(folder.resolve("results.jsonl")).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.get("workload").asText().equals("latency")).toList();
        // 2 modes x 2 sizes x (2 trials + 1 pilot)
        assertThat(latency).hasSize(12);
        for (JsonNode n : latency) {
            assertThat(n.get("error").isNull()).as(n.toString()).isTrue();
            assertThat(n.get("kib_per_sec").isNull()).isTrue();
            long rounds = n.get("rounds").asLong();
            assertThat(LatencyHistogram.decode(n.get("rtt_histogram").asText()).getTotalCount()).isEqualTo(rounds);
            assertThat(n.get("total_size_bytes").asLong()).isEqualTo(rounds * n.get("buffer_size_bytes").asLong());
        }
        assertThat(r.out()).contains("median us of", "lowest (at size)", "2thread pipe, latency");
        try (Stream<Path> charts = Files.list(folder.resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("bandwidth-01-"))
                    .anyMatch(n -> n.startsWith("latency-") && n.contains("p99"))
                    .anyMatch(n -> n.startsWith("latency-distribution-") && n.endsWith("64-B.svg"));
        }
        assertThat(Files.readString(folder.resolve("report.html"))).contains("Round-trip distribution, 64 B messages");

        var csv = IpclabProcess.run("report", "--format", "csv", folder.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains("median", "metric").doesNotContain("kib_per_sec");
        assertThat(csv.out()).contains("rtt_p50_ns");

        var compare = IpclabProcess.run("compare", folder.toString(), folder.toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("latency");
    }
}
