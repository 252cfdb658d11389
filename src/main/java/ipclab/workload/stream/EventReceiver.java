package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.ReadEvent;
import ipclab.probe.RegionMarker;

import ipclab.sys.CallState;

/** {@link Receiver}'s loop with a {@link ReadEvent} around each read(2): the --jfr-calls probe. */
public final class EventReceiver extends ReceiveLoop {
    EventReceiver(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    @Override
    public void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException {
        long calls = 0;
        long got = 0;
        RegionMarker.start(callState);
        while (got < totalBytes) {
            long want = Blocks.chunkLength(got, totalBytes, bufferSizeBytes);
            ReadEvent event = new ReadEvent();
            event.begin();
            long n = transfer.receive(callState, fd, bufferAddress + Blocks.offset(got, bufferSizeBytes), want);
            event.end();
            if (event.shouldCommit()) {
                event.fd = fd;
                event.requestedBytes = want;
                event.result = n;
                event.commit();
            }
            calls++;
            if (n <= 0) {
                reads = calls;
                RegionMarker.end(callState);
                if (endsOnDeadline(n, got, totalBytes)) {
                    return;
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
