package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.report.Schemas;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** -n 3 -j -g in every mode, for real, validated against the schema; rusage plausibility. */
class RunJsonIT {
    @ParameterizedTest
    @ValueSource(strings = {"1thread", "2thread", "2proc"})
    void threeIterationsWithUsageMatchTheSchema(String mode) throws Exception {
        // --cpus 0: both ends on one CPU, so that the pipe must fill and empty (below)
        CliRunner r = CliRunner.run("-B", "-n", "3", "-j", "-g", "-b", "4k", "-t", "256k", "--cpus", "0", mode);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Schemas.assertValid(Schemas.run(), r.out());
        assertThat(doc.get("error").isNull()).isTrue();
        assertThat(doc.at("/configuration/iterations").asInt()).isEqualTo(3);
        assertThat(doc.at("/clock/name").asText()).isEqualTo("CLOCK_MONOTONIC");
        assertThat(doc.at("/machine/ipc_limits/pipe_default_capacity_bytes").isNumber()).isTrue();
        JsonNode samples = doc.get("samples");
        assertThat(samples).hasSize(3);
        long switches = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode s = samples.get(i);
            assertThat(s.get("iteration").asInt()).isEqualTo(i);
            assertThat(s.get("mode").asText()).isEqualTo(mode);
            assertThat(s.get("bytes").asLong()).isEqualTo(256 * 1024);
            assertThat(s.get("kib_per_sec").asDouble()).isPositive();
            assertThat(s.get("usage_scope").asText()).contains("RUSAGE_THREAD");
            assertThat(s.get("user_cpu_ns").asLong()).isNotNegative();
            assertThat(s.get("system_cpu_ns").asLong()).isNotNegative();
            assertThat(s.get("minor_faults").asLong()).isNotNegative();
            if (!s.get("on_cpu_ns").isNull()) {
                assertThat(s.get("on_cpu_ns").asLong()).as("the loops ran on some CPU").isPositive();
            }
            assertThat(s.get("receiver_cpus_allowed").isTextual()).isTrue();
            switches += s.get("voluntary_ctx_switches").asLong() + s.get("involuntary_ctx_switches").asLong();
        }
        if (!mode.equals("1thread")) {
            // 256 KiB through a 64 KiB pipe in 4 KiB writes, both ends on one CPU: the sender
            // blocks on a full pipe at least three times a run, so each run has context switches.
            // (Free on two CPUs, a fresh-clone run once had none in 3 runs: the receiver kept up.)
            assertThat(switches).isPositive();
            assertThat(samples.get(0).get("usage_scope").asText()).contains("ipclab-receiver", "ipclab-sender");
        }
    }

    @Test
    void aRunThatFailsStillPrintsValidJsonWithTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRunner r = CliRunner.run("-B", "-n", "2", "-j", "-i", "tcp", "-p",
                    String.valueOf(taken.getLocalPort()), "-b", "4k", "-t", "64k", "2thread");
            assertThat(r.code()).isEqualTo(ExitCodes.OS_ERROR);
            assertThat(r.err().strip()).startsWith("ipclab: port " + taken.getLocalPort() + " is in use")
                    .contains("(bind: ").doesNotContain("\n").doesNotContain("at ipclab.");
            JsonNode doc = Schemas.assertValid(Schemas.run(), r.out());
            assertThat(doc.get("error").asText()).contains("bind");
            assertThat(doc.get("samples")).hasSize(1);
            assertThat(doc.at("/samples/0/error").asText()).contains("EADDRINUSE");
            assertThat(doc.at("/samples/0/kib_per_sec").isNull()).isTrue();
        }
    }

    @Test
    void plainIterationsPrintOneResultLineEach() {
        CliRunner r = CliRunner.run("-B", "-n", "3", "-b", "4k", "-t", "64k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allMatch(l -> l.matches("\\d+\\.\\d\\d KBytes/sec"));
        assertThat(lines.getLast()).startsWith("summary of 3 runs: median ");
    }

    @Test
    void verboseIterationsPrintTheConfigurationOnceThenABlockEach() {
        CliRunner r = CliRunner.run("-B", "-v", "-g", "-n", "2", "--cpus", "0", "-b", "4k", "-t", "64k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsOnlyOnce("Benchmark configuration:").contains("Iteration 0:\n", "Iteration 1:\n",
                "  iterations: 2\n", "  clockres: ", "  cpus: receiver on 0, sender on 0 (--cpus 0)\n", "  nvcsw: ");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 2)).matches("\\d+\\.\\d\\d KBytes/sec");
        assertThat(lines.getLast()).startsWith("summary of 2 runs: median ");
    }
}
