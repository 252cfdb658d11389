package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.trace.ToolRequirement;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -i udp} on real sockets: each mode and workload runs, the stream's counts add up with
 * its drops, a receiver that cannot keep up reports drops and the run ends, and bad input gets
 * one line and its sysexits code.
 */
class UdpIT {
    private static long field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^  " + name + ": (\\d+)").matcher(out);
        assertThat(m.find()).as(name + " in\n" + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2thread", "2proc"})
    void streamCountsWhatArrivedAndWhatWasDropped(String mode) {
        CliRunner r = CliRunner.run("-B", "-v", "-p", "0", "-i", "udp", "-b", "4k", "-t", "256k", mode);
        assertThat(r.code()).as(r.err()).isZero();
        long drops = field(r.out(), "drops");
        // One write per datagram; one read per datagram that arrived, and one more that met the
        // deadline when some never came.
        assertThat(field(r.out(), "writes")).isEqualTo(64);
        assertThat(field(r.out(), "reads")).isEqualTo(64 - drops + (drops > 0 ? 1 : 0));
        assertThat(r.out()).contains("received: " + (64 - drops) * 4096 + " of 262144 bytes");
        assertThat(r.out()).contains("receive deadline: 2000 ms");
        assertThat(r.out()).containsPattern("(?m)^\\d+\\.\\d\\d KBytes/sec$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2thread", "2proc"})
    void roundTripsRun(String mode) {
        CliRunner r = CliRunner.run("latency", "-B", "-p", "0", "-i", "udp", "-b", "64", "--rounds", "2000", mode);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("round trip (p50)");
    }

    /** A receive buffer of about one datagram and a sender that never waits: drops, and an end. */
    @Test
    void aReceiverThatCannotKeepUpReportsDropsAndTheRunEnds() {
        CliRunner r = CliRunner.run("-B", "-v", "-s", "-p", "0", "-i", "udp", "-b", "4k", "-t", "4m", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(field(r.out(), "drops")).isPositive();
        assertThat(r.out()).containsPattern("bandwidth: [0-9.]+ MiB/s \\(of what arrived\\)");
    }

    @Test
    void aDatagramOverTheIpv4LimitIsAUsageError() {
        CliRunner r = CliRunner.run("-B", "-i", "udp", "-b", "65508", "-t", "65508", "2thread");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("-i udp: -b 65508 is over 65507 bytes, the largest UDP datagram over IPv4");
    }

    @Test
    void oneThreadIsAUsageError() {
        CliRunner r = CliRunner.run("-B", "-i", "udp", "-b", "4k", "-t", "64k", "1thread");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ipclab: ").contains("udp");
    }

    @Test
    void aPortInUseNamesThePortAndMinusP0() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            CliRunner r = CliRunner.run("-B", "-i", "udp", "-p", String.valueOf(port), "-b", "4k", "-t", "64k",
                    "2thread");
            assertThat(r.code()).isEqualTo(ExitCodes.OS_ERROR);
            assertThat(r.err()).isEqualTo("ipclab: port " + port + " is in use: pick another with -p, or -p 0 for"
                    + " any free port (bind: Address already in use (EADDRINUSE))\n");
        }
    }

    /**
     * probe-effect on udp: untraced and bpftrace-traced trials pair up, and the study is printed
     * and written as its page. The traced run's view counts one write(2) per datagram and as many
     * read(2)s as the benchmark counted (those that took a datagram, and the one that met the
     * deadline when some were dropped).
     */
    @Test
    void probeEffectRunsAndWritesItsStudy(@TempDir Path dir) throws Exception {
        ToolRequirement.require("bpftrace");
        CliRunner r = CliRunner.run("probe-effect", "--tracer", "bpftrace", "--trials", "2", "--warmup", "0", "-j",
                "--out", dir.toString(), "-B", "-p", "0", "-i", "udp", "-b", "4k", "-t", "256k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode study = new ObjectMapper().readTree(r.out()).at("/studies/0");
        JsonNode t = study.at("/tracers/0");
        assertThat(t.path("tracer").asText()).isEqualTo("bpftrace");
        assertThat(t.path("untraced")).hasSize(2);
        assertThat(t.path("traced")).hasSize(2);
        assertThat(t.at("/estimate/median_ratio").asDouble()).isPositive();
        assertThat(t.at("/view/syscalls/write/calls").asLong()).isEqualTo(64);
        long reads = t.at("/view/syscalls/read/calls").asLong();
        assertThat(reads).isBetween(1L, 65L).isEqualTo(t.path("benchmark_reads").asLong());
        assertThat(dir.resolve("probe-effect.html")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("probe-effect.html"))).contains("udp");
        assertThat(dir.resolve("probe-effect.csv")).isNotEmptyFile();
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }
}
