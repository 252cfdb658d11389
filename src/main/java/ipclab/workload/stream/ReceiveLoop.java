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

    public static ReceiveLoop of(RunProbes probes, Transfer transfer) {
        return probes.callEvents() ? new EventReceiver(transfer).prime() : new Receiver(transfer).prime();
    }
}
