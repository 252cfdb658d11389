package ipclab.workload.stream;

import ipclab.run.AllocatedBytes;
import ipclab.run.WarmupEnd;
import ipclab.run.Failures;

import ipclab.ipc.Mode;
import ipclab.probe.RunProbes;
import ipclab.run.JitStatus;
import ipclab.run.NativeBuffer;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import java.util.List;

/**
 * Runs the very loops the timed region uses, untimed, until HotSpot's C2 has compiled them:
 * rounds of {@link #CALLS_PER_ROUND} invocations of each loop method, on a private endpoint pair
 * of the same type, in blocks of at most {@link #MAX_BLOCK_BYTES} (compiled code does not depend
 * on the size; a small block keeps warm-up short), until {@link JitStatus} sees tier-4 code in use
 * for every loop and a whole round allocated nothing in the loops' threads ({@link AllocatedBytes}),
 * or {@link #MAX_ROUNDS} have run. Then it waits until the JIT has been quiet.
 *
 * <p>Why the allocation as well: C2 code for the loop methods is not all of the timed code. A
 * shared-memory ring's futex or yield wait runs a few hundred times in 100,000 calls, too seldom
 * for C2 to have compiled it by then; in C1 its downcalls allocate (about 70 bytes each), and
 * AllocationIT caught 37,880 and 64,640 bytes in timed runs that followed a warm-up which had
 * stopped on the loop methods alone.
 */
public final class Warmup {
    public static final int CALLS_PER_ROUND = 5_000;
    public static final int MAX_ROUNDS = 40;
    public static final int MAX_BLOCK_BYTES = 4096;
    /** Blocks per invocation: enough for the loop's back edge to be exercised and profiled. */
    private static final int BLOCKS_PER_CALL = 4;

    /**
     * What a warm-up did: its calls, whether C2 code was in use for every loop at its end, the
     * heap bytes its loops' threads allocated in its last round, and how long the JIT took to be
     * quiet after. {@link #warm} is the warm-up's aim: compiled and allocating nothing.
     */
    public record Report(long calls, boolean compiled, long lastRoundBytes, long quietAfterMillis) {
        public boolean warm() {
            return WarmupEnd.reached(compiled, lastRoundBytes);
        }
    }

    private Warmup() {}

    /** Warms {@link Sender#run} and {@link Receiver#run} in two threads of this process. */
    public static Report twoThreads(Mechanism mechanism, int bufferSizeBytes) throws Exception {
        return twoThreads(mechanism, bufferSizeBytes, RunProbes.NONE);
    }

    /** Warms the sender and receiver loops that {@code probes} choose (the instrumented ones with call events). */
    public static Report twoThreads(Mechanism mechanism, int bufferSizeBytes, RunProbes probes) throws Exception {
        return twoThreads(IpcSpec.of(mechanism), bufferSizeBytes, probes);
    }

    /** As above, on a private pair with the mechanism settings of {@code runSpec} (not its sizes). */
    public static Report twoThreads(IpcSpec runSpec, int bufferSizeBytes, RunProbes probes) throws Exception {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        long total = (long) BLOCKS_PER_CALL * block;
        long calls = 0;
        boolean compiled = false;
        long lastRoundBytes = -1;
        IpcSpec spec = privateSpec(runSpec, block);
        try (EndpointPair pair = spec.mechanism().dropsMessages() ? spec.mechanism().openLoopback(spec) : spec.open();
                var sends = spec.transfer(pair.writer());
                var receives = spec.transfer(pair.reader());
                NativeBuffer readBuffer = new NativeBuffer(block, (byte) 1);
                NativeBuffer writeBuffer = new NativeBuffer(block, (byte) 2)) {
            SendLoop sender = SendLoop.of(probes, sends);
            ReceiveLoop receiver = ReceiveLoop.of(probes, receives);
            List<String> loops = List.of(loopMethod(sender), loopMethod(receiver));
            for (int round = 0; round < MAX_ROUNDS && !WarmupEnd.reached(compiled, lastRoundBytes); round++) {
                Throwable[] senderFailure = new Throwable[1];
                long[] senderBytes = new long[1];
                Thread sending = Thread.ofPlatform().name("ipclab-warmup-sender").start(() -> {
                    long before = AllocatedBytes.ofThisThread();
                    try {
                        for (int i = 0; i < CALLS_PER_ROUND; i++) {
                            sender.run(pair.writer().value(), writeBuffer.address(), block, total);
                        }
                    } catch (Throwable t) {
                        senderFailure[0] = t;
                        pair.writer().close();
                    }
                    senderBytes[0] = AllocatedBytes.ofThisThread() - before;
                });
                long before = AllocatedBytes.ofThisThread();
                try {
                    for (int i = 0; i < CALLS_PER_ROUND; i++) {
                        receiver.run(pair.reader().value(), readBuffer.address(), block, total);
                    }
                } finally {
                    sending.join();
                }
                long receiverBytes = AllocatedBytes.ofThisThread() - before;
                Failures.rethrow(null, senderFailure[0]);
                calls += CALLS_PER_ROUND;
                lastRoundBytes = senderBytes[0] + receiverBytes;
                compiled = JitStatus.compiledByC2(loops);
            }
        }
        return new Report(calls, compiled, lastRoundBytes, awaitJitQuiet());
    }

    /** Warms {@link OneThreadLoop#run}. */
    public static Report oneThread(Mechanism mechanism, int bufferSizeBytes) throws Exception {
        return oneThread(mechanism, bufferSizeBytes, RunProbes.NONE);
    }

    /** Warms the 1thread loop that {@code probes} choose. */
    public static Report oneThread(Mechanism mechanism, int bufferSizeBytes, RunProbes probes) throws Exception {
        return oneThread(IpcSpec.of(mechanism), bufferSizeBytes, probes);
    }

    /** As above, on a private pair with the mechanism settings of {@code runSpec} (not its sizes). */
    public static Report oneThread(IpcSpec runSpec, int bufferSizeBytes, RunProbes probes) throws Exception {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        long calls = 0;
        boolean compiled = false;
        long lastRoundBytes = -1;
        IpcSpec spec = privateSpec(runSpec, block);
        try (EndpointPair pair = spec.open();
                var both = spec.transfer(pair.reader(), pair.writer());
                NativeBuffer readBuffer = new NativeBuffer(block, (byte) 1);
                NativeBuffer writeBuffer = new NativeBuffer(block, (byte) 2)) {
            OneThreadRun.makeNonBlocking(pair);
            BothEndsLoop loop = BothEndsLoop.of(probes, both);
            for (int round = 0; round < MAX_ROUNDS && !WarmupEnd.reached(compiled, lastRoundBytes); round++) {
                long before = AllocatedBytes.ofThisThread();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    loop.run(pair.reader().value(), pair.writer().value(), readBuffer.address(),
                            writeBuffer.address(), block, (long) BLOCKS_PER_CALL * block);
                }
                lastRoundBytes = AllocatedBytes.ofThisThread() - before;
                calls += CALLS_PER_ROUND;
                compiled = JitStatus.compiledByC2(List.of(loopMethod(loop)));
            }
        }
        return new Report(calls, compiled, lastRoundBytes, awaitJitQuiet());
    }

    /** A private pair's spec: the run's mechanism and settings, the kernel's default sizes, warm-up blocks. */
    private static IpcSpec privateSpec(IpcSpec runSpec, int block) {
        return new IpcSpec(runSpec.mechanism(), 0, 0, 0, false, runSpec.settings(), block);
    }

    /** The name Compiler.codelist gives the timed loop of {@code loop}'s class. */
    private static String loopMethod(Object loop) {
        return loop.getClass().getName() + ".run";
    }

    /** Waits until the JIT has been quiet ({@link JitStatus#awaitQuiet}). */
    static long awaitJitQuiet() throws InterruptedException {
        return JitStatus.awaitQuiet();
    }

    /** What warm-up did, for the verbose block. */
    public static String describe(Mode mode, int bufferSizeBytes, Report report) {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        String loops = switch (mode) {
            case ONE_THREAD -> "the 1thread loop";
            case TWO_THREAD -> "the sender and receiver loops";
            case TWO_PROC -> "the receiver loop (the child warms its sender the same way)";
        };
        return report.calls() + " untimed calls of " + loops + " (" + BLOCKS_PER_CALL + " x " + block
                + "-byte blocks each), " + WarmupEnd.describe(report.compiled(), report.lastRoundBytes())
                + ", then JIT quiet after " + report.quietAfterMillis() + " ms";
    }
}
