package ipclab.workload.latency;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import ipclab.model.TransferException;
import ipclab.probe.RegionMarker;
import ipclab.sys.Sched;
import java.lang.foreign.MemorySegment;

/**
 * The answering half: per round, reads the message whole, checks its stamp, and writes the same
 * bytes back whole. The same code in 2thread and in the 2proc child. {@link #run} allocates
 * nothing and makes one downcall per read or write.
 */
final class Responder extends RoundTripLoop {
    Responder(ipclab.ipc.Transfer transfer) {
        super(transfer);
    }

    void run(int in, int out, MemorySegment message, long rounds) throws TransferException {
        long size = message.byteSize();
        long last = size - 1;
        long address = message.address();
        long r = 0;
        long w = 0;
        long bad = 0;
        cpuAtStart = Sched.getcpu();
        RegionMarker.start(callState);
        for (long round = 0; round < rounds; round++) {
            long got = 0;
            while (got < size) {
                long n = transfer.receive(callState, in, address + got, size - got);
                r++;
                if (n <= 0) {
                    end(r, w, bad);
                    throw failed("read", n, round, rounds, "initiator");
                }
                got += n;
            }
            byte stamp = stamp(round);
            if (message.get(JAVA_BYTE, 0) != stamp || message.get(JAVA_BYTE, last) != stamp) {
                bad++;
            }
            long sent = 0;
            while (sent < size) {
                long n = transfer.send(callState, out, address + sent, size - sent);
                w++;
                if (n <= 0) {
                    end(r, w, bad);
                    throw failed("write", n, round, rounds, "initiator");
                }
                sent += n;
            }
        }
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
