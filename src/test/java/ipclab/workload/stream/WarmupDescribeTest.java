package ipclab.workload.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mode;
import org.junit.jupiter.api.Test;

/**
 * A warm-up is done when its loops are C2-compiled and a whole round allocated nothing; the
 * verbose block says which of the two was missing when it ran out of rounds.
 */
class WarmupDescribeTest {
    @Test
    void warmNeedsBothCompiledAndAllocationFree() {
        assertThat(new Warmup.Report(10_000, true, 0, 100).warm()).isTrue();
        assertThat(new Warmup.Report(200_000, true, 320, 100).warm()).isFalse();
        assertThat(new Warmup.Report(200_000, false, 0, 100).warm()).isFalse();
    }

    @Test
    void theVerboseLineSaysWhatWasMissing() {
        assertThat(Warmup.describe(Mode.TWO_THREAD, 4096, new Warmup.Report(10_000, true, 0, 112)))
                .isEqualTo("10000 untimed calls of the sender and receiver loops (4 x 4096-byte blocks each), "
                        + "until C2-compiled and allocation-free, then JIT quiet after 112 ms");
        assertThat(Warmup.describe(Mode.TWO_THREAD, 4096, new Warmup.Report(200_000, true, 320, 102)))
                .contains("NOT allocation-free yet (320 bytes in its last round)");
        assertThat(Warmup.describe(Mode.ONE_THREAD, 32, new Warmup.Report(200_000, false, 640, 102)))
                .contains("(4 x 32-byte blocks each), NOT C2-compiled yet,");
    }
}
