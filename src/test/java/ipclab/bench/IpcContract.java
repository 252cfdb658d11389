package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Sample;
import ipclab.run.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import ipclab.ipc.Mechanism;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * What every mechanism must do, in every mode, on real kernel objects: move exactly totalsize
 * bytes in ipc-static's I/O pattern and say so in ipc-static's output format. Subclassed once per
 * mechanism ({@code PipeIT}, {@code LocalIT}, {@code TcpIT}, {@code FifoIT}).
 */
abstract class IpcContract {
    abstract Mechanism type();

    /** The buffer sizes every mode is run at: a mechanism with a smaller message limit gives its own. */
    int[] contractSizes() {
        return new int[] {32, 4096, 65536};
    }

    BenchConfig config(Mode mode, int buffer, long total) {
        return new BenchConfig(mode, type(), buffer, total, 0, false, 0, true, List.of());
    }

    static Sample runOnce(BenchConfig config) throws Exception {
        try (Benchmark b = new Benchmark(config)) {
            b.prepare();
            return b.measure(0, RunListener.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void movesExactlyTotalBytes(Mode mode) throws Exception {
        for (int buffer : contractSizes()) {
            long total = 16L * buffer + 4L * buffer;
            Sample s = runOnce(config(mode, buffer, total));
            assertThat(s.failed()).isFalse();
            assertThat(s.bytes()).isEqualTo(total);
            assertThat(s.elapsedNanos()).isPositive();
            assertThat(s.reads()).isPositive();
            if (mode != Mode.ONE_THREAD) {
                // ipc-static's pattern: one write(2) of buffersize per block, never short.
                assertThat(s.writes()).as("writes at %d", buffer).isEqualTo(total / buffer);
                assertThat(s.reads()).isGreaterThanOrEqualTo(total / buffer);
            } else {
                assertThat(s.writes()).isGreaterThanOrEqualTo(total / buffer);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void warmRunsAlsoMoveExactlyTotalBytes(Mode mode) throws Exception {
        BenchConfig warm = config(mode, 4096, 1 << 20).withBare(false);
        try (Benchmark b = new Benchmark(warm)) {
            String did = b.prepare();
            // Warmed until compiled: C2 code for the loops is in use before the first timed run.
            // Whether a round also allocated nothing is AllocationIT's claim: in this long-lived
            // JVM a compiled loop may still allocate (splice's 1thread loop once did, 40 bytes a
            // call, on 2026-12-04), and the warm-up then says "NOT allocation-free yet".
            assertThat(did).contains("untimed calls").containsAnyOf("until C2-compiled", "NOT allocation-free yet")
                    .doesNotContain("NOT C2-compiled");
            for (int i = 0; i < 2; i++) {
                Sample s = b.measure(i, RunListener.NONE);
                assertThat(s.bytes()).isEqualTo(1 << 20);
                assertThat(s.iteration()).isEqualTo(i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void printsIpcStaticsOutput(Mode mode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"-B", "-v", "-i", type().name(), "-p", "0", "-b", "4k", "-t", "1m",
            mode.label()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.subList(0, 7)).containsExactly(
                "Benchmark configuration:",
                "  buffersize: 4096",
                "  totalsize: 1048576",
                "  blockcount: 256",
                "  mode: " + mode.label(),
                "  ipctype: " + type().name(),
                lines.get(6));
        assertThat(lines.get(6)).matches("  time: \\d+\\.\\d{9}");
        assertThat(lines.getLast()).matches("\\d+\\.\\d{2} KBytes/sec");
        assertThat(out.toString()).contains("  clock: CLOCK_MONOTONIC");
    }

    @Test
    void quietPrintsNothing() {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"-B", "-q", "-i", type().name(), "-p", "0", "-b", "4k", "-t", "64k",
            "2thread"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void plainRunPrintsOnlyTheResultLine() {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"-B", "-i", type().name(), "-p", "0", "-b", "4k", "-t", "64k", "1thread"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).matches("\\d+\\.\\d{2} KBytes/sec\\R");
    }
}
