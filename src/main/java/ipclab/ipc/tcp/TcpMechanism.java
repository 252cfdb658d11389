package ipclab.ipc.tcp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.SocketBuffers;
import ipclab.sys.Fd;
import ipclab.sys.SysException;
import ipclab.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -i tcp}: a TCP connection over 127.0.0.1, from a listening socket on {@code -p} (0: any
 * free port) to a connecting one; the accepted socket reads, the connecting one writes.
 */
public final class TcpMechanism implements Mechanism {
    public static final TcpMechanism INSTANCE = new TcpMechanism();
    public static final String PORT = "tcp_port";

    private TcpMechanism() {}

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "TCP over 127.0.0.1 (-p port)";
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        int type = Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC;
        try (Fd listener = new Fd(Sockets.socket(Sockets.AF_INET, type, 0))) {
            Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            if (spec.socketBufferBytes() > 0) {
                // Before listen(2), so that the accepted socket inherits it and the window scale
                // negotiated in the handshake can use it.
                Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, spec.socketBufferBytes());
            }
            try (Arena arena = Arena.ofConfined()) {
                Sockets.bind(listener.value(), loopback(arena, spec.tcpPort()));
                Sockets.listen(listener.value(), 1);
                MemorySegment bound = arena.allocate(16);
                Sockets.getsockname(listener.value(), bound, arena.allocateFrom(JAVA_INT, 16));
                int port = Short.toUnsignedInt(bound.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
                Fd client = new Fd(Sockets.socket(Sockets.AF_INET, type, 0));
                try {
                    if (spec.socketBufferBytes() > 0) {
                        Sockets.setsockopt(client.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF,
                                spec.socketBufferBytes());
                    }
                    Sockets.connect(client.value(), loopback(arena, port));
                    Fd server = new Fd(Sockets.accept4(listener.value(), Sockets.SOCK_CLOEXEC));
                    try {
                        Map<String, Long> granted = new LinkedHashMap<>(
                                SocketBuffers.apply(server, client, spec).values());
                        granted.put(PORT, (long) port);
                        return new EndpointPair(server, client, new Grants(granted));
                    } catch (SysException e) {
                        server.close();
                        throw e;
                    }
                } catch (SysException e) {
                    client.close();
                    throw e;
                }
            }
        }
    }

    /** struct sockaddr_in for 127.0.0.1:port, in network byte order. */
    private static MemorySegment loopback(Arena arena, int port) {
        MemorySegment addr = arena.allocate(16);
        addr.set(JAVA_SHORT_UNALIGNED, 0, (short) Sockets.AF_INET);
        addr.set(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        addr.set(JAVA_BYTE, 4, (byte) 127);
        addr.set(JAVA_BYTE, 7, (byte) 1);
        return addr;
    }

    @Override
    public List<String> grantFields() {
        return List.of(SocketBuffers.SNDBUF, SocketBuffers.RCVBUF, PORT);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        List<String> lines = new ArrayList<>(SocketBuffers.describe(spec, granted));
        lines.add("tcpport: " + granted.get(PORT));
        return lines;
    }

    @Override
    public boolean canShutDown() {
        return true;
    }

    @Override
    public void linkSetUp() {
        Sockets.link(true);
    }

    @Override
    public String toString() {
        return name();
    }
}
