package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipclab parity}: the C loops built with the system's cc and run against ipclab, for real. */
class ParityIT {
    @Test
    void streamPairsArePrintedAndKeptAsTheyAreMeasured(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pairs.csv");
        CliRunner r = CliRunner.run("parity", "-n", "2", "--placement", "pinned,free", "--csv", csv.toString(),
                "2thread:pipe:4k:4m");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("parity: ipclab against tools/ipcref.c")
                .containsPattern("(?m)^2thread:pipe:4KiB\\s+pinned\\s+[0-9]+\\.[0-9]\\s+[0-9]+\\.[0-9]\\s+[0-9.]+")
                .containsPattern("(?m)^2thread:pipe:4KiB\\s+free\\s+");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst()).startsWith("config,workload,placement,pair,native,ipclab,ratio");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double nat = Double.parseDouble(f[4]);
            double ipc = Double.parseDouble(f[5]);
            assertThat(nat).isPositive();
            assertThat(ipc).isPositive();
            assertThat(Double.parseDouble(f[6])).isCloseTo(ipc / nat, org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        assertThat(lines.subList(1, 3)).allMatch(l -> l.contains(",pinned,"));
    }

    @Test
    void latencyPairsCompareTheMedianAndTheTail() {
        CliRunner r = CliRunner.run("parity", "--workload", "latency", "-n", "1", "--placement", "free",
                "--rounds", "2000", "2thread:pipe:64");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("parity: ipclab against tools/pingref.c")
                .containsPattern("(?m)^2thread:pipe:64B\\s+free(\\s+[0-9]+\\.[0-9]+){10}$");
    }

    @Test
    void withoutACompilerItSaysWhatToInstall() throws Exception {
        List<String> argv = new ArrayList<>(ipclab.run.SenderChild.command("ipclab.Main"));
        argv.addAll(List.of("parity", "--placement", "free", "2thread:pipe:4k:4m"));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.put("PATH", "/nonexistent");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(69);
        assertThat(err.lines()).singleElement().asString().contains("no cc on the PATH", "apt-get install gcc");
        assertThat(out).isEmpty();
    }
}
