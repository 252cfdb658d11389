package callcost;

import java.util.Arrays;

/**
 * The bookkeeping of tools/loop-parts' programs: blocks of round trips, plain and variant in
 * turn after some warm-up blocks; per pair of measured blocks the ratios variant/plain of their
 * p50 and p99; at the end, one line: VARIANT MEDIAN Q1 Q3 PAIRS PLAIN_P50_NS P99_MEDIAN.
 */
public final class BlockPairs {
    /** Blocks of round trips each. */
    public static final int BLOCK = 10_000;
    /** Untimed blocks first (C2 compiles both loops), then measured ones, plain and variant in turn. */
    public static final int WARM_BLOCKS = 20;
    public static final int MEASURED_BLOCKS = 60;

    private final double[] ratios = new double[MEASURED_BLOCKS / 2];
    private final double[] p99Ratios = new double[MEASURED_BLOCKS / 2];
    private final long[] plainP50 = new long[MEASURED_BLOCKS / 2];
    private long plain;
    private long plainP99;

    /** Block {@code b}'s p50 and p99 in ns (even blocks are plain, odd ones the variant). */
    public void add(int b, long p50, long p99) {
        int m = b - WARM_BLOCKS;
        if (m >= 0 && m % 2 == 0) {
            plain = p50;
            plainP99 = p99;
        } else if (m >= 0) {
            ratios[m / 2] = p50 / (double) plain;
            p99Ratios[m / 2] = p99 / (double) plainP99;
            plainP50[m / 2] = plain;
        }
    }

    /** Block {@code b}'s round trips, sorted in place: its p50 and p99 from them. */
    public void add(int b, long[] rtt) {
        Arrays.sort(rtt);
        add(b, rtt[rtt.length / 2 - 1], rtt[rtt.length / 100 * 99 - 1]);
    }

    public String summary(String variant) {
        double[] r = ratios.clone();
        double[] r99 = p99Ratios.clone();
        long[] p = plainP50.clone();
        Arrays.sort(r);
        Arrays.sort(r99);
        Arrays.sort(p);
        int n = r.length;
        return String.format(java.util.Locale.ROOT, "%s %.4f %.4f %.4f %d %d %.4f", variant,
                (r[n / 2 - 1] + r[n / 2]) / 2, r[n / 4], r[(3 * n) / 4], n, p[n / 2], (r99[n / 2 - 1] + r99[n / 2]) / 2);
    }
}
