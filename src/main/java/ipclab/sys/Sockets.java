package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Sockets: socketpair(2), socket(2), bind(2), listen(2), connect(2), accept4(2), getsockname(2),
 * setsockopt(2)/getsockopt(2) for int options, shutdown(2), sendmsg(2)/recvmsg(2). Linked when
 * first used (or by {@link #link}): a pipe run never links them.
 */
public final class Sockets {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_CLOEXEC = Io.O_CLOEXEC;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SOCK_NONBLOCK = Io.O_NONBLOCK;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    /** shutdown(2)'s how: no more receptions (a blocked or later read returns 0 once the queue is empty). */
    public static final int SHUT_RD = 0;
    public static final int SHUT_RDWR = 2;
    public static final int IPPROTO_TCP = 6;
    public static final int TCP_NODELAY = 1;
    /** SO_RCVTIMEO on x86-64 (struct timeval; a blocking receive returns EAGAIN after it). */
    public static final int SO_RCVTIMEO = 20;

    private static final MethodHandle SOCKETPAIR = downcall("socketpair", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SETSOCKOPT =
            downcall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            downcall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SHUTDOWN = downcall("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SENDMSG = downcall("sendmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECVMSG = downcall("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);

    // Internet sockets only: linked on first use, so a Unix-socket run does not pay for them.
    private static final class Inet {
        static final MethodHandle SOCKET = downcall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle BIND = downcall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle LISTEN = downcall("listen", JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle CONNECT = downcall("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle ACCEPT4 = downcall("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle GETSOCKNAME = downcall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private Sockets() {}

    /** Links this class's calls now, outside any timed region ({@code inet}: the TCP set-up calls too). */
    public static void link(boolean inet) {
        if (inet) {
            java.util.Objects.requireNonNull(Inet.SOCKET);
        }
    }

    /** {@code int socketpair(int domain, int type, int protocol, int sv[2])}, socketpair(2). */
    public static void socketpair(int domain, int type, int protocol, MemorySegment fds) throws SysException {
        Downcalls.setUp("socketpair", state -> (int) Downcalls.wide(SOCKETPAIR, state, domain, type, protocol, fds.address(), 0, 0));
    }

    /** {@code int socket(int domain, int type, int protocol)}, socket(2). */
    public static int socket(int domain, int type, int protocol) throws SysException {
        return Downcalls.setUp("socket", state -> (int) Downcalls.wide(Inet.SOCKET, state, domain, type, protocol, 0, 0, 0));
    }

    /** {@code int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}, bind(2). */
    public static void bind(int fd, MemorySegment addr) throws SysException {
        Downcalls.setUp("bind", state -> (int) Downcalls.wide(Inet.BIND, state, fd, addr.address(), addr.byteSize(), 0, 0, 0));
    }

    /** {@code int listen(int sockfd, int backlog)}, listen(2). */
    public static void listen(int fd, int backlog) throws SysException {
        Downcalls.setUp("listen", state -> (int) Downcalls.wide(Inet.LISTEN, state, fd, backlog, 0, 0, 0, 0));
    }

    /** {@code int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}, connect(2). */
    public static void connect(int fd, MemorySegment addr) throws SysException {
        Downcalls.setUp("connect", state -> (int) Downcalls.wide(Inet.CONNECT, state, fd, addr.address(), addr.byteSize(), 0, 0, 0));
    }

    /** {@code int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)}, accept(2). */
    public static int accept4(int fd, int flags) throws SysException {
        return Downcalls.setUp("accept4",
                state -> (int) Downcalls.wide(Inet.ACCEPT4, state, fd, 0, 0, flags, 0, 0));
    }

    /**
     * accept4(2) that fills {@code addr} (a sockaddr_in of 16 bytes) with the peer's address, so
     * the caller can tell its own connection from a stranger's.
     */
    public static int accept4(int fd, MemorySegment addr, MemorySegment addrLen, int flags) throws SysException {
        return Downcalls.setUp("accept4",
                state -> (int) Downcalls.wide(Inet.ACCEPT4, state, fd, addr.address(), addrLen.address(), flags, 0, 0));
    }

    /** {@code int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen)}, getsockname(2). */
    public static void getsockname(int fd, MemorySegment addr, MemorySegment addrLen) throws SysException {
        Downcalls.setUp("getsockname", state -> (int) Downcalls.wide(Inet.GETSOCKNAME, state, fd, addr.address(), addrLen.address(), 0, 0, 0));
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}, setsockopt(2), for int options. */
    public static void setsockopt(int fd, int level, int name, int value) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            Downcalls.setUp("setsockopt", state -> (int) Downcalls.wide(SETSOCKOPT, state, fd, level, name, v.address(), 4, 0));
        }
    }

    /**
     * {@code setsockopt(fd, SOL_SOCKET, name, &tv, sizeof(struct timeval))}, setsockopt(2), for
     * the time options (SO_RCVTIMEO): x86-64's struct timeval is two longs, seconds and microseconds.
     */
    public static void setsockoptTimeval(int fd, int name, long micros) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, micros / 1_000_000L);
            tv.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, micros % 1_000_000L);
            Downcalls.setUp("setsockopt", state -> (int) Downcalls.wide(SETSOCKOPT, state, fd, SOL_SOCKET, name,
                    tv.address(), 16, 0));
        }
    }

    /** {@code getsockopt(fd, level, name, &value, &len)}, getsockopt(2), for int options. */
    public static int getsockopt(int fd, int level, int name) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 4);
            Downcalls.setUp("getsockopt", state -> (int) Downcalls.wide(GETSOCKOPT, state, fd, level, name, v.address(), len.address(), 0));
            return v.get(JAVA_INT, 0);
        }
    }

    /** {@code int shutdown(int sockfd, int how)}, shutdown(2). Returns 0 or -errno. */
    public static int shutdown(int fd, int how) {
        return Downcalls.raw(state -> (int) Downcalls.wide(SHUTDOWN, state, fd, how, 0, 0, 0, 0));
    }

    /** {@code ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags)}, sendmsg(2). */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) throws SysException {
        CallState cs = Downcalls.setUpState();
        long r;
        try {
            r = Downcalls.wide(SENDMSG, cs.segment, fd, msghdr.address(), flags, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(msghdr); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw new SysException("sendmsg", cs.errno());
        }
        return r;
    }

    /** {@code ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags)}, recvmsg(2). */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) throws SysException {
        CallState cs = Downcalls.setUpState();
        long r;
        try {
            r = Downcalls.wide(RECVMSG, cs.segment, fd, msghdr.address(), flags, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(msghdr); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw new SysException("recvmsg", cs.errno());
        }
        return r;
    }
}
