package ipclab.sys;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file descriptor this process owns. It is closed exactly once, whichever thread gets there
 * first: a worker closes its end early to wake its peer on failure, and the owner closes
 * everything on the way out.
 */
public final class Fd implements AutoCloseable {
    private final int value;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Fd(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Closes the descriptor once; later calls do nothing. close(2) errors are not actionable here. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Io.close(value);
        }
    }

    @Override
    public String toString() {
        return "fd " + value;
    }
}
