package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.probe.RegionMarker;
import org.junit.jupiter.api.Test;

/** The scripts in the jar and the Java side agree on what they share. */
class ScriptsTest {
    @Test
    void scriptsUseTheRegionMarkersOffsets() {
        for (BpftraceTracer.Script s : new BpftraceTracer.Script[] {BpftraceTracer.Script.COUNTS,
                BpftraceTracer.Script.SCHED, BpftraceTracer.Script.LATENCY, BpftraceTracer.Script.SYSCALLS}) {
            String text = BpftraceTracer.script(s);
            assertThat(text).contains("0x" + Long.toHexString(RegionMarker.START))
                    .contains("0x" + Long.toHexString(RegionMarker.END))
                    .containsAnyOf("args->id == " + Syscalls.LSEEK, "tracepoint:syscalls:sys_enter_lseek")
                    .contains("printf(\"" + BpftraceTracer.ATTACHED_MARKER + "\\n\")")
                    .doesNotContain("str(").doesNotContain("comm");
        }
        assertThat(BpftraceTracer.script(BpftraceTracer.Script.LATENCY)).contains("@latency")
                .contains("tracepoint:sched:sched_switch").doesNotContain("tracepoint:raw_syscalls");
        assertThat(BpftraceTracer.script(BpftraceTracer.Script.SYSCALLS)).contains("@latency").contains("raw_syscalls");
        assertThat(BpftraceTracer.script(BpftraceTracer.Script.COUNTS)).doesNotContain("@latency")
                .doesNotContain("tracepoint:raw_syscalls").doesNotContain("tracepoint:sched:");
        assertThat(BpftraceTracer.script(BpftraceTracer.Script.SCHED)).contains("tracepoint:sched:sched_switch")
                .contains("page_fault_user").doesNotContain("@latency");
        assertThat(BpftraceTracer.script(BpftraceTracer.Script.IDLE)).contains(BpftraceTracer.ATTACHED_MARKER)
                .doesNotContain("syscalls");
    }

    @Test
    void syscallTable() {
        assertThat(Syscalls.name(Syscalls.READ)).isEqualTo("read");
        assertThat(Syscalls.name(Syscalls.WRITE)).isEqualTo("write");
        assertThat(Syscalls.name(Syscalls.LSEEK)).isEqualTo("lseek");
        assertThat(Syscalls.name(7)).isEqualTo("poll");
        assertThat(Syscalls.name(99999)).isEqualTo("syscall_99999");
    }

    @Test
    void tracerNames() {
        assertThat(TracerKind.parse("bpftrace")).contains(TracerKind.BPFTRACE);
        assertThat(TracerKind.parse("dtrace")).isEmpty();
        assertThat(TracerKind.names()).isEqualTo("bpftrace, bpftrace-sched, bpftrace-latency, bpftrace-syscalls, bpftrace-idle, strace, perf");
    }
}
