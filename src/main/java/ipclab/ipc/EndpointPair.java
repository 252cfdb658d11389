package ipclab.ipc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import ipclab.sys.Fd;
import ipclab.sys.Libc;
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
                    Libc.fcntl(fds[1].value(), Libc.F_SETPIPE_SZ, spec.pipeSizeBytes());
                } catch (SysException e) {
                    // EPERM here means "above /proc/sys/fs/pipe-max-size without CAP_SYS_RESOURCE".
                    throw new SysException("fcntl(F_SETPIPE_SZ, " + spec.pipeSizeBytes() + ")", e.errno());
                }
            }
            int capacity = Libc.fcntl(fds[1].value(), Libc.F_GETPIPE_SZ, 0);
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
        int type = Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC;
        try (Fd listener = new Fd(Libc.socket(Libc.AF_INET, type, 0))) {
            Libc.setsockopt(listener.value(), Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            if (spec.socketBufferBytes() > 0) {
                // Before listen(2), so that the accepted socket inherits it and the window scale
                // negotiated in the handshake can use it.
                Libc.setsockopt(listener.value(), Libc.SOL_SOCKET, Libc.SO_RCVBUF, spec.socketBufferBytes());
            }
            int port;
            try (Arena arena = Arena.ofConfined()) {
                Libc.bind(listener.value(), loopback(arena, spec.tcpPort()));
                Libc.listen(listener.value(), 1);
                MemorySegment bound = arena.allocate(16);
                Libc.getsockname(listener.value(), bound, arena.allocateFrom(JAVA_INT, 16));
                port = Short.toUnsignedInt(bound.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
                Fd client = new Fd(Libc.socket(Libc.AF_INET, type, 0));
                try {
                    if (spec.socketBufferBytes() > 0) {
                        Libc.setsockopt(client.value(), Libc.SOL_SOCKET, Libc.SO_SNDBUF, spec.socketBufferBytes());
                    }
                    Libc.connect(client.value(), loopback(arena, port));
                    Fd server = new Fd(Libc.accept4(listener.value(), Libc.SOCK_CLOEXEC));
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
            Libc.setsockopt(writer.value(), Libc.SOL_SOCKET, Libc.SO_SNDBUF, spec.socketBufferBytes());
            Libc.setsockopt(reader.value(), Libc.SOL_SOCKET, Libc.SO_RCVBUF, spec.socketBufferBytes());
        }
        int snd = Libc.getsockopt(writer.value(), Libc.SOL_SOCKET, Libc.SO_SNDBUF);
        int rcv = Libc.getsockopt(reader.value(), Libc.SOL_SOCKET, Libc.SO_RCVBUF);
        return new EndpointPair(reader, writer, new KernelBuffers(-1, snd, rcv, port));
    }

    /** pipe2 gives [read end, write end]; socketpair gives two peers, the first read, the second written. */
    private static Fd[] twoFds(boolean pipe) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if (pipe) {
                Libc.pipe2(fds, Libc.O_CLOEXEC);
            } else {
                Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds);
            }
            return new Fd[] {new Fd(fds.getAtIndex(JAVA_INT, 0)), new Fd(fds.getAtIndex(JAVA_INT, 1))};
        }
    }

    /** struct sockaddr_in for 127.0.0.1:port, in network byte order. */
    private static MemorySegment loopback(Arena arena, int port) {
        MemorySegment addr = arena.allocate(16);
        addr.set(JAVA_SHORT_UNALIGNED, 0, (short) Libc.AF_INET);
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
