package ipclab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * libc, bound with the FFM API. Every handle is {@code static final}. The ones a run may call
 * near or in its timed region (the loops' calls, the region markers, the usage readings) are
 * linked when this class initialises, so no call there pays for linking; {@link #prime} then
 * calls the hot ones once. Calls only some runs make before they start (TCP set-up, the 2proc
 * control channel, placement, error texts) are linked on first use.
 *
 * <p>Two kinds of binding. The hot calls ({@link #read}, {@link #write}, {@link #poll}) take the
 * caller's {@link CallState}, allocate nothing and return the result or {@code -errno}; buffers
 * are passed as raw addresses so that no slice is made per call. The set-up calls throw
 * {@link SysException} named after the call.
 */
public final class Libc {
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    public static final short POLLIN = 1;
    public static final short POLLOUT = 4;
    public static final int WNOHANG = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SHUT_RDWR = 2;
    public static final int CLONE_FILES = 0x400;
    public static final int RUSAGE_SELF = 0;
    public static final int RUSAGE_THREAD = 1;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;
    /** {@code sizeof(struct timespec)} on 64-bit Linux. */
    public static final long TIMESPEC_BYTES = 16;
    /** {@code sizeof(struct rusage)} on 64-bit Linux: two timevals and fourteen longs. */
    public static final long RUSAGE_BYTES = 144;
    /** {@code sizeof(cpu_set_t)} in glibc: room for 1024 CPUs. */
    public static final long CPU_SET_BYTES = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    /** The one native shape of every other errno-capturing call: six 64-bit arguments, a 64-bit result. */
    private static final FunctionDescriptor WIDE = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private static final ThreadLocal<CallState> SETUP_STATE = ThreadLocal.withInitial(CallState::new);

    // Hot: the timed loops. Pointers as longs: an address plus an offset, never a slice.
    private static final MethodHandle READ = exact("read", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE = exact("write", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle POLL = exact("poll", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    // The timed region's edge markers: outside the loops, but on the same thread, so linked too.
    private static final MethodHandle LSEEK = link("lseek", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);

    // Set-up and control.
    private static final MethodHandle CLOSE = link("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle PIPE2 = link("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SOCKETPAIR =
            link("socketpair", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle FCNTL = LINKER.downcallHandle(LIBC.findOrThrow("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle GETTID = link("gettid", JAVA_INT);
    private static final MethodHandle GETRUSAGE = link("getrusage", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SCHED_GETAFFINITY =
            link("sched_getaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle CLOCK_GETRES = link("clock_getres", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle CLOCK_GETTIME = link("clock_gettime", JAVA_INT, JAVA_INT, ADDRESS);

    // Linked on first use or by linkSetUp, outside any timed region: calls only some runs make
    // (TCP, the 2proc child, placement, shutdown, errors). Linking a downcall spins classes;
    // doing all of them at class initialisation cost every start-up tens of milliseconds.
    private static final class Tcp {
        static final MethodHandle SOCKET = link("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle BIND = link("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle LISTEN = link("listen", JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle CONNECT = link("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle ACCEPT4 =
                link("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle GETSOCKNAME =
                link("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle SETSOCKOPT =
                link("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle GETSOCKOPT =
                link("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class Child {
        static final MethodHandle SENDMSG = link("sendmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle RECVMSG = link("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle WAITPID = link("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle KILL = link("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Seldom {
        static final MethodHandle UNSHARE = link("unshare", JAVA_INT, JAVA_INT);
        static final MethodHandle SCHED_SETAFFINITY =
                link("sched_setaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
        static final MethodHandle SYNC = plain("sync", FunctionDescriptor.ofVoid());
        static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle SHUTDOWN = link("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private Libc() {}

    /**
     * Links the calls a run will make just before it starts that are otherwise linked on first
     * use: unshare and sched_setaffinity ({@code workerSetUp}), TCP set-up, the 2proc control
     * channel. The benchmark does this in its preparation, -B or not, so that no linking (and no
     * compilation of what linking generates) happens just before a timed region; a run that
     * makes none of them links none.
     */
    public static void linkSetUp(boolean workerSetUp, boolean tcp, boolean child) {
        // Reading a holder's field initialises the holder, which links every call in it.
        if (workerSetUp) {
            java.util.Objects.requireNonNull(Seldom.UNSHARE);
        }
        if (tcp) {
            java.util.Objects.requireNonNull(Tcp.SOCKET);
        }
        if (child) {
            java.util.Objects.requireNonNull(Child.SENDMSG);
        }
    }

    /** The loops' calls, linked with their own C types: the timed path is exactly one plain downcall. */
    private static MethodHandle exact(String name, java.lang.foreign.MemoryLayout result,
            java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(result, args), ERRNO);
    }

    /**
     * A set-up call, linked with the one shape {@link #WIDE} and called through {@link #wide}.
     * Linking generates a stub class per native shape, which the AOT cache cannot hold: sharing
     * one shape instead of one per C signature takes that cost off every start-up (see
     * ARCHITECTURE.md). On the x86-64 and AArch64 Linux ABIs integer and pointer arguments travel
     * in registers, so a function reads the ones it takes and ignores the rest, and an int result
     * is the low half of the result register ({@link #wide}'s callers narrow it). The loops' calls
     * keep their own C types ({@link #exact}).
     */
    private static MethodHandle link(String name, java.lang.foreign.MemoryLayout result,
            java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), WIDE, ERRNO);
    }

    /** Calls a handle from {@link #link}: the C arguments widened to long, pointers as addresses, unused ones 0. */
    private static long wide(MethodHandle h, MemorySegment state, long a, long b, long c, long d, long e, long f)
            throws Throwable {
        return (long) h.invokeExact(state, a, b, c, d, e, f);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
    }

    /** Looks a libc symbol up, for the calls that only some libc versions have. */
    static java.util.Optional<MemorySegment> find(String name) {
        return LIBC.find(name);
    }

    static Linker linker() {
        return LINKER;
    }

    static Linker.Option errnoOption() {
        return ERRNO;
    }

    /**
     * Calls every hot binding once on an invalid descriptor (EBADF, no side effect), so the first
     * call of a timed region finds its call sites linked and its code paths loaded. This is the
     * Java counterpart of ipc-static being linked statically.
     */
    public static void prime(CallState cs) {
        read(cs, -1, 0, 0);
        write(cs, -1, 0, 0);
        poll(cs, 0, 0, 0);
        lseek(cs, -1, 0, 0);
    }

    // ---- hot -------------------------------------------------------------------------------

    /** {@code ssize_t read(int fd, void *buf, size_t count)}, read(2). Returns bytes read or -errno. */
    public static long read(CallState cs, int fd, long address, long count) {
        try {
            long r = (long) READ.invokeExact(cs.segment, fd, address, count);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code ssize_t write(int fd, const void *buf, size_t count)}, write(2). Bytes written or -errno. */
    public static long write(CallState cs, int fd, long address, long count) {
        try {
            long r = (long) WRITE.invokeExact(cs.segment, fd, address, count);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}, poll(2). Ready count or -errno. */
    public static int poll(CallState cs, long fdsAddress, long nfds, int timeoutMillis) {
        try {
            int r = (int) POLL.invokeExact(cs.segment, fdsAddress, nfds, timeoutMillis);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code off_t lseek(int fd, off_t offset, int whence)}, lseek(2). New offset or -errno. On
     * fd -1 it is the cheapest distinctive system call there is (EBADF at once): the edge marker
     * of a timed region, which tracers recognise by its offset.
     */
    public static long lseek(CallState cs, int fd, long offset, int whence) {
        try {
            long r = wide(LSEEK, cs.segment, fd, offset, whence, 0, 0, 0);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    // ---- set-up ----------------------------------------------------------------------------

    /** {@code int close(int fd)}, close(2). Errors are returned as -errno, never thrown. */
    public static int close(int fd) {
        CallState cs = SETUP_STATE.get();
        try {
            int r = (int) wide(CLOSE, cs.segment, fd, 0, 0, 0, 0, 0);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code int unshare(int flags)}, unshare(2). */
    public static void unshare(int flags) throws SysException {
        setUp("unshare", state -> (int) wide(Seldom.UNSHARE, state, flags, 0, 0, 0, 0, 0));
    }

    /** {@code int pipe2(int pipefd[2], int flags)}, pipe2(2). Fills {@code fds} (two ints). */
    public static void pipe2(MemorySegment fds, int flags) throws SysException {
        setUp("pipe2", state -> (int) wide(PIPE2, state, fds.address(), flags, 0, 0, 0, 0));
    }

    /** {@code int socketpair(int domain, int type, int protocol, int sv[2])}, socketpair(2). */
    public static void socketpair(int domain, int type, int protocol, MemorySegment fds) throws SysException {
        setUp("socketpair", state -> (int) wide(SOCKETPAIR, state, domain, type, protocol, fds.address(), 0, 0));
    }

    /** {@code int socket(int domain, int type, int protocol)}, socket(2). */
    public static int socket(int domain, int type, int protocol) throws SysException {
        return setUp("socket", state -> (int) wide(Tcp.SOCKET, state, domain, type, protocol, 0, 0, 0));
    }

    /** {@code int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}, bind(2). */
    public static void bind(int fd, MemorySegment addr) throws SysException {
        setUp("bind", state -> (int) wide(Tcp.BIND, state, fd, addr.address(), addr.byteSize(), 0, 0, 0));
    }

    /** {@code int listen(int sockfd, int backlog)}, listen(2). */
    public static void listen(int fd, int backlog) throws SysException {
        setUp("listen", state -> (int) wide(Tcp.LISTEN, state, fd, backlog, 0, 0, 0, 0));
    }

    /** {@code int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen)}, connect(2). */
    public static void connect(int fd, MemorySegment addr) throws SysException {
        setUp("connect", state -> (int) wide(Tcp.CONNECT, state, fd, addr.address(), addr.byteSize(), 0, 0, 0));
    }

    /** {@code int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)}, accept(2). */
    public static int accept4(int fd, int flags) throws SysException {
        return setUp("accept4",
                state -> (int) wide(Tcp.ACCEPT4, state, fd, 0, 0, flags, 0, 0));
    }

    /** {@code int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen)}, getsockname(2). */
    public static void getsockname(int fd, MemorySegment addr, MemorySegment addrLen) throws SysException {
        setUp("getsockname",
                state -> (int) wide(Tcp.GETSOCKNAME, state, fd, addr.address(), addrLen.address(), 0, 0, 0));
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}, setsockopt(2), for int options. */
    public static void setsockopt(int fd, int level, int name, int value) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            r = (int) wide(Tcp.SETSOCKOPT, cs.segment, fd, level, name, v.address(), 4, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        fail("setsockopt", r, cs);
    }

    /** {@code getsockopt(fd, level, name, &value, &len)}, getsockopt(2), for int options. */
    public static int getsockopt(int fd, int level, int name) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        int value;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 4);
            r = (int) wide(Tcp.GETSOCKOPT, cs.segment, fd, level, name, v.address(), len.address(), 0);
            value = v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        fail("getsockopt", r, cs);
        return value;
    }

    /** {@code int shutdown(int sockfd, int how)}, shutdown(2). Returns 0 or -errno. */
    public static int shutdown(int fd, int how) {
        CallState cs = SETUP_STATE.get();
        try {
            int r = (int) wide(Seldom.SHUTDOWN, cs.segment, fd, how, 0, 0, 0, 0);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code int fcntl(int fd, int cmd, int arg)}, fcntl(2). */
    public static int fcntl(int fd, int cmd, int arg) throws SysException {
        return setUp("fcntl", state -> (int) FCNTL.invokeExact(state, fd, cmd, arg));
    }

    /** {@code ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags)}, sendmsg(2). */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) throws SysException {
        CallState cs = SETUP_STATE.get();
        long r;
        try {
            r = wide(Child.SENDMSG, cs.segment, fd, msghdr.address(), flags, 0, 0, 0);
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
        CallState cs = SETUP_STATE.get();
        long r;
        try {
            r = wide(Child.RECVMSG, cs.segment, fd, msghdr.address(), flags, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(msghdr); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r < 0) {
            throw new SysException("recvmsg", cs.errno());
        }
        return r;
    }

    /** {@code pid_t waitpid(pid_t pid, int *wstatus, int options)}, waitpid(2). Returns pid, 0 or -errno. */
    public static int waitpid(int pid, MemorySegment status, int options) {
        CallState cs = SETUP_STATE.get();
        try {
            int r = (int) wide(Child.WAITPID, cs.segment, pid, status.address(), options, 0, 0, 0);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code int kill(pid_t pid, int sig)}, kill(2). Returns 0 or -errno. */
    public static int kill(int pid, int signal) {
        CallState cs = SETUP_STATE.get();
        try {
            int r = (int) wide(Child.KILL, cs.segment, pid, signal, 0, 0, 0, 0);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code pid_t gettid(void)}, gettid(2): the kernel's id of the calling thread. */
    public static int gettid() {
        try {
            return (int) wide(GETTID, SETUP_STATE.get().segment, 0, 0, 0, 0, 0, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@code int getrusage(int who, struct rusage *usage)}, getrusage(2). {@code usage} holds
     * {@link #RUSAGE_BYTES}; with {@link #RUSAGE_THREAD} it counts the calling thread only.
     */
    public static void getrusage(int who, MemorySegment usage) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        try {
            r = (int) wide(GETRUSAGE, cs.segment, who, usage.address(), 0, 0, 0, 0);
            java.lang.ref.Reference.reachabilityFence(usage); // only its address went down
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        fail("getrusage", r, cs);
    }

    /**
     * {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)},
     * sched_setaffinity(2). {@code tid} 0 is the calling thread; {@code mask} holds
     * {@link #CPU_SET_BYTES}, bit n for CPU n.
     */
    public static void sched_setaffinity(int tid, MemorySegment mask) throws SysException {
        setUp("sched_setaffinity",
                state -> (int) wide(Seldom.SCHED_SETAFFINITY, state, tid, mask.byteSize(), mask.address(), 0, 0, 0));
    }

    /**
     * {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)},
     * sched_getaffinity(2): the CPUs thread {@code tid} (0: the caller) may run on, into {@code mask}.
     */
    public static void sched_getaffinity(int tid, MemorySegment mask) throws SysException {
        setUp("sched_getaffinity",
                state -> (int) wide(SCHED_GETAFFINITY, state, tid, mask.byteSize(), mask.address(), 0, 0, 0));
    }

    /**
     * {@code int clock_getres(clockid_t clockid, struct timespec *res)}, clock_getres(2): the
     * resolution of {@code clockId} in nanoseconds.
     */
    public static long clock_getres(int clockId) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        long nanos;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            r = (int) wide(CLOCK_GETRES, cs.segment, clockId, ts.address(), 0, 0, 0, 0);
            nanos = ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        fail("clock_getres", r, cs);
        return nanos;
    }

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}, clock_gettime(2), into
     * {@code timespec} ({@link #TIMESPEC_BYTES}, made by the caller beforehand); returns it in ns.
     * With {@link #CLOCK_THREAD_CPUTIME_ID}: the calling thread's CPU time, exact (the kernel adds
     * the running slice, which the sched file's sum_exec_runtime does not).
     */
    public static long clock_gettime(int clockId, MemorySegment timespec) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        try {
            r = (int) wide(CLOCK_GETTIME, cs.segment, clockId, timespec.address(), 0, 0, 0, 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        fail("clock_gettime", r, cs);
        return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
    }

    /** {@code void sync(void)}, sync(2). */
    public static void sync() {
        try {
            Seldom.SYNC.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code char *strerror(int errnum)}, strerror(3). Only on failure paths. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Seldom.STRERROR.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** A set-up call's downcall, given the calling thread's errno-capture segment. */
    @FunctionalInterface
    private interface SetUpCall {
        int invoke(MemorySegment state) throws Throwable;
    }

    /**
     * Makes a set-up call that returns -1 and sets errno on failure: the result, or a
     * {@link SysException} named {@code call}. (The lambda is allocated per call: set-up only.)
     */
    private static int setUp(String call, SetUpCall downcall) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        try {
            r = downcall.invoke(cs.segment);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return fail(call, r, cs);
    }

    private static int fail(String call, int result, CallState cs) throws SysException {
        if (result < 0) {
            throw new SysException(call, cs.errno());
        }
        return result;
    }
}
