package ipclab.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * posix_spawn(3) with file actions: the child gets {@code stdinFd} as its descriptor 0, keeps the
 * parent's 1 and 2, and nothing else (descriptors from 3 up are closed in the child, where libc
 * has {@code posix_spawn_file_actions_addclosefrom_np}; everything ipclab opens is close-on-exec
 * besides). ProcessBuilder cannot hand a child an arbitrary descriptor, hence this.
 */
public final class Spawn {
    // posix_spawn_file_actions_t is 80 bytes in glibc; leave room for other libcs.
    private static final long FILE_ACTIONS_BYTES = 256;
    private static final MethodHandle SPAWN = plain("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle FA_INIT = plain("posix_spawn_file_actions_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FA_DESTROY = plain("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FA_DUP2 = plain("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Optional<MethodHandle> FA_CLOSEFROM = Downcalls.find("posix_spawn_file_actions_addclosefrom_np")
            .map(s -> Downcalls.LINKER.downcallHandle(s, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)));
    private static final MemorySegment ENVIRON = Downcalls.find("environ").orElseThrow().reinterpret(ADDRESS.byteSize());

    private Spawn() {}

    private static MethodHandle plain(String name, FunctionDescriptor d) {
        return Downcalls.LINKER.downcallHandle(Downcalls.find(name).orElseThrow(), d);
    }

    /**
     * Starts {@code argv[0]} (an absolute path) with {@code argv} and this process's environment.
     *
     * @return the child's pid
     */
    public static int spawn(List<String> argv, int stdinFd) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
            try {
                check("posix_spawn_file_actions_adddup2", (int) FA_DUP2.invokeExact(actions, stdinFd, 0));
                if (FA_CLOSEFROM.isPresent()) {
                    check("posix_spawn_file_actions_addclosefrom_np",
                            (int) FA_CLOSEFROM.get().invokeExact(actions, 3));
                }
                MemorySegment args = arena.allocate(ADDRESS, argv.size() + 1);
                for (int i = 0; i < argv.size(); i++) {
                    args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
                }
                args.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
                MemorySegment pid = arena.allocate(JAVA_INT);
                MemorySegment env = ENVIRON.get(ADDRESS, 0);
                check("posix_spawn", (int) SPAWN.invokeExact(pid, args.getAtIndex(ADDRESS, 0), actions,
                        MemorySegment.NULL, args, env));
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions);
            }
        } catch (SysException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    // posix_spawn and its helpers return the error number instead of setting errno.
    private static void check(String call, int result) throws SysException {
        if (result != 0) {
            throw new SysException(call, result);
        }
    }
}
