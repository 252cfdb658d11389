import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import callcost.BlockPairs;
import org.HdrHistogram.Histogram;

/**
 * What each part of ipclab's latency loop costs a round trip, measured where the machine's noise
 * cannot hide it: in one process, one pair of threads talking through two pipes, blocks of
 * round trips of the plainest loop (tools/callcost/PingPong.java's: read and write's own C types,
 * nothing captured, the round trip into a long[]) alternated with blocks of the same loop plus
 * one part. Runs of whole processes differ by 10 to 20% in their p50 on a shared VM, so a part
 * of 1 or 2% is invisible between processes; between neighbouring blocks of one process it is
 * not. Per block the p50 and p99 of its round trips; per pair of blocks the ratios variant/plain;
 * printed, the median and quartiles of the p50 ratios and the median of the p99 ratios.
 *
 *   java LoopParts VARIANT MSGSIZE   prints: VARIANT median Q1 Q3 PAIRS PLAIN_P50_NS P99_MEDIAN
 *
 * Variants, each one of ipclab's choices (ipclab.workload.latency.Initiator and Responder):
 *   hist     each round trip recorded into an HdrHistogram of ipclab's range (1 ns to 10 s, 3 digits)
 *   stamp    the message's first and last bytes stamped with the round, checked on both ends
 *   shape    read and write through ipclab's one native shape (six 64-bit arguments), nothing captured
 *   capture  read and write's own C types with errno captured (Linker.Option.captureCallState)
 *   calls    both: ipclab's calls as ipclab.sys.Io makes them
 *   all      hist, stamp and calls: ipclab's loop without ipclab around it
 *   plain    the plain loop against itself: the method's own noise
 */
public class LoopParts {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final FunctionDescriptor OWN = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final FunctionDescriptor WIDE = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE = LINKER.downcallHandle(LIBC.findOrThrow("write"), OWN);
    private static final MethodHandle READ = LINKER.downcallHandle(LIBC.findOrThrow("read"), OWN);
    private static final MethodHandle SHAPE_WRITE = LINKER.downcallHandle(LIBC.findOrThrow("write"), WIDE);
    private static final MethodHandle SHAPE_READ = LINKER.downcallHandle(LIBC.findOrThrow("read"), WIDE);
    private static final MethodHandle CAPTURE_WRITE = LINKER.downcallHandle(LIBC.findOrThrow("write"), OWN, ERRNO);
    private static final MethodHandle CAPTURE_READ = LINKER.downcallHandle(LIBC.findOrThrow("read"), OWN, ERRNO);
    private static final MethodHandle CALLS_WRITE = LINKER.downcallHandle(LIBC.findOrThrow("write"), WIDE, ERRNO);
    private static final MethodHandle CALLS_READ = LINKER.downcallHandle(LIBC.findOrThrow("read"), WIDE, ERRNO);
    private static final long HIGHEST_NANOS = 10_000_000_000L;
    private static final int BLOCK = BlockPairs.BLOCK;

    /** Which parts a variant adds; the calls are one of four ways. */
    private record Parts(boolean hist, boolean stamp, int calls) {
        static final int OWN_TYPES = 0;
        static final int SHAPE = 1;
        static final int CAPTURE = 2;
        static final int SHAPE_AND_CAPTURE = 3;

        static Parts of(String variant) {
            return switch (variant) {
                case "hist" -> new Parts(true, false, OWN_TYPES);
                case "stamp" -> new Parts(false, true, OWN_TYPES);
                case "shape" -> new Parts(false, false, SHAPE);
                case "capture" -> new Parts(false, false, CAPTURE);
                case "calls" -> new Parts(false, false, SHAPE_AND_CAPTURE);
                case "all" -> new Parts(true, true, SHAPE_AND_CAPTURE);
                case "plain" -> new Parts(false, false, OWN_TYPES);
                default -> throw new IllegalArgumentException("unknown variant " + variant);
            };
        }
    }

    public static void main(String[] args) throws Throwable {
        String variant = args[0];
        Parts parts = Parts.of(variant);
        long size = Long.parseLong(args[1]);
        Arena arena = Arena.global();
        MemorySegment message = arena.allocate(size);
        MemorySegment answer = arena.allocate(size);
        MemorySegment echo = arena.allocate(size);
        int[] fwd = pipe(arena);
        int[] back = pipe(arena);
        int blocks = BlockPairs.WARM_BLOCKS + BlockPairs.MEASURED_BLOCKS;
        Thread responder = Thread.ofPlatform().start(() -> {
            MemorySegment state = Arena.global().allocate(Linker.Option.captureStateLayout());
            for (int b = 0; b < blocks; b++) {
                respond(fwd[0], back[1], echo, state, b % 2 == 0 ? Parts.of("plain") : parts);
            }
        });
        MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
        Histogram histogram = new Histogram(1, HIGHEST_NANOS, 3);
        long[] rtt = new long[BLOCK];
        BlockPairs pairs = new BlockPairs();
        for (int b = 0; b < blocks; b++) {
            initiate(fwd[1], back[0], message, answer, state, histogram, rtt, b % 2 == 0 ? Parts.of("plain") : parts);
            pairs.add(b, rtt);
        }
        responder.join();
        System.out.println(pairs.summary(variant));
    }

    private static void initiate(int out, int in, MemorySegment message, MemorySegment answer, MemorySegment state,
            Histogram histogram, long[] rtt, Parts parts) throws Throwable {
        long size = message.byteSize();
        long last = size - 1;
        long bad = 0;
        for (int i = 0; i < rtt.length; i++) {
            byte stamp = (byte) ((i % 255) + 1);
            if (parts.stamp()) {
                message.set(JAVA_BYTE, 0, stamp);
                message.set(JAVA_BYTE, last, stamp);
            }
            long t0 = System.nanoTime();
            long w = write(state, out, message.address(), size, parts.calls());
            long r = read(state, in, answer.address(), size, parts.calls());
            long t1 = System.nanoTime();
            if (w != size || r != size) {
                throw new IllegalStateException("short call: wrote " + w + ", read " + r);
            }
            if (parts.hist()) {
                histogram.recordValue(Math.min(t1 - t0, HIGHEST_NANOS));
            }
            rtt[i] = t1 - t0;
            if (parts.stamp() && (answer.get(JAVA_BYTE, 0) != stamp || answer.get(JAVA_BYTE, last) != stamp)) {
                bad++;
            }
        }
        if (bad != 0) {
            throw new IllegalStateException(bad + " answers without their stamp");
        }
    }

    private static void respond(int in, int out, MemorySegment message, MemorySegment state, Parts parts) {
        long size = message.byteSize();
        long last = size - 1;
        long bad = 0;
        for (int i = 0; i < BLOCK; i++) {
            long r = read(state, in, message.address(), size, parts.calls());
            byte stamp = (byte) ((i % 255) + 1);
            if (parts.stamp() && (message.get(JAVA_BYTE, 0) != stamp || message.get(JAVA_BYTE, last) != stamp)) {
                bad++;
            }
            long w = write(state, out, message.address(), size, parts.calls());
            if (w != size || r != size) {
                throw new IllegalStateException("short call: read " + r + ", wrote " + w);
            }
        }
        if (bad != 0) {
            throw new IllegalStateException(bad + " messages without their stamp");
        }
    }

    // The switch is on a value that is constant for a whole block; its branch predicts perfectly.
    private static long write(MemorySegment state, int fd, long address, long count, int calls) {
        try {
            return switch (calls) {
                case Parts.SHAPE -> (long) SHAPE_WRITE.invokeExact((long) fd, address, count, 0L, 0L, 0L);
                case Parts.CAPTURE -> (long) CAPTURE_WRITE.invokeExact(state, fd, address, count);
                case Parts.SHAPE_AND_CAPTURE -> (long) CALLS_WRITE.invokeExact(state, (long) fd, address, count, 0L,
                        0L, 0L);
                default -> (long) WRITE.invokeExact(fd, address, count);
            };
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static long read(MemorySegment state, int fd, long address, long count, int calls) {
        try {
            return switch (calls) {
                case Parts.SHAPE -> (long) SHAPE_READ.invokeExact((long) fd, address, count, 0L, 0L, 0L);
                case Parts.CAPTURE -> (long) CAPTURE_READ.invokeExact(state, fd, address, count);
                case Parts.SHAPE_AND_CAPTURE -> (long) CALLS_READ.invokeExact(state, (long) fd, address, count, 0L,
                        0L, 0L);
                default -> (long) READ.invokeExact(fd, address, count);
            };
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int[] pipe(Arena arena) throws Throwable {
        MethodHandle pipe = LINKER.downcallHandle(LIBC.findOrThrow("pipe"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        if ((int) pipe.invokeExact(fds) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
}
