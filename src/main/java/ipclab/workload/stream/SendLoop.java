package ipclab.workload.stream;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.sys.CallState;
import ipclab.ipc.Transfer;

/**
 * The sending half of 2thread and 2proc: {@link Sender}, or {@link EventSender} when every
 * write(2) is to be a flight-recorder event. Which one runs is decided before timing. What the
 * two share lives here (the thread's {@link CallState}, priming, what a run counted); each keeps
 * its own timed body, so the plain loop stays exactly what it is.
 *
 * <p>One instance per thread: it owns the thread's CallState.
 */
public abstract sealed class SendLoop permits Sender, EventSender {
    final CallState callState = new CallState();
    /** How this thread's writes reach the mechanism: write(2) for most. */
    final Transfer transfer;
    /** CLOCK_MONOTONIC just before the first write of the last run. */
    long startNanos;
    /** write(2) calls of the last run. */
    long writes;

    /** The timed region's sending half: allocates nothing, one downcall per write. */
    public abstract void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes)
            throws TransferException;

    /** Links and primes the calls {@link #run} makes, from this thread, and loads the classes it touches. */
    SendLoop(Transfer transfer) {
        this.transfer = transfer;
    }

    public final SendLoop prime() {
        transfer.prime(callState);
        LoopClasses.load();
        return this;
    }

    public final long startNanos() {
        return startNanos;
    }

    public final long writes() {
        return writes;
    }

    public static SendLoop of(RunProbes probes, Transfer transfer) {
        return probes.callEvents() ? new EventSender(transfer).prime() : new Sender(transfer).prime();
    }
}
