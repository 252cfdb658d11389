package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.sys.CallState;
import ipclab.sys.Io;

/**
 * The receiving half: {@link Receiver}, or {@link EventReceiver} with a flight-recorder event per
 * read(2). As {@link SendLoop}: the shared state here, each timed body in its own class.
 */
public abstract sealed class ReceiveLoop permits Receiver, EventReceiver {
    final CallState callState = new CallState();
    /** CLOCK_MONOTONIC just after the last byte of the last run. */
    long endNanos;
    /** read(2) calls of the last run. */
    long reads;

    /** The timed region's receiving half: allocates nothing, one downcall per read. */
    public abstract void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes)
            throws TransferException;

    public final ReceiveLoop prime() {
        Io.prime(callState);
        LoopClasses.load();
        return this;
    }

    public final long endNanos() {
        return endNanos;
    }

    public final long reads() {
        return reads;
    }

    public static ReceiveLoop of(RunProbes probes) {
        return probes.callEvents() ? new EventReceiver().prime() : new Receiver().prime();
    }
}
