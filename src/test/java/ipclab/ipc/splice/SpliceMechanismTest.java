package ipclab.ipc.splice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pipe a zero-copy block needs: the largest power-of-two pages not above the block, within one page and the maximum. */
class SpliceMechanismTest {
    @Test
    void capacityIsTheLargestPowerOfTwoPagesNotAboveTheBlock() {
        assertThat(SpliceMechanism.capacityFor(32, 1 << 20)).isEqualTo(4096);
        assertThat(SpliceMechanism.capacityFor(4096, 1 << 20)).isEqualTo(4096);
        assertThat(SpliceMechanism.capacityFor(3 * 4096, 1 << 20)).isEqualTo(8192);
        assertThat(SpliceMechanism.capacityFor(65536, 1 << 20)).isEqualTo(65536);
        assertThat(SpliceMechanism.capacityFor(100_000, 1 << 20)).isEqualTo(65536);
        assertThat(SpliceMechanism.capacityFor(1 << 20, 1 << 20)).isEqualTo(1 << 20);
        assertThat(SpliceMechanism.capacityFor(4 << 20, 1 << 20)).isEqualTo(1 << 20);
    }
}
