package ipclab.ipc;

import ipclab.sys.Sockets;
import ipclab.sys.SysException;
import java.util.List;
import java.util.Set;

/**
 * What the Unix message sockets share ({@code local-seqpacket}, {@code local-dgram}): a
 * socketpair(AF_UNIX) of one socket type, the first socket read and the second written, each
 * write(2) one message and each read(2) one whole; both workloads, -s, socket grants, shut down
 * to wake a blocked end, a message at most the send buffer less 32 bytes ({@link UnixMessages}).
 * Each mechanism is this with its name, help line and socket type.
 */
public abstract class UnixMessageSocket implements Mechanism {
    private final String name;
    private final String description;
    private final int socketType;

    protected UnixMessageSocket(String name, String description, int socketType) {
        this.name = name;
        this.description = description;
        this.socketType = socketType;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public final EndpointPair open(IpcSpec spec) throws SysException {
        return UnixMessages.open(socketType, spec);
    }

    @Override
    public final void checkLimits(int messageBytes, IpcSpec spec) {
        UnixMessages.checkLimits(this, messageBytes, spec);
    }

    @Override
    public final List<String> grantFields() {
        return List.of(SocketBuffers.SNDBUF, SocketBuffers.RCVBUF);
    }

    @Override
    public final List<String> describe(IpcSpec spec, Grants granted) {
        return UnixMessages.describe(spec, granted);
    }

    @Override
    public final Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public final boolean duplex() {
        return true;
    }

    @Override
    public final boolean canShutDown() {
        return true;
    }

    @Override
    public final void linkSetUp() {
        Sockets.link(false);
    }

    @Override
    public final String toString() {
        return name;
    }
}
