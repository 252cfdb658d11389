package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.model.Sample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tracer that dies or never attaches fails the run with a message, never hangs, leaves nothing behind. */
class TracerFailureIT {
    @Test
    @Timeout(120)
    void tracerKilledDuringTheRunFailsItWithAMessage() throws Exception {
        ToolRequirement.require("bpftrace");
        try (Benchmark benchmark = new Benchmark(TracerExactnessIT.config(Mode.TWO_PROC));
                Tracer tracer = TracerKind.BPFTRACE.create(Duration.ofSeconds(60), 4096)) {
            benchmark.prepare();
            // Attach, then kill the tool before the timed region starts: it is dead while the
            // benchmark runs, and the run must still end, and say what happened.
            RunListener killer = new RunListener() {
                @Override
                public void ready(Participants p) throws Exception {
                    tracer.ready(p);
                    ProcessHandle tool = ProcessHandle.of(tracer.toolPid()).orElseThrow();
                    tool.destroyForcibly();
                    tool.onExit().join();
                }

                @Override
                public void finished() {
                    tracer.finished();
                }
            };
            Sample sample = benchmark.measure(0, killer);
            assertThat(sample.bytes()).as("the benchmark itself completed").isEqualTo(64 * 4096);
            assertThatThrownBy(tracer::result).isInstanceOfSatisfying(TracerException.class, e -> {
                assertThat(e.kind()).isEqualTo(TracerException.Kind.FAILED);
                assertThat(e.getMessage()).startsWith("bpftrace died during the run");
            });
        }
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }

    @Test
    @Timeout(30)
    void aToolThatNeverAttachesIsStoppedAtTheTimeout() throws Exception {
        TracerProcess p = TracerProcess.start("sleeper", List.of("sleep", "600"), line -> false, 1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.awaitAttached(Duration.ofSeconds(1), TracerException.Kind.FAILED, () -> { }))
                .isInstanceOf(TracerException.class).hasMessage("sleeper did not attach within 1 s; it was stopped");
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(15).toNanos());
        assertThat(p.alive()).isFalse();
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }

    @Test
    @Timeout(30)
    void aToolThatExitsBeforeAttachingSaysWhy() throws Exception {
        TracerProcess p = TracerProcess.start("failing", List.of("sh", "-c", "echo 'no such probe' >&2; exit 3"),
                line -> false, 1);
        assertThatThrownBy(() -> p.awaitAttached(Duration.ofSeconds(20), TracerException.Kind.SCRIPT, () -> { }))
                .isInstanceOfSatisfying(TracerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TracerException.Kind.SCRIPT);
                    assertThat(e.getMessage()).isEqualTo("failing exited (status 3) before it attached: no such probe");
                });
    }
}
