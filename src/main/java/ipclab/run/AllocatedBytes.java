package ipclab.run;

import java.lang.management.ManagementFactory;

/**
 * The heap bytes a thread has allocated so far, as HotSpot counts them (every TLAB and
 * outside-TLAB allocation, com.sun.management.ThreadMXBean). A warm-up reads it around each of its
 * rounds: a timed loop is ready when a whole round of it allocated nothing, which C2 code in use
 * for the loop method alone does not show (a wait path too cold for C2 runs in C1, whose
 * downcalls allocate).
 */
public final class AllocatedBytes {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {}

    /** The calling thread's count so far. */
    public static long ofThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
