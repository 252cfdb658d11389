package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.model.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.IpcType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpIT extends IpcContract {
    @Override
    IpcType type() {
        return IpcType.TCP;
    }

    @Test
    void portZeroBindsAFreePortOnLoopback() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, IpcType.TCP, 4096, 1 << 16, 0, true, 0, true,
                List.of()));
        assertThat(s.granted().tcpPort()).isBetween(1, 65535);
        assertThat(s.granted().sendBufferBytes()).isGreaterThanOrEqualTo(4096);
    }
}
