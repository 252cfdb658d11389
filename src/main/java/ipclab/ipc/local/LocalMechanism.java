package ipclab.ipc.local;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.SocketBuffers;
import ipclab.sys.SysException;
import ipclab.sys.Sockets;
import java.util.List;
import java.util.Set;

/** {@code -i local}: socketpair(AF_UNIX, SOCK_STREAM), the first socket read, the second written. */
public final class LocalMechanism implements Mechanism {
    public static final LocalMechanism INSTANCE = new LocalMechanism();

    private LocalMechanism() {}

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "socketpair(AF_UNIX, SOCK_STREAM): a connected pair of Unix stream sockets";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        return EndpointPair.of(
                fds -> Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0, fds),
                (reader, writer) -> SocketBuffers.apply(reader, writer, spec));
    }

    @Override
    public List<String> grantFields() {
        return List.of(SocketBuffers.SNDBUF, SocketBuffers.RCVBUF);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return SocketBuffers.describe(spec, granted);
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public boolean duplex() {
        return true;
    }

    @Override
    public boolean canShutDown() {
        return true;
    }

    @Override
    public void linkSetUp() {
        Sockets.link(false);
    }

    @Override
    public String toString() {
        return name();
    }
}
