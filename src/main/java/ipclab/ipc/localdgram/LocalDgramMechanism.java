package ipclab.ipc.localdgram;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.SocketBuffers;
import ipclab.ipc.UnixMessages;
import ipclab.sys.Sockets;
import ipclab.sys.SysException;
import java.util.List;
import java.util.Set;

/**
 * {@code -i local-dgram}: socketpair(AF_UNIX, SOCK_DGRAM), the first socket read, the second
 * written: datagrams between two connected sockets: each write(2) one datagram, each read(2) one
 * whole; a full queue blocks the sender (net.unix.max_dgram_qlen datagrams, or the send buffer),
 * nothing is dropped. A message is at most the send buffer less 32 bytes ({@link UnixMessages}).
 */
public final class LocalDgramMechanism implements Mechanism {
    public static final LocalDgramMechanism INSTANCE = new LocalDgramMechanism();

    private LocalDgramMechanism() {}

    @Override
    public String name() {
        return "local-dgram";
    }

    @Override
    public String description() {
        return "socketpair(AF_UNIX, SOCK_DGRAM): Unix datagrams, boundaries kept, never lost";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        return UnixMessages.open(Sockets.SOCK_DGRAM, spec);
    }

    @Override
    public void checkLimits(int messageBytes, IpcSpec spec) {
        UnixMessages.checkLimits(this, messageBytes, spec);
    }

    @Override
    public List<String> grantFields() {
        return List.of(SocketBuffers.SNDBUF, SocketBuffers.RCVBUF);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        return UnixMessages.describe(spec, granted);
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
