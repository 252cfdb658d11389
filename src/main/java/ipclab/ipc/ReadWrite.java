package ipclab.ipc;

import ipclab.sys.CallState;
import ipclab.sys.Io;

/**
 * The transfer of every descriptor mechanism: write(2) sends, read(2) receives. Stateless but for
 * the receive deadline a lossy mechanism's sockets were given ({@link #withReceiveDeadline}: UDP's
 * SO_RCVTIMEO), which only the stream receiver's failure path asks. One class for all of them, so
 * that the loops' call sites see one transfer class wherever read(2) and write(2) move the bytes.
 */
public final class ReadWrite implements Transfer {
    public static final ReadWrite INSTANCE = new ReadWrite(0);

    private final long receiveDeadlineNanos;

    private ReadWrite(long receiveDeadlineNanos) {
        this.receiveDeadlineNanos = receiveDeadlineNanos;
    }

    /** read(2) and write(2) on ends whose reads return -EAGAIN after {@code nanos} (SO_RCVTIMEO). */
    public static ReadWrite withReceiveDeadline(long nanos) {
        return new ReadWrite(nanos);
    }

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        return Io.write(cs, fd, address, count);
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        return Io.read(cs, fd, address, count);
    }

    @Override
    public void prime(CallState cs) {
        Io.prime(cs);
    }

    @Override
    public long receiveDeadlineNanos() {
        return receiveDeadlineNanos;
    }
}
