package ipclab.machine;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.IpcType;
import ipclab.sys.SysException;

/** The capacity the kernel gives a new pipe, measured by making one. */
final class PipeProbe {
    private PipeProbe() {}

    static long defaultCapacity() {
        try (EndpointPair pair = EndpointPair.open(IpcSpec.of(IpcType.PIPE))) {
            return pair.granted().pipeCapacityBytes();
        } catch (SysException e) {
            return -1;
        }
    }
}
