package ipclab.workload.latency;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import callcost.BlockPairs;
import ipclab.ipc.ReadWrite;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.HdrHistogram.Histogram;

/**
 * tools/loop-parts' variant "ipclab": ipclab's own latency loops ({@link Initiator#run} and
 * {@link Responder#run}, from the jar, with read(2) and write(2) as ipclab's pipe transfer makes
 * them) against the plain loop of tools/callcost/LoopParts.java, in blocks alternated inside one
 * process, two threads, two pipes. It sits in ipclab's package to reach the package-private
 * loops; on the class path beside the jar that is allowed. Prints what LoopParts prints:
 *
 *   ipclab MEDIAN Q1 Q3 PAIRS PLAIN_P50_NS P99_MEDIAN
 *
 * The ipclab blocks' percentiles come from the loop's own histogram (3 significant digits).
 */
public final class IpclabLoop {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor OWN = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("write"), OWN);
    private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("read"), OWN);
    private static final int BLOCK = BlockPairs.BLOCK;

    public static void main(String[] args) throws Throwable {
        long size = Long.parseLong(args[0]);
        Arena arena = Arena.global();
        MemorySegment message = arena.allocate(size, 16).fill((byte) 1);
        MemorySegment answer = arena.allocate(size, 16).fill((byte) 2);
        MemorySegment echo = arena.allocate(size, 16).fill((byte) 3);
        int[] fwd = pipe(arena);
        int[] back = pipe(arena);
        Histogram histogram = LatencyHistogram.create();
        Initiator initiator = (Initiator) new Initiator(ReadWrite.INSTANCE, histogram).prime();
        int blocks = BlockPairs.WARM_BLOCKS + BlockPairs.MEASURED_BLOCKS;
        Thread responding = Thread.ofPlatform().start(() -> {
            try {
                Responder responder = (Responder) new Responder(ReadWrite.INSTANCE).prime();
                for (int b = 0; b < blocks; b++) {
                    if (b % 2 == 0) {
                        plainRespond(fwd[0], back[1], echo.address(), size);
                    } else {
                        responder.run(fwd[0], back[1], echo, BLOCK);
                    }
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        long[] rtt = new long[BLOCK];
        BlockPairs pairs = new BlockPairs();
        for (int b = 0; b < blocks; b++) {
            if (b % 2 == 0) {
                plain(fwd[1], back[0], message.address(), answer.address(), size, rtt);
                pairs.add(b, rtt);
            } else {
                histogram.reset();
                initiator.run(fwd[1], back[0], message, answer, BLOCK);
                pairs.add(b, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99));
            }
        }
        responding.join();
        if (initiator.badMessages != 0) {
            throw new IllegalStateException(initiator.badMessages + " answers without their stamp");
        }
        System.out.println(pairs.summary("ipclab"));
    }

    private static void plain(int out, int in, long message, long answer, long size, long[] rtt) throws Throwable {
        for (int i = 0; i < rtt.length; i++) {
            long t0 = System.nanoTime();
            long w = (long) WRITE.invokeExact(out, message, size);
            long r = (long) READ.invokeExact(in, answer, size);
            long t1 = System.nanoTime();
            if (w != size || r != size) {
                throw new IllegalStateException("short call: wrote " + w + ", read " + r);
            }
            rtt[i] = t1 - t0;
        }
    }

    private static void plainRespond(int in, int out, long buffer, long size) throws Throwable {
        for (int i = 0; i < BLOCK; i++) {
            long r = (long) READ.invokeExact(in, buffer, size);
            long w = (long) WRITE.invokeExact(out, buffer, size);
            if (w != size || r != size) {
                throw new IllegalStateException("short call: read " + r + ", wrote " + w);
            }
        }
    }

    private static int[] pipe(Arena arena) throws Throwable {
        MethodHandle pipe = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("pipe"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        if ((int) pipe.invokeExact(fds) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
}
