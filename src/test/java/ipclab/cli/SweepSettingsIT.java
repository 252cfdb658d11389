package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep over shm's --wait beside pipe, as issue 13 runs it: shm's rows are multiplied by the
 * waits, pipe's are not, every trial ran with its configuration's settings (2thread and the 2proc
 * child), and the folder resumes and compares by them.
 */
class SweepSettingsIT {
    @TempDir
    Path dir;

    @Test
    void shmWaitsAreSweptBesidePipe() throws Exception {
        var r = IpclabProcess.run("sweep", "--ipc", "shm,pipe", "--workload", "latency", "--wait", "spin,futex",
                "--mode", "2thread,2proc", "--cpus", "0,1", "--message-sizes", "64", "--trials", "2", "--total", "64k",
                "--no-report", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // per mode: shm x 2 waits + pipe once
        assertThat(r.out()).contains("6 configurations x (2 trials + 1 warm-up)");
        Path folder;
        try (Stream<Path> s = Files.list(dir)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> trials = Files.readAllLines(folder.resolve("results.jsonl")).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(trials).hasSize(6 * 3).allSatisfy(n -> assertThat(n.get("error").isNull()).as(n.toString()).isTrue());
        Map<String, Long> rows = trials.stream().collect(Collectors.groupingBy(
                n -> n.get("mode").asText() + " " + n.get("ipc").asText() + " " + n.get("ipc_settings").asText(),
                Collectors.counting()));
        assertThat(rows).containsOnly(
                Map.entry("2thread shm ring-size=1048576;wait=spin", 3L),
                Map.entry("2thread shm ring-size=1048576;wait=futex", 3L),
                Map.entry("2thread pipe ", 3L),
                Map.entry("2proc shm ring-size=1048576;wait=spin", 3L),
                Map.entry("2proc shm ring-size=1048576;wait=futex", 3L),
                Map.entry("2proc pipe ", 3L));
        // the plan the folder records varies the setting, and the summary keeps its levels apart
        assertThat(Files.readString(folder.resolve("metadata.json"))).containsPattern("\"wait\"\\s*:\\s*\\[\\s*\"spin\"");
        assertThat(r.out()).contains("2thread shm wait=spin, latency", "2thread shm, latency", "2proc pipe, latency");
        assertThat(Files.readString(folder.resolve("summary.md"))).contains("### 2proc shm wait=spin, latency, cpus 0,1",
                "### 2proc shm, latency, cpus 0,1");

        // a finished sweep resumes to nothing with the same plan
        var resumed = IpclabProcess.run("sweep", "--resume", folder.toString(), "--no-report");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("0 trials to run (18 already saved)");

        var compare = IpclabProcess.run("compare", "--factor", "ipc-settings", folder.toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("| ring-size=1048576;wait=futex | ring-size=1048576;wait=spin | 2 |");
        assertThat(compare.out().lines().filter(l -> l.startsWith("| 2thread shm") || l.startsWith("| 2proc shm")))
                .hasSize(2);
    }
}
