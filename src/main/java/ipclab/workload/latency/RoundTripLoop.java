package ipclab.workload.latency;

import ipclab.model.TransferException;
import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.ipc.Transfer;
import ipclab.sys.Io;
import ipclab.sys.Sched;

/**
 * What the latency loops share: the thread's {@link CallState}, priming, and what a run counted
 * (its calls, the messages whose first or last byte did not carry the round number, and the CPU
 * the thread was on at each edge of its region). Each loop keeps its own timed body.
 *
 * <p>One instance per thread: it owns the thread's CallState.
 */
abstract sealed class RoundTripLoop permits Initiator, Responder, BothHalvesLoop {
    final CallState callState = new CallState();
    /** How this thread's reads and writes reach the mechanism: read(2) and write(2) for most. */
    final Transfer transfer;
    long reads;
    long writes;
    /** Messages whose first or last byte was not the round's stamp: a mechanism that cut or merged them. */
    long badMessages;
    int cpuAtStart = -1;
    int cpuAtEnd = -1;

    /** Links and primes the calls the loop makes, from this thread. */
    RoundTripLoop(Transfer transfer) {
        this.transfer = transfer;
    }

    final RoundTripLoop prime() {
        Io.prime(callState); // poll(2), for 1thread
        transfer.prime(callState);
        Sched.getcpu();
        return this;
    }

    /** The stamp of round {@code round}: the round number's low byte, never 0 (the buffers start filled). */
    static byte stamp(long round) {
        return (byte) ((round % 255) + 1);
    }

    static TransferException failed(String call, long result, long round, long rounds, String peer) {
        String what = result == 0 ? "end of file (the " + peer + " has gone)"
                : Errno.strerror((int) -result) + " (" + Errno.name((int) -result) + ")";
        return new TransferException(call + ": " + what + " in round trip " + (round + 1) + " of " + rounds);
    }

    static TransferException garbled(long bad, long rounds, String where) {
        return new TransferException(bad + " of " + rounds + " messages reached the " + where
                + " without the round's stamp in their first and last bytes: the mechanism did not deliver "
                + "each message whole");
    }

    final long reads() {
        return reads;
    }

    final long writes() {
        return writes;
    }
}
