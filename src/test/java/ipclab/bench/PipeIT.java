package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.model.Mode;
import ipclab.model.Sample;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.IpcType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeIT extends IpcContract {
    @Override
    IpcType type() {
        return IpcType.PIPE;
    }

    @Test
    void pipeSizeIsSetAndReadBack() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, IpcType.PIPE, 4096, 1 << 20, 0, false, 1 << 20, true,
                List.of()));
        assertThat(s.granted().pipeCapacityBytes()).isEqualTo(1 << 20);
        Sample d = runOnce(config(Mode.TWO_THREAD, 4096, 1 << 16));
        assertThat(d.granted().pipeCapacityBytes()).isPositive();
        assertThat(d.granted().sendBufferBytes()).isEqualTo(-1);
    }
}
