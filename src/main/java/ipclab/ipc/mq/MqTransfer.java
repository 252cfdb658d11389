package ipclab.ipc.mq;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.ipc.Transfer;
import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.sys.MessageQueues;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A message queue's hot calls: mq_timedsend(3) sends one message per send, mq_timedreceive(3)
 * takes one per receive. Both copy: the message into a kernel buffer, and out of it again.
 *
 * <p>Why timed: a queue has no end of file and cannot be shut down. A pipe's reader that dies
 * wakes its writer with EPIPE, a writer that dies wakes its reader with end of file; a queue's
 * blocked peer would wait forever (and a 2proc child whose parent was killed would live on). So
 * every call carries a deadline, {@link #QUIET_SECONDS} from when it was last set: a peer that
 * made no room and sent nothing for that long has gone, and the call returns -ETIMEDOUT, which
 * fails the run. The deadline is set before timing and renewed only when a call found it passed
 * (at most once per {@link #QUIET_SECONDS} of a run): then the clock is read and the call made
 * again, the one place a send or receive makes two calls. A second ETIMEDOUT means a whole quiet
 * interval went by. One per thread; the deadline lives in memory allocated here, freed by close.
 */
final class MqTransfer implements Transfer {
    /** How long a peer may be silent before the call gives up: far longer than any gap in a run. */
    static final long QUIET_SECONDS = 10;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment deadline = arena.allocate(16, 8);
    private final long deadlineAddress = deadline.address();

    MqTransfer() {
        renew();
    }

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        long r = MessageQueues.send(cs, fd, address, count, deadlineAddress);
        if (r == -Errno.ETIMEDOUT) {
            renew();
            r = MessageQueues.send(cs, fd, address, count, deadlineAddress);
        }
        return r;
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        long r = MessageQueues.receive(cs, fd, address, count, deadlineAddress);
        if (r == -Errno.ETIMEDOUT) {
            renew();
            r = MessageQueues.receive(cs, fd, address, count, deadlineAddress);
        }
        return r;
    }

    /** The deadline {@link #QUIET_SECONDS} from now, CLOCK_REALTIME as the calls want it (no allocation). */
    private void renew() {
        long now = System.currentTimeMillis();
        deadline.set(JAVA_LONG, 0, now / 1000 + QUIET_SECONDS);
        deadline.set(JAVA_LONG, 8, (now % 1000) * 1_000_000L);
    }

    @Override
    public void prime(CallState cs) {
        MessageQueues.prime(cs);
        renew();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
