package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.report.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ipclab latency} as a user runs it: its line, its -v block, its -j document, its refusals, a dead responder. */
class LatencyCommandIT {
    @Test
    void theLineNamesTheMedianAndTheTail() throws Exception {
        var r = IpclabProcess.run("latency", "-B", "--rounds", "2000", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("[0-9]+\\.[0-9]{2} us round trip \\(p50\\), p99 [0-9]+\\.[0-9]{2} us");
    }

    @Test
    void verboseBlockSaysWhatRanAndWhere() throws Exception {
        var r = IpclabProcess.run("latency", "-v", "-g", "--rounds", "2000", "--cpus", "0", "2proc");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  workload: latency", "  msgsize: 64", "  rounds: 2000", "  mode: 2proc",
                "  ipctype: pipe (one per direction)", "  rtt: min ", " p99.99 ", "  mean: ",
                "  cpus: initiator on 0, responder on 0 (--cpus 0)",
                "  ran on: initiator CPU 0 at start, 0 at end", "responder CPU 0 at start, 0 at end",
                "  warmup: ", "until C2-compiled", "  clockpair: ", "  nvcsw: ");
        assertThat(r.out().lines().toList().getLast()).contains("round trip (p50)");
    }

    @Test
    void jsonIsARunDocumentWithTheHistogram() throws Exception {
        var r = IpclabProcess.run("latency", "-j", "-B", "-i", "tcp", "-p", "0", "--rounds", "1000", "-n", "2",
                "2proc");
        assertThat(r.code()).as(r.err()).isZero();
        var doc = Schemas.assertValid(Schemas.run(), r.out());
        assertThat(doc.get("configuration").get("workload").asText()).isEqualTo("latency");
        assertThat(doc.get("samples")).hasSize(2);
        for (var s : doc.get("samples")) {
            Schemas.assertValid(Schemas.sample(), s.toString());
            assertThat(s.get("workload").asText()).isEqualTo("latency");
            assertThat(s.get("rounds").asLong()).isEqualTo(1000);
            assertThat(s.get("rtt_p50_ns").asDouble()).isPositive();
            assertThat(s.get("kib_per_sec").isNull()).isTrue();
            assertThat(s.get("rtt_histogram").asText()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "latency -b 0 2thread|at least 1 byte",
        "latency -b -5 2thread|-b",
        "latency -b 2g 2thread|larger than the maximum",
        "latency --rounds 0 2thread|--rounds must be 1..1000000000",
        "latency --rounds 1000000001 2thread|--rounds must be 1..1000000000",
        "latency -t 1m 2thread|use --rounds",
        "latency -s -i local 2thread|does not take it",
        "latency -i nope 2thread|unknown mechanism 'nope'",
        "latency 3thread|unknown mode '3thread'",
        "latency --pipe-size 1m -i local 2thread|--pipe-size",
        "latency|mode",
    })
    void badInputIsOneLineAndExit64(String line, String expected) {
        var r = CliRunner.run(line.split(" "));
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("ipclab: ").contains(expected);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A pipe gives the initiator end of file; an eventfd has none and must be woken (EventFds.wake). */
    @ParameterizedTest
    @ValueSource(strings = {"pipe", "eventfd"})
    void aResponderThatDiesEndsTheRunAtOnce(String ipc) throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        // A first run after a build makes the AOT cache with a training run, whose own 2proc child
        // would otherwise be the one found (and killed) below.
        assertThat(IpclabProcess.run("--version").code()).isZero();
        Process p = IpclabProcess.start(out, err, "latency", "-B", "-i", ipc, "--rounds", "1000000000", "2proc");
        // 64-byte answers (8 for an eventfd): some 65,000 round trips into the run.
        ProcessHandle child = IpclabProcess.awaitSendingChild(p, ipc.equals("eventfd") ? 512 << 10 : 4 << 20);
        child.destroyForcibly();
        long killedAt = System.nanoTime();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("parent ended after the responder was killed").isTrue();
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(p.exitValue()).isEqualTo(ExitCodes.IO_ERROR);
        String message = Files.readString(err);
        assertThat(message.lines().toList()).hasSize(1);
        assertThat(message).startsWith("ipclab: ").contains("killed by signal 9").contains("responder")
                .doesNotContain("Exception");
        assertThat(child.isAlive()).isFalse();
        assertThat(p.descendants().count()).isZero();
        System.err.println("LatencyCommandIT: parent ended " + tookMillis + " ms after the responder was killed: "
                + message);
    }
}
