package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("tcp");
    }

    @Test
    void portZeroBindsAFreePortOnLoopback() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("tcp"), 4096, 1 << 16, 0, true, 0, true,
                List.of()));
        assertThat(s.granted().get("tcp_port")).isBetween(1L, 65535L);
        assertThat(s.granted().get("sndbuf_bytes")).isGreaterThanOrEqualTo(4096L);
    }
}
