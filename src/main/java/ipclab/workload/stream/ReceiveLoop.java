package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.sys.CallState;
import ipclab.ipc.Transfer;

/**
 * The receiving half: {@link Receiver}, or {@link EventReceiver} with a flight-recorder event per
 * read(2). As {@link SendLoop}: the shared state here, each timed body in its own class.
 */
public abstract sealed class ReceiveLoop permits Receiver, EventReceiver {
    final CallState callState = new CallState();
    /** How this thread's reads reach the mechanism: read(2) for most. */
    final Transfer transfer;
    /** CLOCK_MONOTONIC just after the last byte of the last run. */
    long endNanos;
    /** read(2) calls of the last run. */
    long reads;
    /** Bytes the last run received: totalsize, or less when a lossy mechanism's deadline ended it. */
    long receivedBytes;

    /** The timed region's receiving half: allocates nothing, one downcall per read. */
    public abstract void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes)
            throws TransferException;

    ReceiveLoop(Transfer transfer) {
        this.transfer = transfer;
    }

    public final ReceiveLoop prime() {
        transfer.prime(callState);
        LoopClasses.load();
        return this;
    }

    public final long endNanos() {
        return endNanos;
    }

    public final long reads() {
        return reads;
    }

    public final long receivedBytes() {
        return receivedBytes;
    }

    /**
     * What the last run measured beside the counts: for a mechanism that drops ({@link
     * Transfer#receiveDeadlineNanos}), {@code drops}, the datagrams sent and never received (each
     * write one datagram of {@code bufferSizeBytes}: totalsize is a multiple of it); nothing for
     * the others. Called after the timed region.
     */
    public final java.util.Map<String, Object> measured(int bufferSizeBytes, long totalBytes) {
        if (transfer.receiveDeadlineNanos() == 0) {
            return java.util.Map.of();
        }
        return java.util.Map.of(StreamWorkload.DROPS, (totalBytes - receivedBytes) / bufferSizeBytes);
    }

    /**
     * The failure path of a receive that returned {@code n <= 0} after {@code got} bytes: true
     * when it is a lossy mechanism's deadline after something arrived, the run then ending with
     * {@code got} (its end the deadline before now: when the last datagram's read returned and
     * this one began); otherwise the failure to throw.
     */
    final boolean endsOnDeadline(long n, long got, long totalBytes) throws TransferException {
        long deadline = transfer.receiveDeadlineNanos();
        if (n == -ipclab.sys.Errno.EAGAIN && deadline > 0) {
            if (got == 0) {
                throw TransferException.nothingArrived(deadline, totalBytes);
            }
            endNanos = System.nanoTime() - deadline;
            receivedBytes = got;
            return true;
        }
        throw n == 0 ? TransferException.endOfFile(got, totalBytes)
                : TransferException.failed("read", -n, got, totalBytes);
    }

    public static ReceiveLoop of(RunProbes probes, Transfer transfer) {
        return probes.callEvents() ? new EventReceiver(transfer).prime() : new Receiver(transfer).prime();
    }
}
