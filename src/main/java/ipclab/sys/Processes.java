package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Processes and threads: gettid(2), waitpid(2), kill(2), unshare(2), sync(2). gettid is linked
 * with the class (every worker calls it); the rest on first use or by {@link #link}.
 */
public final class Processes {
    public static final int WNOHANG = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGSTOP = 19;
    public static final int CLONE_FILES = 0x400;

    private static final MethodHandle GETTID = downcall("gettid", JAVA_INT);

    private static final class Children {
        static final MethodHandle WAITPID = downcall("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle KILL = downcall("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Seldom {
        static final MethodHandle UNSHARE = downcall("unshare", JAVA_INT, JAVA_INT);
        static final MethodHandle SYNC = Downcalls.plain("sync", FunctionDescriptor.ofVoid());
    }

    private Processes() {}

    /**
     * Links ahead, outside any timed region, the calls a run will make just before it starts:
     * {@code children} waitpid and kill (2proc), {@code unshare} unshare (private descriptor tables).
     */
    public static void link(boolean children, boolean unshare) {
        if (children) {
            java.util.Objects.requireNonNull(Children.WAITPID);
        }
        if (unshare) {
            java.util.Objects.requireNonNull(Seldom.UNSHARE);
        }
    }

    /** {@code pid_t gettid(void)}, gettid(2): the kernel's id of the calling thread. */
    public static int gettid() {
        return Downcalls.raw(state -> (int) Downcalls.wide(GETTID, state, 0, 0, 0, 0, 0, 0));
    }

    /** {@code pid_t waitpid(pid_t pid, int *wstatus, int options)}, waitpid(2). Returns pid, 0 or -errno. */
    public static int waitpid(int pid, MemorySegment status, int options) {
        return Downcalls.raw(state -> (int) Downcalls.wide(Children.WAITPID, state, pid, status.address(), options, 0, 0, 0));
    }

    /** {@code int kill(pid_t pid, int sig)}, kill(2). Returns 0 or -errno. */
    public static int kill(int pid, int signal) {
        return Downcalls.raw(state -> (int) Downcalls.wide(Children.KILL, state, pid, signal, 0, 0, 0, 0));
    }

    /** {@code int unshare(int flags)}, unshare(2). */
    public static void unshare(int flags) throws SysException {
        Downcalls.setUp("unshare", state -> (int) Downcalls.wide(Seldom.UNSHARE, state, flags, 0, 0, 0, 0, 0));
    }

    /** {@code void sync(void)}, sync(2). */
    public static void sync() {
        try {
            Seldom.SYNC.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
