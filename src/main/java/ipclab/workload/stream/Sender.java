package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;

import ipclab.sys.CallState;

/**
 * The writing side of 2thread and 2proc (the same code in both): buffersize bytes per write(2),
 * from the start of the buffer, until totalsize is sent. The descriptor is blocking, so a short
 * write means something is wrong (a signal, a peer that went away) and fails the run.
 *
 * <p>One instance per thread: it owns the thread's {@link CallState}. {@link #run} is the timed
 * region's sending half: it allocates nothing and makes one downcall per write.
 */
public final class Sender extends SendLoop {
    Sender(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    public void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException {
        long calls = 0;
        long sent = 0;
        RegionMarker.start(callState);
        startNanos = System.nanoTime();
        while (sent < totalBytes) {
            long want = Blocks.writeLength(sent, totalBytes, bufferSizeBytes);
            long n = transfer.send(callState, fd, bufferAddress, want);
            calls++;
            if (n != want) {
                throw n < 0 ? TransferException.failed("write", -n, sent, totalBytes)
                        : TransferException.shortWrite(n, want, sent, totalBytes);
            }
            sent += n;
        }
        RegionMarker.end(callState);
        writes = calls;
    }
}
