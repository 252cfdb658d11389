package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.run.RunListener;
import ipclab.workload.latency.LatencyHistogram;
import ipclab.workload.latency.LatencyWorkload;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The latency workload on every mechanism that carries it (pipes, socket pairs of each kind, TCP
 * connections, FIFOs, eventfds, at the sizes each takes), in every mode:
 * every round trip is recorded once, the percentiles are ordered, the histogram in the sample is
 * the run's, the call counts are those of whole messages (or more, for messages larger than the
 * kernel's buffer), and each end says where it ran.
 */
class LatencyIT {
    private static final long ROUNDS = 2_000;

    static Stream<Arguments> everyMechanismAndMode() {
        return Mechanisms.all().stream().filter(m -> m.workloads().contains(LatencyWorkload.NAME))
                .flatMap(m -> m.modes().stream().flatMap(mode -> (m.fixedMessageBytes() > 0
                        ? Stream.of(m.fixedMessageBytes()) : Stream.of(1, 64, 100 * 1024))
                        .filter(size -> size <= m.maxMessageBytes()).map(size -> Arguments.of(m, mode, size))));
    }

    static BenchConfig config(Mechanism m, Mode mode, int size, long rounds) {
        return new BenchConfig(mode, m, size, rounds * size, 0, false, 0, true, List.of(), false,
                LatencyWorkload.NAME);
    }

    @ParameterizedTest(name = "{0} {1} {2} B")
    @MethodSource("everyMechanismAndMode")
    void everyRoundTripIsRecordedOnce(Mechanism m, Mode mode, int size) throws Exception {
        BenchConfig config = config(m, mode, size, ROUNDS);
        try (Benchmark b = new Benchmark(config)) {
            b.prepare();
            Sample s = b.measure(0, RunListener.NONE);
            assertThat(s.failed()).isFalse();
            assertThat(s.bytes()).isEqualTo(ROUNDS * size);
            assertThat(s.measured().get(LatencyWorkload.ROUNDS)).isEqualTo(ROUNDS);
            double min = s.measuredValue("rtt_min_ns");
            double p50 = s.measuredValue("rtt_p50_ns");
            double p99 = s.measuredValue("rtt_p99_ns");
            double max = s.measuredValue("rtt_max_ns");
            assertThat(min).isPositive().isLessThanOrEqualTo(p50);
            assertThat(p50).isLessThanOrEqualTo(s.measuredValue("rtt_p90_ns"));
            assertThat(s.measuredValue("rtt_p90_ns")).isLessThanOrEqualTo(p99);
            assertThat(p99).isLessThanOrEqualTo(s.measuredValue("rtt_p999_ns"));
            assertThat(s.measuredValue("rtt_p9999_ns")).isLessThanOrEqualTo(max);
            Histogram h = LatencyHistogram.decode((String) s.measured().get(LatencyWorkload.HISTOGRAM));
            // Each round trip is timed inside the region: the recorded ones' mean cannot exceed the
            // region over the rounds (beyond the histogram's 0.1%).
            assertThat(s.measuredValue("rtt_mean_ns")).isEqualTo((double) s.elapsedNanos() / ROUNDS);
            assertThat(h.getMean()).isLessThanOrEqualTo(s.measuredValue("rtt_mean_ns") * 1.001);
            assertThat(h.getTotalCount()).isEqualTo(ROUNDS);
            assertThat((double) h.getValueAtPercentile(50)).isEqualTo(p50);
            // Two messages per round trip, each in one or more calls each way.
            assertThat(s.writes()).isGreaterThanOrEqualTo(2 * ROUNDS);
            assertThat(s.reads()).isGreaterThanOrEqualTo(2 * ROUNDS);
            if (size <= 64 && mode != Mode.ONE_THREAD) {
                assertThat(s.writes()).isEqualTo(2 * ROUNDS);
                assertThat(s.reads()).isEqualTo(2 * ROUNDS);
            }
            for (String f : List.of(LatencyWorkload.INITIATOR_CPU_START, LatencyWorkload.INITIATOR_CPU_END,
                    LatencyWorkload.RESPONDER_CPU_START, LatencyWorkload.RESPONDER_CPU_END)) {
                assertThat(s.measured().get(f)).as(f).isInstanceOf(Integer.class);
            }
            assertThat((long) s.measured().get(LatencyWorkload.CLOCK_PAIR)).isPositive();
        }
    }

    /** Pinned: each end runs where it was put, and says so at both edges of its region. */
    @Test
    void pinnedEndsRunWherePut() throws Exception {
        int last = Runtime.getRuntime().availableProcessors() - 1;
        BenchConfig config = new BenchConfig(Mode.TWO_PROC, Mechanisms.require("local"), 64, 500 * 64, 0, false, 0,
                true, List.of(0, last), false, LatencyWorkload.NAME);
        try (Benchmark b = new Benchmark(config)) {
            b.prepare();
            Sample s = b.measure(0, RunListener.NONE);
            assertThat(s.measured().get(LatencyWorkload.INITIATOR_CPU_START)).isEqualTo(0);
            assertThat(s.measured().get(LatencyWorkload.INITIATOR_CPU_END)).isEqualTo(0);
            assertThat(s.measured().get(LatencyWorkload.RESPONDER_CPU_START)).isEqualTo(last);
            assertThat(s.measured().get(LatencyWorkload.RESPONDER_CPU_END)).isEqualTo(last);
            Object moved = s.measured().get(LatencyWorkload.INITIATOR_MIGRATIONS);
            if (moved != null) {
                assertThat((long) moved).isZero();
            }
        }
    }

    /** Several runs of one 2proc benchmark share the child, warmed once while the parent warmed. */
    @Test
    void warmedChildServesSeveralRuns() throws Exception {
        BenchConfig config = config(Mechanisms.require("pipe"), Mode.TWO_PROC, 64, 1_000).withBare(false);
        try (Benchmark b = new Benchmark(config)) {
            // compiled, as IpcContract says; allocation-free is LatencyAllocationIT's claim
            assertThat(b.prepare()).containsAnyOf("until C2-compiled", "NOT allocation-free yet")
                    .doesNotContain("NOT C2-compiled");
            for (int i = 0; i < 3; i++) {
                assertThat(b.measure(i, RunListener.NONE).measured().get(LatencyWorkload.ROUNDS)).isEqualTo(1_000L);
            }
        }
    }

    /** A mechanism that does not declare the workload is refused before anything is made. */
    @Test
    void aMechanismWithoutTheWorkloadIsRefused() {
        Mechanism streamOnly = Mechanisms.all().stream().filter(m -> !m.workloads().contains(LatencyWorkload.NAME))
                .findFirst().orElse(null);
        if (streamOnly == null) {
            // Every mechanism carries it; the refusal itself is covered by BenchConfigTest.
            return;
        }
        assertThatThrownBy(() -> config(streamOnly, Mode.TWO_THREAD, 64, 10))
                .hasMessageContaining("cannot carry the latency workload");
    }
}
