package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** strace -C -T -s 0 output, captured from real runs. */
class StraceOutputTest {
    @Test
    void twoThreadsWithUnfinishedAndResumedLines() {
        // -b 4k -t 256k 2proc: receiver 23070, sender 22425 (the child); the receiver's first read
        // waits out the sender's one-second sleep.
        StraceOutput o = StraceOutput.parse(Canned.lines("strace-2proc.txt"), -1);
        var calls = o.syscalls();

        assertThat(calls.get("write").calls()).isEqualTo(64);
        assertThat(calls.get("read").calls()).isEqualTo(64);
        assertThat(calls.get("write").returnedBytes().countAt(4096)).isEqualTo(64);
        assertThat(calls.get("write").requestedBytes().total()).isEqualTo(64);
        assertThat(calls.get("read").returnedBytes().total()).isEqualTo(64);
        assertThat(calls.get("read").latencyNanos().countAt(1_000_000_000L)).isEqualTo(1);
        assertThat(calls).doesNotContainKey("recvmsg").doesNotContainKey("lseek");
        assertThat(o.summary()).contains("% time").contains("total");
    }

    @Test
    void oneThreadLinesCarryNoThreadId() {
        // -B -b 128k -t 1m 1thread: 16 writes and 16 reads between the markers; the summary
        // (whole attachment) counts more reads: class loading after the region.
        StraceOutput o = StraceOutput.parse(Canned.lines("strace-1thread.txt"), 4242);
        assertThat(o.syscalls().get("read").calls()).isEqualTo(16);
        assertThat(o.syscalls().get("write").calls()).isEqualTo(16);
        assertThat(o.syscalls().get("write").returnedBytes().countAt(65536)).isEqualTo(16);
        assertThat(o.summary()).containsPattern("\\s20\\s+read");
    }
}
