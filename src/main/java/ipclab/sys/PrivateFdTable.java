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
 * its loop, and {@link #close} closes the thread's copies of its descriptors after the loop
 * ({@link #abandon} after a failure). The process keeps its own copies as long as it needs them
 * (a sweep's watchdog shuts a stalled trial's sockets down through them) or closes them once the
 * copy is made (a 2proc pipe, whose writer must see EPIPE when the reader's thread is gone). The
 * JVM's own descriptors stay open in the copy until the thread exits: the thread still loads
 * classes through them (closing lib/modules here crashes the JVM).
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
        try {
            Processes.unshare(Processes.CLONE_FILES);
        } catch (SysException e) {
            // A seccomp profile may refuse unshare (some container runtimes do): say the way out.
            throw new SysException("unshare(CLONE_FILES) (--shared-fd-table runs without it)", e.errno());
        }
        return new PrivateFdTable(Thread.currentThread(), fds.clone());
    }

    /** The descriptors this thread owns in its table. */
    public int[] owned() {
        return owned.clone();
    }

    /**
     * After a failure: shuts down the owned descriptors that are sockets (shutdown(2) acts on the
     * socket itself, so the peer wakes with end of file or EPIPE even while the process keeps its
     * own copy), then closes them as {@link #close} does. A pipe needs no shutdown: its owner
     * closed the process's copies, so this close is the last.
     */
    public void abandon() {
        checkOwner();
        if (!closed) {
            Arrays.stream(owned).forEach(fd -> Sockets.shutdown(fd, Sockets.SHUT_RDWR)); // ENOTSOCK on a pipe
        }
        close();
    }

    /**
     * Closes the owned descriptors in this private table (the process's table has its own
     * numbering). Only the thread that made it may call this: its numbers mean nothing elsewhere.
     */
    @Override
    public void close() {
        checkOwner();
        if (!closed) {
            closed = true;
            Arrays.stream(owned).forEach(Io::close);
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("used from " + Thread.currentThread().getName()
                    + ", not from the owner of the private table, " + owner.getName());
        }
    }
}
