package ipclab.workload.stream;

import ipclab.model.Blocks;
import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.sys.Io;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * 1thread: both ends non-blocking in one thread. Each turn writes (while bytes remain) then
 * reads, each at its own {@code done % buffersize} offset; when neither made progress, waits in
 * poll(2) for either end. {@link #run} allocates nothing: the pollfd array is made beforehand.
 */
public final class OneThreadLoop extends BothEndsLoop {
    OneThreadLoop(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }


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
                w = transfer.send(callState, writeFd, writeBuffer + Blocks.offset(sent, bufferSizeBytes),
                        Blocks.chunkLength(sent, totalBytes, bufferSizeBytes));
                writeCalls++;
                if (w > 0) {
                    sent += w;
                } else if (w != -Errno.EAGAIN) {
                    throw TransferException.failed("write", -w, sent, totalBytes);
                }
            }
            if (sent > 0) {
                r = transfer.receive(callState, readFd, readBuffer + Blocks.offset(got, bufferSizeBytes),
                        Blocks.chunkLength(got, totalBytes, bufferSizeBytes));
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
