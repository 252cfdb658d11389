package ipclab.ipc.shm;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The wait calls of the last shm run this process closed, for its -v block: per side, how many
 * times it waited (futex(2) FUTEX_WAIT, or sched_yield(2)) and how many futex wakes it made. The
 * "first" side is the first ring's producer (a stream's sender, a round trip's initiator) with
 * the second ring's consumer; the "second" side the rest. The counts live in the rings' shared
 * headers, so the parent of a 2proc run reads the child's too; they are read when the last of
 * this process's transfers on the rings closes, after the run.
 *
 * <p>Kept here rather than in the sample: a sample's grant fields are fixed when the pair is
 * made, before anything was counted.
 */
final class WaitCounts {
    /** first side waits, first side wakes, second side waits, second side wakes. */
    record Counts(int strategy, long firstWaits, long firstWakes, long secondWaits, long secondWakes) {}

    private static final AtomicReference<Counts> LAST = new AtomicReference<>();

    private WaitCounts() {}

    /** Records the counts of a transfer's first ring and, for a round trip, its second ({@link RingEnd#counts}). */
    static void record(int wait, long[] first, long[] second) {
        long[] s = second == null ? new long[4] : second;
        LAST.set(new Counts(wait, first[0] + s[2], first[1] + s[3], first[2] + s[0], first[3] + s[1]));
    }

    /** The last run's counts, or null when none has closed in this process. */
    static Counts last() {
        return LAST.get();
    }
}
