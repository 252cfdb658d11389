package ipclab.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlocksTest {
    @Test
    void blockCountIsTotalOverBuffer() {
        assertThat(Blocks.blockCount(16 * 1024 * 1024, 128 * 1024)).isEqualTo(128);
        assertThat(Blocks.blockCount(32, 32)).isEqualTo(1);
        assertThat(Blocks.blockCount(33, 32)).isEqualTo(2);
    }

    @Test
    void writeLengthIsAWholeBufferUntilTheTail() {
        assertThat(Blocks.writeLength(0, 100, 32)).isEqualTo(32);
        assertThat(Blocks.writeLength(96, 100, 32)).isEqualTo(4);
    }

    @Test
    void readsStartAtReceivedModuloBufferAndStopAtItsEnd() {
        assertThat(Blocks.offset(0, 4096)).isZero();
        assertThat(Blocks.offset(5000, 4096)).isEqualTo(904);
        assertThat(Blocks.chunkLength(5000, 1 << 20, 4096)).isEqualTo(4096 - 904);
        assertThat(Blocks.chunkLength(8192 - 10, 8192, 4096)).isEqualTo(10);
    }

    @Test
    void kibPerSecondIsBytesOverSecondsOver1024() {
        assertThat(Blocks.kibPerSec(1024 * 1024, 1_000_000_000L)).isEqualTo(1024.0);
        assertThat(Blocks.kibPerSec(2048, 500_000_000L)).isEqualTo(4.0);
    }

    @Test
    void roundsUpToAMultipleOfTheBuffer() {
        assertThat(Blocks.roundUpToMultiple(1, 4096)).isEqualTo(4096);
        assertThat(Blocks.roundUpToMultiple(4096, 4096)).isEqualTo(4096);
        assertThat(Blocks.roundUpToMultiple(4097, 4096)).isEqualTo(8192);
        assertThat(Blocks.roundUpToMultiple(0, 32)).isEqualTo(32);
    }
}
