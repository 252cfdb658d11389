package ipclab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Log2HistogramTest {
    @Test
    void bucketsAreBpftracesHist() {
        assertThat(Log2Histogram.bucket(0)).isZero();
        assertThat(Log2Histogram.bucket(1)).isEqualTo(1);
        assertThat(Log2Histogram.bucket(2)).isEqualTo(2);
        assertThat(Log2Histogram.bucket(3)).isEqualTo(2);
        assertThat(Log2Histogram.bucket(4096)).isEqualTo(13);
        assertThat(Log2Histogram.bucket(8191)).isEqualTo(13);
        assertThat(Log2Histogram.lowerBound(13)).isEqualTo(4096);
    }

    @Test
    void builderCountsAndDropsNegatives() {
        Log2Histogram h = new Log2Histogram.Builder().add(4096).add(5000).add(-11).add(0).build();
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.countAt(4096)).isEqualTo(2);
        assertThat(h.plus(h).countAt(0)).isEqualTo(2);
        assertThat(new Log2Histogram(new long[] {1, 0, 0})).isEqualTo(new Log2Histogram(new long[] {1}));
    }

    @Test
    void rendersAsQuantize() {
        StringBuilder b = new StringBuilder();
        TraceText.histogram(b, "write: returned bytes", new Log2Histogram.Builder().add(4096, 64).build());
        assertThat(b.toString()).contains("Distribution")
                .containsPattern("4096 \\|@{40} 64")
                .containsPattern("2048 \\|\\s+0")
                .containsPattern("8192 \\|\\s+0");
    }
}
