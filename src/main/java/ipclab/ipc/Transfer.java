package ipclab.ipc;

import ipclab.sys.CallState;

/**
 * One thread's hot calls on a mechanism's ends: how the timed loops of every workload move bytes.
 * Most mechanisms move them with read(2) and write(2) ({@link ReadWrite}); a message queue sends
 * and receives with mq_timedsend/mq_timedreceive, a zero-copy pipe gives its pages with
 * vmsplice(2), a shared-memory ring copies into a mapping and makes no call at all. The loops
 * stay the same for all of them: they call {@link #send} and {@link #receive} and count.
 *
 * <p>A loop takes its transfer when it is made, before timing, from
 * {@link Mechanism#transfer}: one per thread, so that a transfer may keep per-thread state (an
 * iovec, the buffer it alternates with) made beforehand. {@link #send} and {@link #receive}
 * are the timed region's calls: they allocate nothing and make at most one downcall each (a
 * ring's wait strategy may make its futex or sched_yield call in their place), and they return
 * as read(2) and write(2) do: bytes moved, 0 at the end of a stream, or {@code -errno}.
 *
 * <p>Every loop class calls through this interface, so its call sites see each transfer class
 * a run uses; sweeps warm every configuration before measuring any, so the profiles they are
 * compiled with are the ones they are measured with.
 */
public interface Transfer extends AutoCloseable {
    /** Sends up to {@code count} bytes from {@code address} through {@code fd}: bytes sent or -errno. */
    long send(CallState cs, int fd, long address, long count);

    /** Receives up to {@code count} bytes into {@code address} from {@code fd}: bytes, 0 at end, or -errno. */
    long receive(CallState cs, int fd, long address, long count);

    /**
     * Links the hot calls and makes each once with no effect (on an invalid descriptor, say), from
     * the thread that will time them, so that no timed region pays for linking.
     */
    void prime(CallState cs);

    /**
     * How long a receive waits before it returns -EAGAIN, for a mechanism that may lose messages
     * (UDP: SO_RCVTIMEO), in ns; 0 for the others, whose receives wait as long as it takes. The
     * stream's receiver takes a receive that times out after something arrived as the end of the
     * sender's messages, the rest lost (drops), and its end time as that receive's start, the
     * deadline earlier; nothing in the timed region asks this but that failure path.
     */
    default long receiveDeadlineNanos() {
        return 0;
    }

    /** Frees what the transfer made for its thread; the ends are not its own. */
    @Override
    default void close() {}
}
