package ipclab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RanOnTest {
    @Test
    void aPackedWordGivesBackWhereTheEndRan() {
        for (RanOn r : new RanOn[] {new RanOn(0, 1, 3), new RanOn(127, 0, 0), RanOn.UNKNOWN,
                new RanOn(5, -1, -1), new RanOn(-1, 2, 1L << 40)}) {
            RanOn back = RanOn.unpacked(r.packed());
            assertThat(back.cpuAtStart()).isEqualTo(r.cpuAtStart());
            assertThat(back.cpuAtEnd()).isEqualTo(r.cpuAtEnd());
            // more migrations than 32 bits hold are capped, never taken for unknown
            assertThat(back.migrations()).isEqualTo(r.migrations() > 0xfffffffeL ? 0xfffffffeL : r.migrations());
        }
    }

    @Test
    void theSampleFieldsAreNamedForTheEndAndNullWhereUnknown() {
        Map<String, Object> m = new LinkedHashMap<>();
        new RanOn(1, 0, 2).put(m, "receiver");
        RanOn.UNKNOWN.put(m, "sender");
        assertThat(m).containsEntry("receiver_cpu_start", 1).containsEntry("receiver_cpu_end", 0)
                .containsEntry("receiver_migrations", 2L).containsEntry("sender_cpu_start", null)
                .containsKeys("sender_cpu_end", "sender_migrations");
        assertThat(RanOn.of(m, "receiver")).isEqualTo(new RanOn(1, 0, 2));
        assertThat(RanOn.of(m, "sender")).isEqualTo(RanOn.UNKNOWN);
    }

    @Test
    void theProbeReadsTheCpuAroundItsBody() throws Exception {
        RanOn.Probe probe = new RanOn.Probe();
        assertThat(probe.ranOn()).isEqualTo(RanOn.UNKNOWN);
        int cpus = Runtime.getRuntime().availableProcessors();
        probe.run(() -> {});
        assertThat(probe.ranOn().cpuAtStart()).isBetween(0, 1023);
        assertThat(probe.ranOn().cpuAtEnd()).isBetween(0, 1023);
        assertThat(probe.ranOn().migrations()).isGreaterThanOrEqualTo(-1);
        assertThat(cpus).isPositive();
    }
}
