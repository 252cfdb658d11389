package ipclab.ipc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Pipes;
import ipclab.sys.Sockets;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A connected reader and writer: the kernel object under test. The transports differ only in how
 * the pair is made; the benchmark loops see two descriptors. All descriptors are close-on-exec, so
 * a spawned child inherits nothing it is not handed explicitly. The pair owns both descriptors.
 */
public record EndpointPair(Fd reader, Fd writer, KernelBuffers granted) implements AutoCloseable {

    /** Makes the pair {@code spec} describes. On failure nothing stays open. */
    public static EndpointPair open(IpcSpec spec) throws SysException {
        return switch (spec.type()) {
            case PIPE -> pipe(spec);
            case LOCAL -> local(spec);
            case TCP -> tcp(spec);
        };
    }

    private static EndpointPair pipe(IpcSpec spec) throws SysException {
        Fd[] fds = twoFds(true);
        try {
            if (spec.pipeSizeBytes() > 0) {
                try {
                    Io.fcntl(fds[1].value(), Pipes.F_SETPIPE_SZ, spec.pipeSizeBytes());
                } catch (SysException e) {
                    // EPERM here means "above /proc/sys/fs/pipe-max-size without CAP_SYS_RESOURCE".
                    throw new SysException("fcntl(F_SETPIPE_SZ, " + spec.pipeSizeBytes() + ")", e.errno());
                }
            }
            int capacity = Io.fcntl(fds[1].value(), Pipes.F_GETPIPE_SZ, 0);
            return new EndpointPair(fds[0], fds[1], new KernelBuffers(capacity, -1, -1, -1));
        } catch (SysException e) {
            fds[0].close();
            fds[1].close();
            throw e;
        }
    }

    private static EndpointPair local(IpcSpec spec) throws SysException {
        Fd[] fds = twoFds(false);
        try {
            return sized(fds[0], fds[1], spec, -1);
        } catch (SysException e) {
            fds[0].close();
            fds[1].close();
            throw e;
        }
    }

    private static EndpointPair tcp(IpcSpec spec) throws SysException {
        int type = Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC;
        try (Fd listener = new Fd(Sockets.socket(Sockets.AF_INET, type, 0))) {
            Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
            if (spec.socketBufferBytes() > 0) {
                // Before listen(2), so that the accepted socket inherits it and the window scale
                // negotiated in the handshake can use it.
                Sockets.setsockopt(listener.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, spec.socketBufferBytes());
            }
            int port;
            try (Arena arena = Arena.ofConfined()) {
                Sockets.bind(listener.value(), loopback(arena, spec.tcpPort()));
                Sockets.listen(listener.value(), 1);
                MemorySegment bound = arena.allocate(16);
                Sockets.getsockname(listener.value(), bound, arena.allocateFrom(JAVA_INT, 16));
                port = Short.toUnsignedInt(bound.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
                Fd client = new Fd(Sockets.socket(Sockets.AF_INET, type, 0));
                try {
                    if (spec.socketBufferBytes() > 0) {
                        Sockets.setsockopt(client.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, spec.socketBufferBytes());
                    }
                    Sockets.connect(client.value(), loopback(arena, port));
                    Fd server = new Fd(Sockets.accept4(listener.value(), Sockets.SOCK_CLOEXEC));
                    try {
                        return sized(server, client, spec, port);
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

    private static EndpointPair sized(Fd reader, Fd writer, IpcSpec spec, int port) throws SysException {
        if (spec.socketBufferBytes() > 0) {
            Sockets.setsockopt(writer.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, spec.socketBufferBytes());
            Sockets.setsockopt(reader.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, spec.socketBufferBytes());
        }
        int snd = Sockets.getsockopt(writer.value(), Sockets.SOL_SOCKET, Sockets.SO_SNDBUF);
        int rcv = Sockets.getsockopt(reader.value(), Sockets.SOL_SOCKET, Sockets.SO_RCVBUF);
        return new EndpointPair(reader, writer, new KernelBuffers(-1, snd, rcv, port));
    }

    /** pipe2 gives [read end, write end]; socketpair gives two peers, the first read, the second written. */
    private static Fd[] twoFds(boolean pipe) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if (pipe) {
                Pipes.pipe2(fds, Io.O_CLOEXEC);
            } else {
                Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0, fds);
            }
            return new Fd[] {new Fd(fds.getAtIndex(JAVA_INT, 0)), new Fd(fds.getAtIndex(JAVA_INT, 1))};
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
    public void close() {
        reader.close();
        writer.close();
    }
}
