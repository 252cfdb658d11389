package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.ReadEvent;
import ipclab.probe.RegionMarker;
import ipclab.probe.WriteEvent;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.sys.Io;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@link OneThreadLoop} with a flight-recorder event around each read(2) and write(2) (including
 * those that return EAGAIN): the --jfr-calls probe for 1thread.
 */
public final class EventOneThreadLoop extends BothEndsLoop {
    EventOneThreadLoop(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    @Override
    public void run(int readFd, int writeFd, long readBuffer, long writeBuffer, int bufferSizeBytes, long totalBytes)
            throws TransferException {
        long pollAddress = pollFds(readFd, writeFd);
        long sent = 0;
        long got = 0;
        long readCalls = 0;
        long writeCalls = 0;
        long pollCalls = 0;
        RegionMarker.start(callState);
        startNanos = System.nanoTime();
        while (got < totalBytes) {
            long w = 0;
            long r = 0;
            if (sent < totalBytes) {
                long want = Blocks.chunkLength(sent, totalBytes, bufferSizeBytes);
                WriteEvent we = new WriteEvent();
                we.begin();
                w = transfer.send(callState, writeFd, writeBuffer + Blocks.offset(sent, bufferSizeBytes), want);
                we.end();
                if (we.shouldCommit()) {
                    we.fd = writeFd;
                    we.requestedBytes = want;
                    we.result = w;
                    we.commit();
                }
                writeCalls++;
                if (w > 0) {
                    sent += w;
                } else if (w != -Errno.EAGAIN) {
                    throw TransferException.failed("write", -w, sent, totalBytes);
                }
            }
            if (sent > 0) {
                long want = Blocks.chunkLength(got, totalBytes, bufferSizeBytes);
                ReadEvent re = new ReadEvent();
                re.begin();
                r = transfer.receive(callState, readFd, readBuffer + Blocks.offset(got, bufferSizeBytes), want);
                re.end();
                if (re.shouldCommit()) {
                    re.fd = readFd;
                    re.requestedBytes = want;
                    re.result = r;
                    re.commit();
                }
                readCalls++;
                if (r > 0) {
                    got += r;
                } else if (r == 0) {
                    throw TransferException.endOfFile(got, totalBytes);
                } else if (r != -Errno.EAGAIN) {
                    throw TransferException.failed("read", -r, got, totalBytes);
                }
            }
            if (got < totalBytes && w <= 0 && r <= 0) {
                int p = Io.poll(callState, pollAddress, 2, -1);
                pollCalls++;
                if (p < 0 && p != -Errno.EINTR) {
                    throw TransferException.failed("poll", -p, got, totalBytes);
                }
            }
        }
        endNanos = System.nanoTime();
        RegionMarker.end(callState);
        reads = readCalls;
        writes = writeCalls;
        polls = pollCalls;
    }
}
