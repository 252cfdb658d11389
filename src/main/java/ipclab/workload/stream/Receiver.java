package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;

import ipclab.sys.CallState;

/**
 * The reading side of 2thread and 2proc: reads into the buffer at offset
 * {@code received % buffersize}, at most to the buffer's end, until totalsize has arrived, and
 * takes the end time just after the last byte. End of file before that fails the run.
 *
 * <p>One instance per thread. {@link #run} allocates nothing and makes one downcall per read.
 */
public final class Receiver extends ReceiveLoop {
    Receiver(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    @Override
    public void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException {
        long calls = 0;
        long got = 0;
        RegionMarker.start(callState);
        while (got < totalBytes) {
            long n = transfer.receive(callState, fd, bufferAddress + Blocks.offset(got, bufferSizeBytes),
                    Blocks.chunkLength(got, totalBytes, bufferSizeBytes));
            calls++;
            if (n <= 0) {
                RegionMarker.end(callState);
                reads = calls;
                if (endsOnDeadline(n, got, totalBytes)) {
                    return; // a lossy mechanism's sender finished: the rest was dropped
                }
            }
            got += n;
        }
        endNanos = System.nanoTime();
        RegionMarker.end(callState);
        reads = calls;
        receivedBytes = got;
    }
}
