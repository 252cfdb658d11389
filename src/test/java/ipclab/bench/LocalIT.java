package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.model.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.IpcType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalIT extends IpcContract {
    @Override
    IpcType type() {
        return IpcType.LOCAL;
    }

    @Test
    void socketBuffersAreAskedAndTheGrantIsReported() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, IpcType.LOCAL, 65536, 1 << 20, 0, true, 0, true,
                List.of()));
        // Linux doubles the request for its bookkeeping (socket(7)).
        assertThat(s.granted().sendBufferBytes()).isEqualTo(2 * 65536);
        assertThat(s.granted().receiveBufferBytes()).isEqualTo(2 * 65536);
        assertThat(s.granted().pipeCapacityBytes()).isEqualTo(-1);
    }
}
