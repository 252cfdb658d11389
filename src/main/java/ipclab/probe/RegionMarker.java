package ipclab.probe;

import ipclab.sys.CallState;
import ipclab.sys.Io;

/**
 * The edges of a timed region, made visible to tracers. Each thread of a run makes one marker
 * call just before its loop's first system call and one just after its last:
 * {@code lseek(-1, START, SEEK_SET)} and {@code lseek(-1, END, SEEK_SET)}, which fail at once
 * with EBADF and have no other effect. A tracer counts a thread's calls between its two
 * markers, so it sees exactly the loop's calls and nothing of the set-up around them.
 *
 * <p>The markers are made on every run, traced or not (about a microsecond each, outside the
 * clock readings), so tracing changes nothing in what runs. The offsets spell "ipclab" and are
 * repeated in the bpftrace scripts under {@code ipclab/trace/}; a test keeps them equal.
 */
public final class RegionMarker {
    /** Offset of the marker before a thread's first call in the region. */
    public static final long START = 0x6970636c61620001L;
    /** Offset of the marker after a thread's last call in the region. */
    public static final long END = 0x6970636c61620002L;

    private RegionMarker() {}

    public static void start(CallState cs) {
        Io.lseek(cs, -1, START, 0);
    }

    public static void end(CallState cs) {
        Io.lseek(cs, -1, END, 0);
    }
}
