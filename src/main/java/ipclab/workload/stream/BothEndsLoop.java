package ipclab.workload.stream;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.sys.CallState;
import ipclab.ipc.Transfer;
import ipclab.sys.Io;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The 1thread loop: {@link OneThreadLoop}, or {@link EventOneThreadLoop} with an event per call.
 * The shared state here, including the pollfd array, made beforehand so the loop allocates nothing.
 */
public abstract sealed class BothEndsLoop permits OneThreadLoop, EventOneThreadLoop {
    private static final long POLLFD_BYTES = 8;

    final CallState callState = new CallState();
    /** How this thread's reads and writes reach the mechanism: read(2) and write(2) for most. */
    final Transfer transfer;
    private final MemorySegment pollFds = Arena.ofAuto().allocate(2 * POLLFD_BYTES, 8);
    long startNanos;
    long endNanos;
    long reads;
    long writes;
    long polls;

    /** The timed region, both ends: allocates nothing, one downcall per read, write or poll. */
    public abstract void run(int readFd, int writeFd, long readBuffer, long writeBuffer, int bufferSizeBytes,
            long totalBytes) throws TransferException;

    BothEndsLoop(Transfer transfer) {
        this.transfer = transfer;
    }

    public final BothEndsLoop prime() {
        Io.prime(callState); // poll(2)
        transfer.prime(callState);
        LoopClasses.load();
        return this;
    }

    /** Fills the pollfd array (reader POLLIN, writer POLLOUT) before the timed region; its address. */
    final long pollFds(int readFd, int writeFd) {
        pollFds.set(JAVA_INT, 0, readFd);
        pollFds.set(JAVA_SHORT, 4, Io.POLLIN);
        pollFds.set(JAVA_INT, POLLFD_BYTES, writeFd);
        pollFds.set(JAVA_SHORT, POLLFD_BYTES + 4, Io.POLLOUT);
        return pollFds.address();
    }

    /** CLOCK_MONOTONIC just before the first write of the last run. */
    public final long startNanos() {
        return startNanos;
    }

    /** CLOCK_MONOTONIC just after the last byte of the last run arrived. */
    public final long endNanos() {
        return endNanos;
    }

    public final long reads() {
        return reads;
    }

    public final long writes() {
        return writes;
    }

    public final long polls() {
        return polls;
    }

    public static BothEndsLoop of(RunProbes probes, Transfer transfer) {
        return probes.callEvents() ? new EventOneThreadLoop(transfer).prime() : new OneThreadLoop(transfer).prime();
    }
}
