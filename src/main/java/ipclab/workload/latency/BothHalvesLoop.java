package ipclab.workload.latency;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;
import ipclab.sys.Errno;
import ipclab.sys.Sched;
import java.lang.foreign.MemorySegment;
import org.HdrHistogram.Histogram;

/**
 * 1thread: both halves of each round trip in one thread, the floor of the decomposition (the
 * same system calls, no wake-up, no context switch). Per round: the message goes out on the
 * forward end and is read back from its other end, checked, then the answer goes out on the back
 * end and is read back; the clock is taken around the four calls. The descriptors are
 * non-blocking, and each half interleaves writing and reading, so a message larger than the
 * kernel's buffer still gets through (EAGAIN just means: read some first).
 */
final class BothHalvesLoop extends RoundTripLoop {
    private final Histogram histogram;
    long startNanos;
    long endNanos;

    BothHalvesLoop(ipclab.ipc.Transfer transfer, Histogram histogram) {
        super(transfer);
        this.histogram = histogram;
    }

    void run(RoundTripEnds ends, MemorySegment message, MemorySegment middle, MemorySegment answer, long rounds)
            throws TransferException {
        long size = message.byteSize();
        long last = size - 1;
        int forwardOut = ends.initiatorOut();
        int forwardIn = ends.responderIn();
        int backOut = ends.responderOut();
        int backIn = ends.initiatorIn();
        Histogram h = histogram;
        long bad = 0;
        reads = 0;
        writes = 0;
        cpuAtStart = Sched.getcpu();
        RegionMarker.start(callState);
        startNanos = System.nanoTime();
        for (long round = 0; round < rounds; round++) {
            byte stamp = stamp(round);
            message.set(JAVA_BYTE, 0, stamp);
            message.set(JAVA_BYTE, last, stamp);
            long t0 = System.nanoTime();
            half(forwardOut, forwardIn, message.address(), middle.address(), size, round, rounds);
            if (middle.get(JAVA_BYTE, 0) != stamp || middle.get(JAVA_BYTE, last) != stamp) {
                bad++;
            }
            half(backOut, backIn, middle.address(), answer.address(), size, round, rounds);
            long t1 = System.nanoTime();
            h.recordValue(Math.min(t1 - t0, LatencyHistogram.HIGHEST_NANOS));
            if (answer.get(JAVA_BYTE, 0) != stamp || answer.get(JAVA_BYTE, last) != stamp) {
                bad++;
            }
        }
        endNanos = System.nanoTime();
        RegionMarker.end(callState);
        cpuAtEnd = Sched.getcpu();
        badMessages = bad;
    }

    /** One message from {@code out} to {@code in}: write what fits, read what is there, until all has arrived. */
    private void half(int out, int in, long from, long to, long size, long round, long rounds)
            throws TransferException {
        long sent = 0;
        long got = 0;
        while (got < size) {
            if (sent < size) {
                long n = transfer.send(callState, out, from + sent, size - sent);
                writes++;
                if (n > 0) {
                    sent += n;
                } else if (n != -Errno.EAGAIN) {
                    finish();
                    throw failed("write", n, round, rounds, "other end");
                }
            }
            long n = transfer.receive(callState, in, to + got, size - got);
            reads++;
            if (n > 0) {
                got += n;
            } else if (n != -Errno.EAGAIN) {
                finish();
                throw failed("read", n, round, rounds, "other end");
            }
        }
    }

    private void finish() {
        RegionMarker.end(callState);
        cpuAtEnd = Sched.getcpu();
    }
}
