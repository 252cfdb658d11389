package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.run.Participants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bpftrace -f json output of ipclab's scripts, captured from real runs. */
class BpftraceOutputTest {
    @Test
    void countsScriptKeepsExactSizesAndDerivesTheCounts() {
        // counts.bt, -B -b 128k -t 1m 1thread: 8 writes ask for 128 KiB and 8 for the 64 KiB left of a
        // block; each fills the 64 KiB pipe (returns 65536), each read empties it.
        BpftraceOutput o = BpftraceOutput.parse(Canned.lines("bpftrace-counts-1thread.json"));
        TraceData d = BpftraceTracer.toTraceData("bpftrace", o, new Participants(17800, 17807, 17807, -1));

        assertThat(d.syscalls().keySet()).containsExactly("read", "write");
        assertThat(d.calls("read")).isEqualTo(16);
        assertThat(d.calls("write")).isEqualTo(16);
        assertThat(d.syscalls().get("write").requestedBytes().countAt(131072)).isEqualTo(8);
        assertThat(d.syscalls().get("write").requestedBytes().countAt(65536)).isEqualTo(8);
        assertThat(d.syscalls().get("read").returnedBytes().countAt(65536)).isEqualTo(16);
        assertThat(d.threads()).singleElement().satisfies(t -> {
            assertThat(t.contextSwitches()).isEqualTo(2);
            assertThat(t.pageFaults()).isEqualTo(1);
            assertThat(t.offCpuNanos().total()).isEqualTo(2);
        });
    }

    @Test
    void histFormIn1threadWith128kBuffersOnA64kPipe() {
        // An earlier counts.bt, with hist() sizes and raw_syscalls: the parser reads both forms.
        BpftraceOutput o = BpftraceOutput.parse(Canned.lines("bpftrace-hist-1thread.json"));
        TraceData d = BpftraceTracer.toTraceData("bpftrace", o, new Participants(4800, 4839, 4839, -1));

        assertThat(d.calls("read")).isEqualTo(16);
        assertThat(d.calls("write")).isEqualTo(16);
        assertThat(d.calls("futex")).isEqualTo(4);
        SyscallStats write = d.syscalls().get("write");
        assertThat(write.requestedBytes().countAt(131072)).isEqualTo(8);
        assertThat(write.requestedBytes().countAt(65536)).isEqualTo(8);
        assertThat(write.returnedBytes().countAt(65536)).isEqualTo(16);
        assertThat(write.latencyNanos()).as("counts.bt has no latency").isNull();
        assertThat(d.syscalls().get("futex").requestedBytes()).isNull();
        assertThat(d.threads()).singleElement().satisfies(t -> {
            assertThat(t.role()).isEqualTo("receiver+sender");
            assertThat(t.contextSwitches()).isEqualTo(4);
            assertThat(t.preempted()).isEqualTo(4);
            assertThat(t.offCpuNanos().total()).isEqualTo(4);
        });
        assertThat(List.copyOf(d.syscalls().keySet())).as("busiest first").startsWith("read", "write");
    }

    @Test
    void syscallsScriptIn2proc() {
        // -b 4k -t 256k 2proc: 64 writes of 4096 in the child, 64 reads in the parent.
        BpftraceOutput o = BpftraceOutput.parse(Canned.lines("bpftrace-syscalls-2proc.json"));
        TraceData d = BpftraceTracer.toTraceData("bpftrace-syscalls", o, new Participants(29000, 29330, 28944, 28900));

        assertThat(d.calls("write")).isEqualTo(64);
        assertThat(d.calls("read")).isEqualTo(64);
        assertThat(d.syscalls().get("write").returnedBytes().countAt(4096)).isEqualTo(64);
        assertThat(d.syscalls().get("write").returnedBytes().total()).isEqualTo(64);
        assertThat(d.syscalls().get("read").latencyNanos().total()).isEqualTo(64);
        assertThat(d.threads()).extracting(ThreadSched::role).containsExactly("receiver", "sender");
        assertThat(d.threads().get(0).pageFaults()).isEqualTo(1);
        assertThat(d.threads().get(1).wakeups()).isEqualTo(5);
    }

    @Test
    void errorsAreKeyedByCallAndErrno() {
        BpftraceOutput o = BpftraceOutput.parse(List.of(
                "{\"type\": \"map\", \"data\": {\"@calls\": {\"0\": 10, \"1\": 4}}}",
                "{\"type\": \"map\", \"data\": {\"@errors\": {\"0,11\": 6}}}",
                "{\"type\": \"printf\", \"data\": \"ipclab-attached\\n\"}", ""));
        assertThat(o.syscalls().get("read").errors()).containsEntry("EAGAIN", 6L);
        assertThat(o.syscalls().get("write").errorCount()).isZero();
    }
}
