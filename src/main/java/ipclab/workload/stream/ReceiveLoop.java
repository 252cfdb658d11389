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
    /**
     * Set by {@link #senderFinished}, before it shuts the reader down: a read that then returns 0
     * is a lossy run's end, not an end of file.
     */
    private volatile boolean senderFinished;

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
     * A lossy mechanism's sender has finished (its last write returned): every datagram it sent
     * is now in the reader's queue or was dropped, since loopback delivers within the write(2).
     * Shuts the reader's receiving side down (SHUT_RD), so that the receiver reads what is queued
     * and then gets 0, which ends the run there, instead of waiting out the receive deadline
     * (2 s for udp: a sweep's udp trials with drops each lasted 2 s longer than their timed
     * region). Nothing for the other mechanisms, whose receiver ends on its byte count. Called
     * by whoever saw the sender finish (its thread in 2thread, the parent on DONE in 2proc).
     */
    public final void senderFinished(ipclab.sys.Fd reader) {
        if (transfer.receiveDeadlineNanos() > 0 && reader.isOpen()) {
            senderFinished = true;
            ipclab.sys.Sockets.shutdown(reader.value(), ipclab.sys.Sockets.SHUT_RD);
        }
    }

    /**
     * The failure path of a receive that returned {@code n <= 0} after {@code got} bytes: true
     * when it ends a lossy mechanism's run after something arrived, the run then ending with
     * {@code got}; otherwise the failure to throw. A lossy run ends on a read that returns 0
     * after {@link #senderFinished} (its end now, when the queue was found empty: at most one
     * read after the last datagram's), or, should the sender never finish, on a read that met
     * the receive deadline (its end the deadline before now: when the last datagram's read
     * returned and this one began).
     */
    final boolean endsOnDeadline(long n, long got, long totalBytes) throws TransferException {
        long deadline = transfer.receiveDeadlineNanos();
        boolean shutDown = n == 0 && senderFinished;
        if (deadline > 0 && (shutDown || n == -ipclab.sys.Errno.EAGAIN)) {
            if (got == 0) {
                throw shutDown ? TransferException.allDropped(totalBytes)
                        : TransferException.nothingArrived(deadline, totalBytes);
            }
            endNanos = shutDown ? System.nanoTime() : System.nanoTime() - deadline;
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
