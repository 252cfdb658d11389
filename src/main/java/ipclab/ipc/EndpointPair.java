package ipclab.ipc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A connected reader and writer: the kernel object under test, made by a {@link Mechanism}. The
 * loops see two descriptors; the pair owns both and closes both.
 */
public record EndpointPair(Fd reader, Fd writer, Grants granted) implements AutoCloseable {

    /** A call that fills an {@code int[2]} with two new descriptors: pipe2(2), socketpair(2). */
    @FunctionalInterface
    public interface TwoFds {
        void fill(MemorySegment fds) throws SysException;
    }

    /** What the kernel granted a new pair, read back (and first asked for) by the mechanism. */
    @FunctionalInterface
    public interface Sizing {
        Grants apply(Fd reader, Fd writer) throws SysException;
    }

    /**
     * The pair {@code call} makes (the first descriptor read, the second written), sized by
     * {@code sizing}; on failure nothing stays open.
     */
    public static EndpointPair of(TwoFds call, Sizing sizing) throws SysException {
        Fd reader;
        Fd writer;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            call.fill(fds);
            reader = new Fd(fds.getAtIndex(JAVA_INT, 0));
            writer = new Fd(fds.getAtIndex(JAVA_INT, 1));
        }
        return of(reader, writer, sizing);
    }

    /** The pair of two open descriptors, sized by {@code sizing}; both are closed if that fails. */
    public static EndpointPair of(Fd reader, Fd writer, Sizing sizing) throws SysException {
        try {
            return new EndpointPair(reader, writer, sizing.apply(reader, writer));
        } catch (SysException | RuntimeException e) {
            reader.close();
            writer.close();
            throw e;
        }
    }
    /**
     * After a failure: shuts both ends down, those still open (shutdown(2); a pipe's ENOTSOCK is
     * ignored), so that a peer blocked on either end wakes. Closing a failed end is not enough
     * everywhere: a Unix datagram socket gets no end of file when its peer closes.
     */
    public void shutDown() {
        for (Fd end : new Fd[] {reader, writer}) {
            if (end.isOpen()) {
                ipclab.sys.Sockets.shutdown(end.value(), ipclab.sys.Sockets.SHUT_RDWR);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
