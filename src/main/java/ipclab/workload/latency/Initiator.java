package ipclab.workload.latency;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;
import ipclab.sys.Sched;
import java.lang.foreign.MemorySegment;
import org.HdrHistogram.Histogram;

/**
 * The initiating half of 2thread and 2proc: per round, stamps its message's first and last bytes
 * with the round number, takes the clock, writes the message whole, reads the answer whole,
 * takes the clock again and records the difference in the histogram; then checks the answer's
 * stamp. Descriptors are blocking: a write takes the whole message unless something is wrong.
 *
 * <p>{@link #run} is the timed region: it allocates nothing (the histogram is allocated before,
 * with a fixed range, so recording never resizes it) and makes one downcall per read or write.
 */
final class Initiator extends RoundTripLoop {
    private final Histogram histogram;
    long startNanos;
    long endNanos;

    Initiator(ipclab.ipc.Transfer transfer, Histogram histogram) {
        super(transfer);
        this.histogram = histogram;
    }

    void run(int out, int in, MemorySegment message, MemorySegment answer, long rounds) throws TransferException {
        long size = message.byteSize();
        long last = size - 1;
        long messageAddress = message.address();
        long answerAddress = answer.address();
        Histogram h = histogram;
        long r = 0;
        long w = 0;
        long bad = 0;
        cpuAtStart = Sched.getcpu();
        RegionMarker.start(callState);
        startNanos = System.nanoTime();
        for (long round = 0; round < rounds; round++) {
            byte stamp = stamp(round);
            message.set(JAVA_BYTE, 0, stamp);
            message.set(JAVA_BYTE, last, stamp);
            long t0 = System.nanoTime();
            long sent = 0;
            while (sent < size) {
                long n = transfer.send(callState, out, messageAddress + sent, size - sent);
                w++;
                if (n <= 0) {
                    end(r, w, bad);
                    throw failed("write", n, round, rounds, "responder");
                }
                sent += n;
            }
            long got = 0;
            while (got < size) {
                long n = transfer.receive(callState, in, answerAddress + got, size - got);
                r++;
                if (n <= 0) {
                    end(r, w, bad);
                    throw failed("read", n, round, rounds, "responder");
                }
                got += n;
            }
            long t1 = System.nanoTime();
            h.recordValue(Math.min(t1 - t0, LatencyHistogram.HIGHEST_NANOS));
            if (answer.get(JAVA_BYTE, 0) != stamp || answer.get(JAVA_BYTE, last) != stamp) {
                bad++;
            }
        }
        endNanos = System.nanoTime();
        end(r, w, bad);
    }

    private void end(long r, long w, long bad) {
        RegionMarker.end(callState);
        cpuAtEnd = Sched.getcpu();
        reads = r;
        writes = w;
        badMessages = bad;
    }
}
