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
import ipclab.sys.Errno;
import ipclab.sys.Fd;
import ipclab.sys.Io;
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

    /** How long the benchmark's own connection may take to be made and accepted. */
    static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Room for strangers' connections in the accept queue, so they cannot block ours. */
    private static final int BACKLOG = 64;

    /**
     * The listener accepts only the benchmark's own connection: any local process can connect to
     * a loopback port, so an accepted peer whose port is not our client's is closed and the wait
     * goes on (until {@link #CONNECT_TIMEOUT_MILLIS}); a stranger's bytes are never counted. The
     * connect is non-blocking with the same deadline, so a full accept queue cannot hang the run.
     */
    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        int type = Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC;
        try (Fd listener = new Fd(Sockets.socket(Sockets.AF_INET, type | Sockets.SOCK_NONBLOCK, 0));
                Arena arena = Arena.ofConfined()) {
            Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            if (spec.socketBufferBytes() > 0) {
                // Before listen(2), so that the accepted socket inherits it and the window scale
                // negotiated in the handshake can use it.
                Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, spec.socketBufferBytes());
            }
            Sockets.bind(listener.value(), loopback(arena, spec.tcpPort()));
            Sockets.listen(listener.value(), BACKLOG);
            int port = port(arena, listener);
            Fd client = new Fd(Sockets.socket(Sockets.AF_INET, type | Sockets.SOCK_NONBLOCK, 0));
            try {
                if (spec.socketBufferBytes() > 0) {
                    Sockets.setsockopt(client.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, spec.socketBufferBytes());
                }
                long deadline = System.nanoTime() + CONNECT_TIMEOUT_MILLIS * 1_000_000L;
                connect(arena, client, port);
                int ours = port(arena, client);
                Fd server = acceptOurs(arena, listener, port, ours, deadline);
                try {
                    Io.setBlocking(client.value());
                    Io.setBlocking(server.value());
                    if (spec.exchange()) {
                        Sockets.setsockopt(client.value(), Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
                        Sockets.setsockopt(server.value(), Sockets.IPPROTO_TCP, Sockets.TCP_NODELAY, 1);
                    }
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

    /** A non-blocking connect to our own listener, waited for (it completes at once on loopback). */
    private static void connect(Arena arena, Fd client, int port) throws SysException {
        try {
            Sockets.connect(client.value(), loopback(arena, port));
            return;
        } catch (SysException e) {
            if (e.errno() != Errno.EINPROGRESS) {
                throw e;
            }
        }
        if (!Io.await(client.value(), Io.POLLOUT, CONNECT_TIMEOUT_MILLIS)) {
            throw timedOut(port);
        }
        int error = Sockets.getsockopt(client.value(), Sockets.SOL_SOCKET, Sockets.SO_ERROR);
        if (error != 0) {
            throw new SysException("connect", error);
        }
    }

    /** Accepts until the peer is our client (127.0.0.1, port {@code ours}); strangers are closed. */
    private static Fd acceptOurs(Arena arena, Fd listener, int port, int ours, long deadline) throws SysException {
        MemorySegment peer = arena.allocate(16);
        MemorySegment length = arena.allocate(JAVA_INT);
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !Io.await(listener.value(), Io.POLLIN, left)) {
                throw timedOut(port);
            }
            length.set(JAVA_INT, 0, 16);
            int fd;
            try {
                fd = Sockets.accept4(listener.value(), peer, length, Sockets.SOCK_CLOEXEC | Sockets.SOCK_NONBLOCK);
            } catch (SysException e) {
                if (e.errno() == Errno.EAGAIN || e.errno() == Errno.ECONNABORTED) {
                    continue; // the stranger's connection went away before we took it
                }
                throw e;
            }
            Fd accepted = new Fd(fd);
            int peerPort = Short.toUnsignedInt(peer.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
            boolean loopbackPeer = peer.get(JAVA_BYTE, 4) == 127 && peer.get(JAVA_BYTE, 7) == 1;
            if (peerPort == ours && loopbackPeer) {
                return accepted;
            }
            accepted.close(); // not ours: a local stranger that connected to the port
        }
    }

    private static SysException timedOut(int port) {
        return new SysException("connect", "the connection to 127.0.0.1:" + port + " was not made and accepted within "
                + CONNECT_TIMEOUT_MILLIS / 1000 + " s (is something else using port " + port
                + "? pick another with -p, or -p 0 for any free port)");
    }

    /** The port a socket is bound to, by getsockname(2). */
    private static int port(Arena arena, Fd socket) throws SysException {
        MemorySegment bound = arena.allocate(16);
        Sockets.getsockname(socket.value(), bound, arena.allocateFrom(JAVA_INT, 16));
        return Short.toUnsignedInt(bound.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
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
        if (spec.exchange()) {
            lines.add("nodelay: TCP_NODELAY on both ends (a message is sent at once, not held for Nagle)");
        }
        return lines;
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
        Sockets.link(true);
    }

    @Override
    public String toString() {
        return name();
    }
}
