package ipclab.bench;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.IpcType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Runs the very loops the timed region uses, untimed, until HotSpot has compiled them: each loop
 * method is invoked {@link #CALLS} times (past C2's invocation threshold of 5,000 and its
 * back-edge threshold), on a private endpoint pair of the same type, in blocks of at most
 * {@link #MAX_BLOCK_BYTES} (compiled code does not depend on the size; a small block keeps the
 * warm-up short). Then it waits until the JIT has been quiet for a while.
 */
public final class Warmup {
    public static final int CALLS = 20_000;
    public static final int MAX_BLOCK_BYTES = 4096;
    private static final long QUIET_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 2000;

    private Warmup() {}

    /** Warms {@link Sender#run} and {@link Receiver#run} in two threads of this process. */
    public static void twoThreads(IpcType ipcType, int bufferSizeBytes) throws Exception {
        twoThreads(ipcType, bufferSizeBytes, RunProbes.NONE);
    }

    /** Warms the sender and receiver loops that {@code probes} choose (the instrumented ones with call events). */
    public static void twoThreads(IpcType ipcType, int bufferSizeBytes, RunProbes probes) throws Exception {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        try (EndpointPair pair = EndpointPair.open(IpcSpec.of(ipcType));
                NativeBuffer readBuffer = new NativeBuffer(block, (byte) 1);
                NativeBuffer writeBuffer = new NativeBuffer(block, (byte) 2)) {
            SendLoop sender = SendLoop.of(probes);
            ReceiveLoop receiver = ReceiveLoop.of(probes);
            Throwable[] senderFailure = new Throwable[1];
            Thread sending = Thread.ofPlatform().name("ipclab-warmup-sender").start(() -> {
                try {
                    for (int i = 0; i < CALLS; i++) {
                        sender.run(pair.writer().value(), writeBuffer.address(), block, block);
                    }
                } catch (Throwable t) {
                    senderFailure[0] = t;
                    pair.writer().close();
                }
            });
            try {
                for (int i = 0; i < CALLS; i++) {
                    receiver.run(pair.reader().value(), readBuffer.address(), block, block);
                }
            } finally {
                sending.join();
            }
            TwoThreadRun.rethrow(null, senderFailure[0]);
        }
        awaitJitQuiet();
    }

    /** Warms {@link OneThreadLoop#run}. */
    public static void oneThread(IpcType ipcType, int bufferSizeBytes) throws Exception {
        oneThread(ipcType, bufferSizeBytes, RunProbes.NONE);
    }

    /** Warms the 1thread loop that {@code probes} choose. */
    public static void oneThread(IpcType ipcType, int bufferSizeBytes, RunProbes probes) throws Exception {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        try (EndpointPair pair = EndpointPair.open(IpcSpec.of(ipcType));
                NativeBuffer readBuffer = new NativeBuffer(block, (byte) 1);
                NativeBuffer writeBuffer = new NativeBuffer(block, (byte) 2)) {
            OneThreadRun.makeNonBlocking(pair);
            BothEndsLoop loop = BothEndsLoop.of(probes);
            for (int i = 0; i < CALLS; i++) {
                loop.run(pair.reader().value(), pair.writer().value(), readBuffer.address(), writeBuffer.address(),
                        block, 2L * block);
            }
        }
        awaitJitQuiet();
    }

    /** Waits until the JIT's total compilation time has not moved for {@link #QUIET_MILLIS}. */
    static long awaitJitQuiet() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < MAX_WAIT_MILLIS) {
            Thread.sleep(10);
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if ((System.nanoTime() - quietSince) / 1_000_000 >= QUIET_MILLIS) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** What warm-up did, for the verbose block. */
    public static String describe(Mode mode, int bufferSizeBytes) {
        int block = Math.min(bufferSizeBytes, MAX_BLOCK_BYTES);
        String loops = switch (mode) {
            case ONE_THREAD -> "the 1thread loop";
            case TWO_THREAD -> "the sender and receiver loops";
            case TWO_PROC -> "the receiver loop here and the sender loop in the child";
        };
        return CALLS + " untimed calls of " + loops + " (" + block + "-byte blocks), then JIT quiet for "
                + QUIET_MILLIS + " ms";
    }
}
