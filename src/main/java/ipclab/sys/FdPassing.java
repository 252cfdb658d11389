package ipclab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Messages over an AF_UNIX socket, optionally carrying one descriptor as SCM_RIGHTS ancillary
 * data (unix(7)). This is how the 2proc child is handed the very kernel object the parent made.
 *
 * <p>Layouts are those of Linux on 64-bit targets: {@code struct msghdr} is 56 bytes,
 * {@code struct iovec} 16, and one descriptor's {@code cmsghdr} needs CMSG_SPACE(4) = 24 bytes.
 */
public final class FdPassing {
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    // A peer that has gone is an error to report, not a SIGPIPE.
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final long MSGHDR_BYTES = 56;
    private static final long IOVEC_BYTES = 16;
    private static final long CMSG_SPACE_ONE_FD = 24;
    private static final long CMSG_LEN_ONE_FD = 20;
    private static final long CMSG_DATA_OFFSET = 16;

    private FdPassing() {}

    /** Sends {@code message} whole, with {@code fd} attached when it is not negative. */
    public static void send(int socket, MemorySegment message, int fd) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = fd < 0 ? MemorySegment.NULL : arena.allocate(CMSG_SPACE_ONE_FD, 8);
            if (fd >= 0) {
                control.set(JAVA_LONG, 0, CMSG_LEN_ONE_FD);
                control.set(JAVA_INT, 8, Sockets.SOL_SOCKET);
                control.set(JAVA_INT, 12, SCM_RIGHTS);
                control.set(JAVA_INT, CMSG_DATA_OFFSET, fd);
            }
            MemorySegment msg = header(arena, message, control);
            long sent = Sockets.sendmsg(socket, msg, MSG_NOSIGNAL);
            if (sent != message.byteSize()) {
                throw new SysException("sendmsg", Errno.EINVAL);
            }
        }
    }

    /**
     * Receives one message into {@code into}.
     *
     * @return the descriptor that came with it, or -1; {@code -2} when the peer has closed
     *     the socket (end of file)
     */
    public static int receive(int socket, MemorySegment into) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            MemorySegment msg = header(arena, into, control);
            long got = Sockets.recvmsg(socket, msg, MSG_CMSG_CLOEXEC);
            if (got == 0) {
                return -2;
            }
            long controlLen = msg.get(JAVA_LONG, 40);
            if (controlLen >= CMSG_LEN_ONE_FD
                    && control.get(JAVA_INT, 8) == Sockets.SOL_SOCKET
                    && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
                return control.get(JAVA_INT, CMSG_DATA_OFFSET);
            }
            return -1;
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
