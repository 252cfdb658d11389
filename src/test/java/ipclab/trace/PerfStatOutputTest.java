package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.run.Participants;
import org.junit.jupiter.api.Test;

/** perf stat -x, --per-thread output, captured from a real run. */
class PerfStatOutputTest {
    @Test
    void perThreadTracepointAndSoftwareCounts() {
        // -b 4k -t 256k 2proc: receiver 3717, sender 3159 in the child.
        PerfStatOutput o = PerfStatOutput.parse(Canned.lines("perf-2proc.csv"));
        TraceData d = PerfTracer.toTraceData(o, new Participants(3700, 3717, 3159, 3150), 4096);

        assertThat(d.calls("read")).isEqualTo(64);
        assertThat(d.calls("write")).isEqualTo(64);
        assertThat(d.syscalls()).doesNotContainKey("poll");
        assertThat(d.events()).containsEntry("write returned 4096", 64L)
                .containsEntry("context-switches", 102L)
                .containsEntry("page-faults", 1L)
                .containsEntry("task-clock-ns", 1_580_000L);
        assertThat(d.threads()).extracting(ThreadSched::contextSwitches).containsExactly(49L, 53L);
        assertThat(o.forThread(3159)).containsEntry("syscalls:sys_enter_write", 64L);
    }
}
