package ipclab.ipc.pipe;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.PipeCapacity;
import ipclab.sys.Io;
import ipclab.sys.Pipes;
import ipclab.sys.SysException;
import java.util.List;
import java.util.Set;

/** {@code -i pipe}: pipe2(2), a unidirectional pipe, as ipc-static's default. */
public final class PipeMechanism implements Mechanism {
    public static final PipeMechanism INSTANCE = new PipeMechanism();

    private PipeMechanism() {}

    @Override
    public String name() {
        return "pipe";
    }

    @Override
    public String description() {
        return "pipe2(2): an anonymous pipe";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.PIPE_SIZE);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        return EndpointPair.of(fds -> Pipes.pipe2(fds, Io.O_CLOEXEC),
                (reader, writer) -> PipeCapacity.apply(writer, spec));
    }

    @Override
    public List<String> grantFields() {
        return List.of(PipeCapacity.FIELD);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return PipeCapacity.describe(spec, granted);
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        Pipes.link(false);
    }

    @Override
    public String toString() {
        return name();
    }
}
