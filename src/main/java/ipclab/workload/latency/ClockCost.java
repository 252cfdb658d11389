package ipclab.workload.latency;

/**
 * What one pair of clock readings costs on this machine: every round trip is timed by two
 * System.nanoTime calls, so the figure is the floor under every recorded value. The median of
 * {@link #PAIRS} back-to-back pairs, taken before the timed region.
 */
final class ClockCost {
    static final int PAIRS = 10_001;

    private ClockCost() {}

    static long pairNanos() {
        long[] d = new long[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            long t0 = System.nanoTime();
            long t1 = System.nanoTime();
            d[i] = t1 - t0;
        }
        java.util.Arrays.sort(d);
        return d[PAIRS / 2];
    }
}
