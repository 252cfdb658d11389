package ipclab.workload.latency;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mode;
import ipclab.sys.Io;
import ipclab.run.AllocatedBytes;
import ipclab.run.WarmupEnd;
import ipclab.run.JitStatus;
import ipclab.run.NativeBuffer;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Runs the round-trip loops untimed until C2 has compiled them, as the stream's warm-up does:
 * rounds of {@link #CALLS_PER_ROUND} calls of each loop, {@link #TRIPS_PER_CALL} round trips
 * each, with messages of at most {@link #MAX_MESSAGE_BYTES}, until {@link JitStatus} sees tier-4
 * code in use for every loop or {@link #MAX_ROUNDS} have run; then it waits for the JIT to be
 * quiet. The 2thread loops each talk to themselves through a private pair that the mechanism
 * opens for them ({@link ipclab.ipc.Mechanism#openLoopback}: a pipe for any read/write
 * mechanism), with the run's own transfer (see {@link #twoThreads}); the 1thread loop runs on
 * private ends of the run's own kind.
 */
final class LatencyWarmup {
    static final int CALLS_PER_ROUND = 1000;
    static final int TRIPS_PER_CALL = 2;
    static final int MAX_ROUNDS = 200;
    static final int MAX_MESSAGE_BYTES = 4096;

    /**
     * What a warm-up did: its calls of each loop, whether C2 compiled them all, how long the JIT
     * took to be quiet after, the heap bytes its last round allocated, and how many of its
     * messages failed a loop's stamp check (0, or the timed run would hit code C2 left out).
     */
    record Report(long calls, boolean compiled, long lastRoundBytes, long quietAfterMillis, long failedStamps) {
        /** The aim, as the stream's ({@link ipclab.workload.stream.Warmup.Report#warm}): compiled, and a round that allocated nothing. */
        boolean warm() {
            return WarmupEnd.reached(compiled, lastRoundBytes);
        }
    }

    private LatencyWarmup() {}

    /** Which loops a process warms: both in 2thread; in 2proc the parent its initiator, the child its responder. */
    enum Loops {
        BOTH, INITIATOR, RESPONDER
    }

    /**
     * Warms {@link Initiator#run} and {@link Responder#run} in this thread, each talking to
     * itself through a private loopback pair of its own: the same methods and calls as a timed
     * run, with no peer to wake (a round trip costs two system calls, not two wake-ups), so C2
     * gets its invocations and back edges in a fraction of the time.
     *
     * <p>Every message the loops read here carries the stamp they check, as in a timed run. C2
     * compiles the branches a loop has taken: a warm-up whose stamp checks failed (as this one's
     * did until 2026-12-03, the responder reading back one message whatever the round) gave code
     * with the passing branch left out, and the first timed round trip that passed its check
     * threw the loop out of C2 ("unstable_if") for the tenth of a second it took to compile it
     * again, inside the timed region. The initiator writes its message into its empty pair and
     * reads it back. The responder's pair holds two messages stamped for rounds 0 and 1 (the two
     * round trips of each call): it reads the first, writes it back behind the second, then does
     * the same with the second, and the pair is as it was.
     */
    static Report twoThreads(IpcSpec runSpec, int messageBytes, Loops which) throws Exception {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        long calls = 0;
        boolean compiled = false;
        long lastRoundBytes = -1;
        long failedStamps = 0;
        boolean initiates = which != Loops.RESPONDER;
        boolean responds = which != Loops.INITIATOR;
        IpcSpec spec = runSpec.withMessageBytes(size);
        try (EndpointPair initiatorSelf = initiates ? runSpec.mechanism().openLoopback(spec) : null;
                EndpointPair responderSelf = responds ? runSpec.mechanism().openLoopback(spec) : null;
                ipclab.ipc.Transfer initiating = initiates
                        ? spec.transfer(initiatorSelf.reader(), initiatorSelf.writer()) : null;
                ipclab.ipc.Transfer responding = responds
                        ? spec.transfer(responderSelf.reader(), responderSelf.writer()) : null;
                NativeBuffer message = new NativeBuffer(size, (byte) 1);
                NativeBuffer answer = new NativeBuffer(size, (byte) 2);
                NativeBuffer echo = new NativeBuffer(size, (byte) 3)) {
            Initiator initiator = initiates ? (Initiator) new Initiator(initiating, LatencyHistogram.create()).prime()
                    : null;
            Responder responder = responds ? (Responder) new Responder(responding).prime() : null;
            List<String> loops = new java.util.ArrayList<>();
            if (initiates) {
                loops.add(Initiator.class.getName() + ".run");
            }
            if (responds) {
                loops.add(Responder.class.getName() + ".run");
                queueStampedMessages(responding, responderSelf, echo, TRIPS_PER_CALL);
            }
            for (int round = 0; round < MAX_ROUNDS && !WarmupEnd.reached(compiled, lastRoundBytes); round++) {
                long before = AllocatedBytes.ofThisThread();
                for (int i = 0; responds && i < CALLS_PER_ROUND; i++) {
                    responder.run(responderSelf.reader().value(), responderSelf.writer().value(), echo.segment(),
                            TRIPS_PER_CALL);
                    failedStamps += responder.badMessages;
                }
                for (int i = 0; initiates && i < CALLS_PER_ROUND; i++) {
                    initiator.run(initiatorSelf.writer().value(), initiatorSelf.reader().value(), message.segment(),
                            answer.segment(), TRIPS_PER_CALL);
                    failedStamps += initiator.badMessages;
                }
                lastRoundBytes = AllocatedBytes.ofThisThread() - before;
                calls += CALLS_PER_ROUND;
                compiled = JitStatus.compiledByC2(loops);
            }
        }
        return new Report(calls, compiled, lastRoundBytes, JitStatus.awaitQuiet(), failedStamps);
    }

    /** Puts {@code count} messages into {@code self}, the i-th with round i's stamp in its first and last bytes. */
    private static void queueStampedMessages(ipclab.ipc.Transfer transfer, EndpointPair self, NativeBuffer buffer,
            int count) throws Exception {
        long size = buffer.segment().byteSize();
        ipclab.sys.CallState cs = new ipclab.sys.CallState();
        for (int i = 0; i < count; i++) {
            byte stamp = RoundTripLoop.stamp(i);
            buffer.segment().set(ValueLayout.JAVA_BYTE, 0, stamp);
            buffer.segment().set(ValueLayout.JAVA_BYTE, size - 1, stamp);
            if (transfer.send(cs, self.writer().value(), buffer.address(), size) != size) {
                throw new IllegalStateException("warm-up: could not put a message in its loopback");
            }
        }
    }

    static Report oneThread(IpcSpec spec, int messageBytes) throws Exception {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        long calls = 0;
        boolean compiled = false;
        long lastRoundBytes = -1;
        long failedStamps = 0;
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
            for (int round = 0; round < MAX_ROUNDS && !WarmupEnd.reached(compiled, lastRoundBytes); round++) {
                long before = AllocatedBytes.ofThisThread();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    loop.run(ends, message.segment(), middle.segment(), answer.segment(), TRIPS_PER_CALL);
                    failedStamps += loop.badMessages;
                }
                lastRoundBytes = AllocatedBytes.ofThisThread() - before;
                calls += CALLS_PER_ROUND;
                compiled = JitStatus.compiledByC2(loops);
            }
        }
        return new Report(calls, compiled, lastRoundBytes, JitStatus.awaitQuiet(), failedStamps);
    }

    static String describe(Mode mode, int messageBytes, Report report) {
        int size = Math.min(messageBytes, MAX_MESSAGE_BYTES);
        String loops = switch (mode) {
            case ONE_THREAD -> "the 1thread round-trip loop";
            case TWO_THREAD -> "the initiator and responder loops";
            case TWO_PROC -> "the initiator loop (the child warms its responder loop the same way)";
        };
        return report.calls() + " untimed calls of " + loops + " (" + TRIPS_PER_CALL + " round trips of " + size
                + "-byte messages each), " + WarmupEnd.describe(report.compiled(), report.lastRoundBytes())
                + ", then JIT quiet after " + report.quietAfterMillis() + " ms";
    }
}
