package ipclab.workload.latency;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The round trips' histogram: HdrHistogram from 1 ns to 10 s at 3 significant digits (every
 * value within 0.1%), allocated before the timed region with that fixed range, so recording
 * never resizes it; a slower round trip is recorded as 10 s. The sample keeps its percentiles
 * and the histogram itself, compressed and base64-encoded, so that reports merge histograms of
 * trials rather than average their percentiles (which has no meaning).
 */
public final class LatencyHistogram {
    public static final long HIGHEST_NANOS = 10_000_000_000L;
    public static final int DIGITS = 3;

    private LatencyHistogram() {}

    public static Histogram create() {
        return new Histogram(1, HIGHEST_NANOS, DIGITS);
    }

    /** The histogram as the sample's {@code rtt_histogram}: HdrHistogram's compressed form, base64. */
    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** {@link #encode}'s text read back; IllegalArgumentException when it is not one. */
    public static Histogram decode(String text) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 1);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage());
        }
    }

    /** The percentile fields of a run, its mean as lmbench and perf print it (the region's time over the rounds), and the histogram. */
    static Map<String, Object> fields(Histogram h, long elapsedNanos, long rounds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LatencyWorkload.ROUNDS, rounds);
        m.put(LatencyWorkload.MIN.name(), h.getMinValue());
        m.put(LatencyWorkload.P50.name(), h.getValueAtPercentile(50));
        m.put(LatencyWorkload.P90.name(), h.getValueAtPercentile(90));
        m.put(LatencyWorkload.P99.name(), h.getValueAtPercentile(99));
        m.put(LatencyWorkload.P999.name(), h.getValueAtPercentile(99.9));
        m.put(LatencyWorkload.P9999.name(), h.getValueAtPercentile(99.99));
        m.put(LatencyWorkload.MAX.name(), h.getMaxValue());
        m.put(LatencyWorkload.MEAN.name(), rounds == 0 ? 0.0 : (double) elapsedNanos / rounds);
        m.put(LatencyWorkload.HISTOGRAM, encode(h));
        return m;
    }
}
