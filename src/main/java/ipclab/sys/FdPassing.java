package ipclab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Messages over an AF_UNIX socket, optionally carrying up to {@link #MAX_FDS} descriptors as
 * SCM_RIGHTS ancillary data (unix(7)). This is how the 2proc child is handed the very kernel
 * objects the parent made: one end of a stream, or the two ends a round trip uses when each
 * direction has its own pipe.
 *
 * <p>Layouts are those of Linux on 64-bit targets: {@code struct msghdr} is 56 bytes,
 * {@code struct iovec} 16, a {@code cmsghdr} header 16, its data 4 bytes a descriptor
 * (CMSG_LEN(4n) = 16 + 4n, CMSG_SPACE rounds that up to 8).
 */
public final class FdPassing {
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    // A peer that has gone is an error to report, not a SIGPIPE.
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final long MSGHDR_BYTES = 56;
    private static final long IOVEC_BYTES = 16;
    /** The most descriptors one message carries. */
    public static final int MAX_FDS = 2;
    private static final long CMSG_DATA_OFFSET = 16;
    private static final long CMSG_SPACE_MAX = 24; // CMSG_SPACE(4 * MAX_FDS)

    private FdPassing() {}

    /** Sends {@code message} whole, with {@code fd} attached when it is not negative. */
    public static void send(int socket, MemorySegment message, int fd) throws SysException {
        send(socket, message, fd < 0 ? new int[0] : new int[] {fd});
    }

    /** Sends {@code message} whole, with {@code fds} (at most {@link #MAX_FDS}) attached. */
    public static void send(int socket, MemorySegment message, int[] fds) throws SysException {
        if (fds.length > MAX_FDS) {
            throw new IllegalArgumentException(fds.length + " descriptors in one message; at most " + MAX_FDS);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = fds.length == 0 ? MemorySegment.NULL : arena.allocate(CMSG_SPACE_MAX, 8);
            if (fds.length > 0) {
                control.set(JAVA_LONG, 0, CMSG_DATA_OFFSET + 4L * fds.length);
                control.set(JAVA_INT, 8, Sockets.SOL_SOCKET);
                control.set(JAVA_INT, 12, SCM_RIGHTS);
                for (int i = 0; i < fds.length; i++) {
                    control.set(JAVA_INT, CMSG_DATA_OFFSET + 4L * i, fds[i]);
                }
            }
            MemorySegment msg = header(arena, message, control);
            long sent = Sockets.sendmsg(socket, msg, MSG_NOSIGNAL);
            if (sent != message.byteSize()) {
                throw new SysException("sendmsg", Errno.EINVAL);
            }
        }
    }

    /**
     * Receives one message into {@code into}, and the descriptors that came with it into
     * {@code fds} (the rest of it set to -1).
     *
     * @return how many descriptors came with it; {@code -1} when the peer has closed the socket
     *     (end of file)
     */
    public static int receive(int socket, MemorySegment into, int[] fds) throws SysException {
        java.util.Arrays.fill(fds, -1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = arena.allocate(CMSG_SPACE_MAX, 8);
            MemorySegment msg = header(arena, into, control);
            long got = Sockets.recvmsg(socket, msg, MSG_CMSG_CLOEXEC);
            if (got == 0) {
                return -1;
            }
            long controlLen = msg.get(JAVA_LONG, 40);
            if (controlLen >= CMSG_DATA_OFFSET + 4
                    && control.get(JAVA_INT, 8) == Sockets.SOL_SOCKET
                    && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
                int n = (int) Math.min((control.get(JAVA_LONG, 0) - CMSG_DATA_OFFSET) / 4, MAX_FDS);
                for (int i = 0; i < n; i++) {
                    int fd = control.get(JAVA_INT, CMSG_DATA_OFFSET + 4L * i);
                    if (i < fds.length) {
                        fds[i] = fd;
                    } else {
                        Io.close(fd); // more than the caller takes: none may leak
                    }
                }
                return Math.min(n, fds.length);
            }
            return 0;
        }
    }

    private static MemorySegment header(Arena arena, MemorySegment data, MemorySegment control) {
        MemorySegment iov = arena.allocate(IOVEC_BYTES, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, data.byteSize());
        MemorySegment msg = arena.allocate(MSGHDR_BYTES, 8);
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1);
        msg.set(ADDRESS, 32, control);
        msg.set(JAVA_LONG, 40, control.equals(MemorySegment.NULL) ? 0 : control.byteSize());
        return msg;
    }
}
