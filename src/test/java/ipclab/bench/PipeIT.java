package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("pipe");
    }

    @Test
    void pipeSizeIsSetAndReadBack() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("pipe"), 4096, 1 << 20, 0, false, 1 << 20, true,
                List.of()));
        assertThat(s.granted().get("pipe_capacity_bytes")).isEqualTo(1L << 20);
        Sample d = runOnce(config(Mode.TWO_THREAD, 4096, 1 << 16));
        assertThat(d.granted().get("pipe_capacity_bytes")).isPositive();
        assertThat(d.granted().get("sndbuf_bytes")).isEqualTo(-1L);
    }
}
