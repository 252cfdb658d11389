package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Pipes and FIFOs: pipe2(2), mkfifo(3), open(2) of a path, unlink(2), and the pipe's capacity by fcntl(2). */
public final class Pipes {
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;

    private static final MethodHandle PIPE2 = downcall("pipe2", JAVA_INT, ADDRESS, JAVA_INT);

    // FIFOs only: linked on first use, so a pipe run does not pay for them.
    private static final class Named {
        static final MethodHandle MKFIFO = downcall("mkfifo", JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle OPEN = downcall("open", JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle UNLINK = downcall("unlink", JAVA_INT, ADDRESS);
    }

    private Pipes() {}

    /** {@code int pipe2(int pipefd[2], int flags)}, pipe2(2). Fills {@code fds} (two ints). */
    public static void pipe2(MemorySegment fds, int flags) throws SysException {
        Downcalls.setUp("pipe2", state -> (int) Downcalls.wide(PIPE2, state, fds.address(), flags, 0, 0, 0, 0));
    }

    /** {@code int mkfifo(const char *pathname, mode_t mode)}, mkfifo(3). */
    public static void mkfifo(String path, int mode) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            Downcalls.setUp("mkfifo", state -> (int) Downcalls.wide(Named.MKFIFO, state, p.address(), mode, 0, 0, 0, 0));
        }
    }

    /** {@code int open(const char *pathname, int flags)}, open(2), without O_CREAT. */
    public static int open(String path, int flags) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return Downcalls.setUp("open", state -> (int) Downcalls.wide(Named.OPEN, state, p.address(), flags, 0, 0, 0, 0));
        }
    }

    /** {@code int unlink(const char *pathname)}, unlink(2). */
    public static void unlink(String path) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            Downcalls.setUp("unlink", state -> (int) Downcalls.wide(Named.UNLINK, state, p.address(), 0, 0, 0, 0, 0));
        }
    }

    /**
     * Sets the pipe's capacity by fcntl(F_SETPIPE_SZ) when {@code bytes} is positive, and returns
     * what the kernel granted (F_GETPIPE_SZ): it rounds up to a power-of-two number of pages.
     */
    public static int capacity(int fd, int bytes) throws SysException {
        if (bytes > 0) {
            try {
                Io.fcntl(fd, F_SETPIPE_SZ, bytes);
            } catch (SysException e) {
                // EPERM here means "above /proc/sys/fs/pipe-max-size without CAP_SYS_RESOURCE".
                throw new SysException("fcntl(F_SETPIPE_SZ, " + bytes + ")", e.errno());
            }
        }
        return Io.fcntl(fd, F_GETPIPE_SZ, 0);
    }

    /** Links this class's calls now, outside any timed region ({@code named}: the FIFO calls too). */
    public static void link(boolean named) {
        if (named) {
            java.util.Objects.requireNonNull(Named.MKFIFO);
        }
    }
}
