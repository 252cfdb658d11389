package ipclab.ipc.localseqpacket;

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
 * {@code -i local-seqpacket}: socketpair(AF_UNIX, SOCK_SEQPACKET), the first socket read, the
 * second written: sequenced, reliable, connected messages: each write(2) one record, each read(2)
 * one whole. A message is at most the send buffer less 32 bytes ({@link UnixMessages}).
 */
public final class LocalSeqpacketMechanism implements Mechanism {
    public static final LocalSeqpacketMechanism INSTANCE = new LocalSeqpacketMechanism();

    private LocalSeqpacketMechanism() {}

    @Override
    public String name() {
        return "local-seqpacket";
    }

    @Override
    public String description() {
        return "socketpair(AF_UNIX, SOCK_SEQPACKET): sequenced packets, boundaries kept";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        return UnixMessages.open(Sockets.SOCK_SEQPACKET, spec);
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
