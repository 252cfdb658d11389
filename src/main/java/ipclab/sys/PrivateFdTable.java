package ipclab.sys;

import java.util.Arrays;

/**
 * The calling thread's own copy of the process's descriptor table, made with
 * {@code unshare(CLONE_FILES)}, for a thread that owns some of its descriptors.
 *
 * <p>Why: while a process's descriptor table is shared (any multi-threaded process, so every
 * JVM), each read(2) and write(2) must take and drop a reference on the file ({@code fdget_pos},
 * {@code fput}); a single-threaded process skips both. ipc-static's 1thread process and both
 * processes of its 2proc are single-threaded, so the kernel path they measure is the cheap one.
 * A benchmark thread with a private table takes that same path inside a JVM. Measured on this
 * project's VM with a native loop: one idle extra thread makes a 32-byte pipe write+read 16%
 * slower; unshare(CLONE_FILES) in that process takes it back to the single-threaded cost.
 *
 * <p>The copy holds every descriptor the process had at that moment, and descriptors opened by
 * this thread afterwards are its alone. So a private table is for a thread that does little but
 * its loop: the owner closes the process's copies of the thread's descriptors once the copy is
 * made, and {@link #close} closes the thread's copies after the loop, so the kernel objects end
 * when the loop does. The JVM's own descriptors stay open in the copy until the thread exits:
 * the thread still loads classes through them (closing lib/modules here crashes the JVM).
 */
public final class PrivateFdTable implements AutoCloseable {
    private final Thread owner;
    private final int[] owned;
    private boolean closed;

    private PrivateFdTable(Thread owner, int[] owned) {
        this.owner = owner;
        this.owned = owned;
    }

    /** Gives the calling thread its own copy of the descriptor table, in which it owns {@code fds}. */
    public static PrivateFdTable unshare(int... fds) throws SysException {
        Libc.unshare(Libc.CLONE_FILES);
        return new PrivateFdTable(Thread.currentThread(), fds.clone());
    }

    /** The descriptors this thread owns in its table. */
    public int[] owned() {
        return owned.clone();
    }

    /**
     * Closes the owned descriptors in this private table (the process's table has its own
     * numbering). Only the thread that made it may call this: its numbers mean nothing elsewhere.
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("close from " + Thread.currentThread().getName()
                    + ", not from the owner of the private table, " + owner.getName());
        }
        if (!closed) {
            closed = true;
            Arrays.stream(owned).forEach(Libc::close);
        }
    }
}
