package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("local");
    }

    @Test
    void socketBuffersAreAskedAndTheGrantIsReported() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("local"), 65536, 1 << 20, 0, true, 0, true,
                List.of()));
        // Linux doubles the request for its bookkeeping (socket(7)).
        assertThat(s.granted().get("sndbuf_bytes")).isEqualTo(2L * 65536);
        assertThat(s.granted().get("rcvbuf_bytes")).isEqualTo(2L * 65536);
        assertThat(s.granted().get("pipe_capacity_bytes")).isEqualTo(-1L);
    }
}
