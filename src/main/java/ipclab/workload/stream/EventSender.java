package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;
import ipclab.probe.WriteEvent;

import ipclab.sys.CallState;

/**
 * {@link Sender}'s loop with a {@link WriteEvent} around each write(2): the --jfr-calls probe. A
 * separate class, chosen before timing, so that the uninstrumented loop stays exactly as it is.
 * The event object does not escape, so C2 can keep it off the heap; its clock reads remain, and
 * are the probe effect that docs/run.md measures.
 */
public final class EventSender extends SendLoop {
    EventSender(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    @Override
    public void run(int fd, long bufferAddress, int bufferSizeBytes, long totalBytes) throws TransferException {
        long calls = 0;
        long sent = 0;
        RegionMarker.start(callState);
        startNanos = System.nanoTime();
        while (sent < totalBytes) {
            long want = Blocks.writeLength(sent, totalBytes, bufferSizeBytes);
            WriteEvent event = new WriteEvent();
            event.begin();
            long n = transfer.send(callState, fd, bufferAddress, want);
            event.end();
            if (event.shouldCommit()) {
                event.fd = fd;
                event.requestedBytes = want;
                event.result = n;
                event.commit();
            }
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
