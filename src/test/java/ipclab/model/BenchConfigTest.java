package ipclab.model;

import ipclab.ipc.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
    private static BenchConfig config(Mechanism ipc, int buffer, long total, int port, boolean s, int pipeSize) {
        return new BenchConfig(Mode.TWO_THREAD, ipc, buffer, total, port, s, pipeSize, true, List.of());
    }

    @Test
    void defaultsAreIpcStatics() {
        BenchConfig c = BenchConfig.defaults(Mode.TWO_THREAD);
        assertThat(c.bufferSizeBytes()).isEqualTo(131072);
        assertThat(c.totalSizeBytes()).isEqualTo(16777216);
        assertThat(c.mechanism()).isEqualTo(Mechanisms.require("pipe"));
        assertThat(c.tcpPort()).isEqualTo(10141);
        assertThat(c.blockCount()).isEqualTo(128);
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), 0, 1024, 1, false, 0)).hasMessageContaining("buffersize");
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), -5, 1024, 1, false, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), 32, 0, 1, false, 0)).hasMessageContaining("totalsize");
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), 3, 10, 1, false, 0)).hasMessageContaining("multiple");
        assertThatThrownBy(() -> config(Mechanisms.require("tcp"), 32, 64, 65536, false, 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> config(Mechanisms.require("tcp"), 32, 64, -1, false, 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), 32, 64, 1, true, 0)).hasMessageContaining("-s");
        assertThatThrownBy(() -> config(Mechanisms.require("local"), 32, 64, 1, false, 4096)).hasMessageContaining("--pipe-size");
        assertThatThrownBy(() -> config(Mechanisms.require("pipe"), 32, 64, 1, false, -1)).hasMessageContaining("--pipe-size");
    }

    /** eventfd: latency only, 8-byte messages only, each refusal saying why. */
    @Test
    void eventfdTakesItsOneWorkloadAndSize() {
        Mechanism eventfd = Mechanisms.require("eventfd");
        assertThatThrownBy(() -> config(eventfd, 8, 64, 1, false, 0))
                .hasMessage("-i eventfd cannot carry the stream workload: it carries latency; an eventfd is a counter,"
                        + " not a stream of bytes (a write adds its 8-byte value, a read takes the sum and resets it)");
        assertThatThrownBy(() -> config(eventfd, 8, 64, 1, false, 0).withWorkload("latency"))
                .hasMessageContaining("stream workload");
        assertThatThrownBy(() -> new BenchConfig(Mode.TWO_THREAD, eventfd, 64, 640, 0, false, 0, true, List.of(),
                false, "latency")).hasMessage("-i eventfd takes -b 8 only, not 64: eventfd(2) reads and writes"
                        + " exactly 8 bytes, its uint64_t counter");
        assertThat(new BenchConfig(Mode.ONE_THREAD, eventfd, 8, 80, 0, false, 0, true, List.of(), false, "latency")
                .rounds()).isEqualTo(10);
        assertThatThrownBy(() -> new BenchConfig(Mode.TWO_THREAD, eventfd, 8, 80, 0, true, 0, true, List.of(),
                false, "latency")).hasMessageContaining("-s sets socket buffer sizes");
    }

    @Test
    void socketBuffersAskForTheBufferSize() {
        assertThat(config(Mechanisms.require("local"), 4096, 8192, 1, true, 0).ipcSpec().socketBufferBytes()).isEqualTo(4096);
        assertThat(config(Mechanisms.require("local"), 4096, 8192, 1, false, 0).ipcSpec().socketBufferBytes()).isZero();
        assertThat(config(Mechanisms.require("pipe"), 4096, 8192, 1, false, 65536).ipcSpec().pipeSizeBytes()).isEqualTo(65536);
    }

    /** withBare used to drop --shared-fd-table (and withSizes, now gone, did too). */
    @Test
    void withBareKeepsEveryOtherSetting() {
        BenchConfig c = new BenchConfig(Mode.TWO_PROC, Mechanisms.require("local"), 4096, 8192, 0, true, 0, false,
                List.of(0, 1), true);
        BenchConfig bare = c.withBare(true);
        assertThat(bare.bare()).isTrue();
        assertThat(bare).isEqualTo(new BenchConfig(Mode.TWO_PROC, Mechanisms.require("local"), 4096, 8192, 0, true, 0,
                true, List.of(0, 1), true));
        assertThat(bare.sharedFdTable()).isTrue();
    }
}
