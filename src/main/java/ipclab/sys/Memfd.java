package ipclab.sys;

import static ipclab.sys.Downcalls.downcall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Anonymous shared memory: memfd_create(2), ftruncate(2), mmap(2), munmap(2). A memfd is a file
 * with no name in any folder: it lives while a descriptor or a mapping holds it, so a ring made
 * in one is gone after any run, however it ended. Set-up calls only: a ring's timed region
 * touches the mapping and makes no call.
 */
public final class Memfd {
    public static final int MFD_CLOEXEC = 1;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    /** Fault the pages in at mmap time, so the timed region takes no page fault on first touch. */
    public static final int MAP_POPULATE = 0x8000;

    private static final MethodHandle MEMFD_CREATE = downcall("memfd_create", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle FTRUNCATE = downcall("ftruncate", JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle MMAP = downcall("mmap", ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_LONG);
    private static final MethodHandle MUNMAP = downcall("munmap", JAVA_INT, ADDRESS, JAVA_LONG);

    private Memfd() {}

    /** Links the calls of this class now, outside any timed region. */
    public static void link() {
        java.util.Objects.requireNonNull(MMAP);
    }

    /** {@code int memfd_create(const char *name, unsigned int flags)}, memfd_create(2): the new descriptor. */
    public static int memfd_create(String name, int flags) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            long cname = arena.allocateFrom(name).address();
            return Downcalls.setUp("memfd_create",
                    state -> (int) Downcalls.wide(MEMFD_CREATE, state, cname, flags, 0, 0, 0, 0));
        }
    }

    /** {@code int ftruncate(int fd, off_t length)}, ftruncate(2). */
    public static void ftruncate(int fd, long length) throws SysException {
        Downcalls.setUp("ftruncate", state -> (int) Downcalls.wide(FTRUNCATE, state, fd, length, 0, 0, 0, 0));
    }

    /**
     * {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)},
     * mmap(2), at an address of the kernel's choice: the mapping as a segment of {@code length}
     * bytes (the caller unmaps it with {@link #munmap}).
     */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) throws SysException {
        CallState cs = Downcalls.setUpState();
        long r;
        try {
            r = Downcalls.wide(MMAP, cs.segment, 0, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (r == -1) { // MAP_FAILED
            throw new SysException("mmap", cs.errno());
        }
        return MemorySegment.ofAddress(r).reinterpret(length);
    }

    /** {@code int munmap(void *addr, size_t length)}, munmap(2); errors returned as -errno. */
    public static int munmap(MemorySegment mapping) {
        long address = mapping.address();
        long length = mapping.byteSize();
        return Downcalls.raw(state -> (int) Downcalls.wide(MUNMAP, state, address, length, 0, 0, 0, 0));
    }
}
