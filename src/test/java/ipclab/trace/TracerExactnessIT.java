package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.model.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.run.RunListener;
import ipclab.model.Sample;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each tracer on real runs: over a pipe with buffer B and total T, exactly T/B writes each
 * returning B inside the timed region, and as many reads as the benchmark counted. -B with one
 * untraced run first, so the 2proc child has loaded its classes before the traced run.
 */
class TracerExactnessIT {
    private static final int B = 4096;
    private static final long T = 64 * 4096;

    static BenchConfig config(Mode mode) {
        return new BenchConfig(mode, Mechanisms.require("pipe"), B, T, 0, false, 0, true, List.of());
    }

    @ParameterizedTest
    @EnumSource(value = TracerKind.class, names = {"BPFTRACE", "BPFTRACE_SCHED", "BPFTRACE_LATENCY", "BPFTRACE_SYSCALLS", "STRACE", "PERF"})
    void twoThreadAndTwoProcCountsAreExact(TracerKind kind) throws Exception {
        ToolRequirement.require(kind.label().startsWith("bpftrace") ? "bpftrace" : kind.label());
        for (Mode mode : List.of(Mode.TWO_THREAD, Mode.TWO_PROC)) {
            try (Benchmark benchmark = new Benchmark(config(mode));
                    Tracer tracer = kind.create(Duration.ofSeconds(60), B)) {
                benchmark.prepare();
                benchmark.measure(0, RunListener.NONE);
                Sample sample = benchmark.measure(1, tracer);
                TraceData d = tracer.result();

                assertThat(sample.writes()).isEqualTo(T / B);
                assertThat(d.calls("write")).as("%s %s writes", kind, mode).isEqualTo(T / B);
                assertThat(d.calls("read")).as("%s %s reads", kind, mode).isEqualTo(sample.reads());
                if (kind == TracerKind.PERF) {
                    assertThat(d.events()).containsEntry("write returned " + B, T / B);
                } else {
                    SyscallStats w = d.syscalls().get("write");
                    assertThat(w.returnedBytes().countAt(B)).isEqualTo(T / B);
                    assertThat(w.returnedBytes().total()).isEqualTo(T / B);
                    assertThat(w.requestedBytes().countAt(B)).isEqualTo(T / B);
                    assertThat(d.syscalls().get("read").returnedBytes().total()).isEqualTo(sample.reads());
                }
                if (kind == TracerKind.BPFTRACE_LATENCY || kind == TracerKind.BPFTRACE_SYSCALLS
                        || kind == TracerKind.STRACE) {
                    assertThat(d.syscalls().get("write").latencyNanos().total()).isEqualTo(T / B);
                }
                assertThat(d.syscalls()).doesNotContainKey("lseek");
                assertThat(d.attachNanos()).isPositive();
            }
        }
    }

    @Test
    void oneThreadCountsEqualTheBenchmarks() throws Exception {
        ToolRequirement.require("bpftrace");
        try (Benchmark benchmark = new Benchmark(config(Mode.ONE_THREAD));
                Tracer tracer = TracerKind.BPFTRACE_SCHED.create(Duration.ofSeconds(60), B)) {
            benchmark.prepare();
            Sample sample = benchmark.measure(0, tracer);
            TraceData d = tracer.result();
            assertThat(d.calls("write")).isEqualTo(sample.writes());
            assertThat(d.calls("read")).isEqualTo(sample.reads());
            assertThat(d.calls("poll")).isEqualTo(sample.polls());
            long eagain = d.syscalls().values().stream()
                    .mapToLong(s -> s.errors().getOrDefault("EAGAIN", 0L)).sum();
            assertThat(d.calls("read") + d.calls("write") - eagain).as("calls that moved data").isPositive();
            assertThat(d.threads()).singleElement().extracting(ThreadSched::role).isEqualTo("receiver+sender");
        }
    }

    @AfterAll
    static void nothingLeftRunning() {
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }
}
