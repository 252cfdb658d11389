import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * What one FFM downcall costs beside C, without ipclab around it: a write(2) and a read(2) of
 * 32 bytes on one pipe, in one thread, through three ways of linking them: ipclab's (six longs,
 * errno captured), read and write's own C types with errno captured, and their own types with
 * nothing captured. Rounds alternate the three; the first two rounds warm the JIT and are not
 * printed. Compare with tools/callcost/callcost.c, the same loop in C. Three loops rather than
 * one taking its handles as parameters: each calls constant handles with invokeExact, as
 * ipclab's loops do, so that the JIT inlines the downcalls into the loop being timed.
 */
public class CallCost {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final FunctionDescriptor WIDE = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final FunctionDescriptor OWN = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);

    private static final MethodHandle WRITE_WIDE = LINKER.downcallHandle(LIBC.findOrThrow("write"), WIDE, ERRNO);
    private static final MethodHandle READ_WIDE = LINKER.downcallHandle(LIBC.findOrThrow("read"), WIDE, ERRNO);
    private static final MethodHandle WRITE_OWN_ERRNO = LINKER.downcallHandle(LIBC.findOrThrow("write"), OWN, ERRNO);
    private static final MethodHandle READ_OWN_ERRNO = LINKER.downcallHandle(LIBC.findOrThrow("read"), OWN, ERRNO);
    private static final MethodHandle WRITE_OWN = LINKER.downcallHandle(LIBC.findOrThrow("write"), OWN);
    private static final MethodHandle READ_OWN = LINKER.downcallHandle(LIBC.findOrThrow("read"), OWN);

    private static final int PAIRS = 2_000_000;
    private static final long SIZE = 32;

    public static void main(String[] args) throws Throwable {
        Arena arena = Arena.global();
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        MethodHandle pipe = LINKER.downcallHandle(LIBC.findOrThrow("pipe"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        if ((int) pipe.invokeExact(fds) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        int r = fds.getAtIndex(JAVA_INT, 0);
        int w = fds.getAtIndex(JAVA_INT, 1);
        long buf = arena.allocate(SIZE).address();
        MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
        System.out.println("ns per write+read of 32 B on a pipe, one thread (" + PAIRS + " pairs a round)");
        for (int round = 0; round < 7; round++) {
            double wide = wide(state, r, w, buf);
            double ownErrno = ownErrno(state, r, w, buf);
            double own = own(r, w, buf);
            if (round >= 2) {
                System.out.printf("ipclab's wide shape, errno %6.1f   own C types, errno %6.1f   own C types %6.1f%n",
                        wide, ownErrno, own);
            }
        }
    }

    private static double wide(MemorySegment state, long r, long w, long buf) throws Throwable {
        long t0 = System.nanoTime();
        for (int i = 0; i < PAIRS; i++) {
            long a = (long) WRITE_WIDE.invokeExact(state, w, buf, SIZE, 0L, 0L, 0L);
            long b = (long) READ_WIDE.invokeExact(state, r, buf, SIZE, 0L, 0L, 0L);
            check(a, b);
        }
        return (System.nanoTime() - t0) / (double) PAIRS;
    }

    private static double ownErrno(MemorySegment state, int r, int w, long buf) throws Throwable {
        long t0 = System.nanoTime();
        for (int i = 0; i < PAIRS; i++) {
            long a = (long) WRITE_OWN_ERRNO.invokeExact(state, w, buf, SIZE);
            long b = (long) READ_OWN_ERRNO.invokeExact(state, r, buf, SIZE);
            check(a, b);
        }
        return (System.nanoTime() - t0) / (double) PAIRS;
    }

    private static double own(int r, int w, long buf) throws Throwable {
        long t0 = System.nanoTime();
        for (int i = 0; i < PAIRS; i++) {
            long a = (long) WRITE_OWN.invokeExact(w, buf, SIZE);
            long b = (long) READ_OWN.invokeExact(r, buf, SIZE);
            check(a, b);
        }
        return (System.nanoTime() - t0) / (double) PAIRS;
    }

    private static void check(long written, long read) {
        if (written != SIZE || read != SIZE) {
            throw new IllegalStateException("short call: wrote " + written + ", read " + read);
        }
    }
}
