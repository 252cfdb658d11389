package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The distribution plot's percentile axis: each nine one step further along. */
class LatencyChartsTest {
    @Test
    void ninesAreEquallySpaced() {
        assertThat(LatencyCharts.position(0)).isZero();
        assertThat(LatencyCharts.position(90)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyCharts.position(99)).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyCharts.position(99.9)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyCharts.position(100)).isEqualTo(7);
    }
}
