package ipclab.trace;

import java.util.Arrays;

/**
 * A power-of-two histogram, DTrace's {@code quantize()} and bpftrace's {@code hist()}: bucket 0
 * holds the value 0, bucket k (k &gt;= 1) the values 2^(k-1) to 2^k - 1. Negative values are not
 * counted (errors are kept apart, by errno).
 *
 * @param counts count per bucket; trailing empty buckets are dropped
 */
public record Log2Histogram(long[] counts) {
    public static final Log2Histogram EMPTY = new Log2Histogram(new long[0]);

    public Log2Histogram {
        int n = counts.length;
        while (n > 0 && counts[n - 1] == 0) {
            n--;
        }
        counts = Arrays.copyOf(counts, n);
    }

    /** The bucket of {@code value} (&gt;= 0). */
    public static int bucket(long value) {
        return value <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(value);
    }

    /** Smallest value of bucket {@code k}. */
    public static long lowerBound(int k) {
        return k == 0 ? 0 : 1L << (k - 1);
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** The count in the bucket holding {@code value}. */
    public long countAt(long value) {
        int k = bucket(value);
        return k < counts.length ? counts[k] : 0;
    }

    public Log2Histogram plus(Log2Histogram other) {
        long[] sum = Arrays.copyOf(counts, Math.max(counts.length, other.counts.length));
        for (int i = 0; i < other.counts.length; i++) {
            sum[i] += other.counts[i];
        }
        return new Log2Histogram(sum);
    }

    /** Builds a histogram of single values, for tracers that see each call (strace). */
    public static final class Builder {
        private long[] counts = new long[0];

        public Builder add(long value) {
            return add(value, 1);
        }

        public Builder add(long value, long n) {
            if (value < 0) {
                return this;
            }
            int k = bucket(value);
            if (k >= counts.length) {
                counts = Arrays.copyOf(counts, k + 1);
            }
            counts[k] += n;
            return this;
        }

        /** Adds {@code n} to the bucket whose lower bound is {@code min} (a bpftrace bucket). */
        public Builder addBucket(long min, long n) {
            return add(min, n);
        }

        public Log2Histogram build() {
            return new Log2Histogram(counts);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Log2Histogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Log2Histogram" + Arrays.toString(counts);
    }
}
