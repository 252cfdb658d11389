package ipclab.run;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A user buffer in native memory, page-aligned and touched (written) on creation so that its page
 * faults happen before the timed region, not in it. Freed on close: a thousand runs in one JVM
 * must not grow native memory.
 */
public final class NativeBuffer implements AutoCloseable {
    private static final long PAGE_BYTES = 4096;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment segment;

    public NativeBuffer(int sizeBytes, byte fill) {
        segment = arena.allocate(sizeBytes, PAGE_BYTES);
        segment.fill(fill);
    }

    public long address() {
        return segment.address();
    }

    /** The buffer as a segment, for loops that read or stamp its bytes. */
    public MemorySegment segment() {
        return segment;
    }

    public int sizeBytes() {
        return (int) segment.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }
}
