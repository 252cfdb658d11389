package ipclab.workload.latency;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mode;
import ipclab.sys.Io;
import ipclab.run.JitStatus;
import ipclab.run.NativeBuffer;
import java.util.List;

/**
 * Runs the round-trip loops untimed until C2 has compiled them, as the stream's warm-up does:
 * rounds of {@link #CALLS_PER_ROUND} calls of each loop, {@link #TRIPS_PER_CALL} round trips
 * each, with messages of at most {@link #MAX_MESSAGE_BYTES}, until {@link JitStatus} sees tier-4
 * code in use for every loop or {@link #MAX_ROUNDS} have run; then it waits for the JIT to be
 * quiet. The 2thread loops talk to themselves through one private pair that the mechanism opens
 * for it ({@link ipclab.ipc.Mechanism#openLoopback}: a pipe for any read/write mechanism), with
 * the run's own transfer (see {@link #twoThreads}); the 1thread loop runs on private ends of the
 * run's own kind.
 */
final class LatencyWarmup {
    static final int CALLS_PER_ROUND = 1000;
    static final int TRIPS_PER_CALL = 2;
    static final int MAX_ROUNDS = 200;
    static final int MAX_MESSAGE_BYTES = 4096;

    record Report(long calls, boolean compiled, long quietAfterMillis) {}

    private LatencyWarmup() {}

    /**
     * Warms {@link Initiator#run} and {@link Responder#run} in this thread, each talking to
     * itself through one private loopback pair: the initiator writes its message into it and reads
     * it back, the responder reads a message put there first and writes it back. The same
     * methods and calls as a timed run, with no peer to wake (a round trip costs two system calls,
     * not two wake-ups), so C2 gets its invocations and back edges in a fraction of the time. The
     * responder's stamp check fails here (the message keeps its first stamp); its count is reset
     * by every run.
     */
    /** Which loops a process warms: both in 2thread; in 2proc the parent its initiator, the child its responder. */
    enum Loops {
        BOTH, INITIATOR, RESPONDER
    }

    static Report twoThreads(IpcSpec runSpec, int messageBytes, Loops which) throws Exception {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        long calls = 0;
        boolean compiled = false;
        boolean initiates = which != Loops.RESPONDER;
        boolean responds = which != Loops.INITIATOR;
        IpcSpec spec = runSpec.withMessageBytes(size);
        // A pair of its own for the loops to talk to themselves through, written and read back.
        try (EndpointPair self = runSpec.mechanism().openLoopback(spec);
                ipclab.ipc.Transfer transfer = spec.transfer(self.reader(), self.writer());
                NativeBuffer message = new NativeBuffer(size, (byte) 1);
                NativeBuffer answer = new NativeBuffer(size, (byte) 2);
                NativeBuffer echo = new NativeBuffer(size, (byte) 3)) {
            int in = self.reader().value();
            int out = self.writer().value();
            Initiator initiator = (Initiator) new Initiator(transfer, LatencyHistogram.create()).prime();
            Responder responder = (Responder) new Responder(transfer).prime();
            List<String> loops = new java.util.ArrayList<>();
            if (initiates) {
                loops.add(Initiator.class.getName() + ".run");
            }
            if (responds) {
                loops.add(Responder.class.getName() + ".run");
                // One message in the pipe for the responder to find; it writes each one back.
                if (transfer.send(new ipclab.sys.CallState(), out, echo.address(), size) != size) {
                    throw new IllegalStateException("warm-up: could not put a message in the pipe");
                }
            }
            for (int round = 0; round < MAX_ROUNDS && !compiled; round++) {
                for (int i = 0; responds && i < CALLS_PER_ROUND; i++) {
                    responder.run(in, out, echo.segment(), TRIPS_PER_CALL);
                }
                // The responder's message may still be in the pipe: the initiator reads what is
                // written before its own, a message behind.
                for (int i = 0; initiates && i < CALLS_PER_ROUND; i++) {
                    initiator.run(out, in, message.segment(), answer.segment(), TRIPS_PER_CALL);
                }
                calls += CALLS_PER_ROUND;
                compiled = JitStatus.compiledByC2(loops);
            }
        }
        return new Report(calls, compiled, JitStatus.awaitQuiet());
    }

    static Report oneThread(IpcSpec spec, int messageBytes) throws Exception {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        long calls = 0;
        boolean compiled = false;
        spec = spec.withMessageBytes(size);
        try (EndpointPair forward = spec.open(); RoundTripEnds ends = RoundTripEnds.of(forward, spec);
                ipclab.ipc.Transfer both = spec.transfer(ends.allEnds());
                NativeBuffer message = new NativeBuffer(size, (byte) 1);
                NativeBuffer middle = new NativeBuffer(size, (byte) 3);
                NativeBuffer answer = new NativeBuffer(size, (byte) 2)) {
            RoundTrips.makeNonBlocking(ends);
            BothHalvesLoop loop = (BothHalvesLoop) new BothHalvesLoop(both,
                    LatencyHistogram.create()).prime();
            List<String> loops = List.of(BothHalvesLoop.class.getName() + ".run");
            for (int round = 0; round < MAX_ROUNDS && !compiled; round++) {
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    loop.run(ends, message.segment(), middle.segment(), answer.segment(), TRIPS_PER_CALL);
                }
                calls += CALLS_PER_ROUND;
                compiled = JitStatus.compiledByC2(loops);
            }
        }
        return new Report(calls, compiled, JitStatus.awaitQuiet());
    }

    static String describe(Mode mode, int messageBytes, Report report) {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        String loops = switch (mode) {
            case ONE_THREAD -> "the 1thread round-trip loop";
            case TWO_THREAD -> "the initiator and responder loops";
            case TWO_PROC -> "the initiator loop (the child warms its responder loop the same way)";
        };
        return report.calls() + " untimed calls of " + loops + " (" + TRIPS_PER_CALL + " round trips of " + size
                + "-byte messages each), " + (report.compiled() ? "until C2-compiled" : "NOT C2-compiled yet")
                + ", then JIT quiet after " + report.quietAfterMillis() + " ms";
    }
}
