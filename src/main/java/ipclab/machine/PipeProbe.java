package ipclab.machine;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Pipes;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** The capacity the kernel gives a new pipe, measured by making one (pipe2, F_GETPIPE_SZ). */
final class PipeProbe {
    private PipeProbe() {}

    static long defaultCapacity() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Pipes.pipe2(fds, Io.O_CLOEXEC);
            try (Fd reader = new Fd(fds.getAtIndex(JAVA_INT, 0)); Fd writer = new Fd(fds.getAtIndex(JAVA_INT, 1))) {
                return Pipes.capacity(writer.value(), 0);
            }
        } catch (SysException e) {
            return -1;
        }
    }
}
