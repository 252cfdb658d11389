package ipclab.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Where a downcall leaves errno ({@link Linker.Option#captureCallState}). errno is read from here
 * right after the call, before anything else can overwrite it, and only on the failure path.
 *
 * <p>One per thread that makes system calls: two threads sharing one would race on it. Allocated
 * once, outside any timed region.
 */
public final class CallState {
    static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = offset("errno");

    final MemorySegment segment = Arena.ofAuto().allocate(LAYOUT);

    /**
     * Where member {@code name} lies in {@link #LAYOUT}, counted over its members: a layout path
     * ({@code byteOffset(groupElement(...))}) would initialise the JDK's layout-path machinery,
     * about 2 ms of every run's start-up for one number.
     */
    private static long offset(String name) {
        long offset = 0;
        for (MemoryLayout member : LAYOUT.memberLayouts()) {
            if (member.name().orElse("").equals(name)) {
                return offset;
            }
            offset += member.byteSize();
        }
        throw new IllegalStateException("no " + name + " in " + LAYOUT);
    }

    /** errno as the last failed call on this state left it. */
    public int errno() {
        return segment.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }
}
