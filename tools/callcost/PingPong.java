import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The smallest Java ping-pong there is, without ipclab around it: tools/pingref.c's loops in
 * Java, one FFM downcall per read(2) and write(2) (read and write's own C types, nothing
 * captured), every round trip timed with System.nanoTime into a long[] allocated before timing,
 * percentiles exact from the sorted array, as pingref's. Nothing else: no histogram, no payload
 * stamp, no errno, no placement probe. What it adds to pingref is what the JVM adds to a round
 * trip; what ipclab adds beyond it is ipclab's.
 *
 *   java PingPong 2thread|2proc MSGSIZE ROUNDS      prints: rtt_ns min p50 p90 p99 p999 max mean
 *
 * 2thread: two pipes, one per direction, the responder a platform thread. 2proc: two FIFOs in a
 * temporary folder, the responder a second JVM running this class ("respond FWD BACK MSGSIZE
 * N"). The loops are warmed (C2) before the timed rounds: 5 x 40,000 untimed round trips.
 */
public class PingPong {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE = LINKER.downcallHandle(LIBC.findOrThrow("write"), IO);
    private static final MethodHandle READ = LINKER.downcallHandle(LIBC.findOrThrow("read"), IO);
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int WARM_BLOCKS = 5;
    private static final int WARM_ROUNDS = 40_000;

    public static void main(String[] args) throws Throwable {
        if (args[0].equals("respond")) {
            respondOverFifos(args);
            return;
        }
        long size = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Arena arena = Arena.global();
        long buf = arena.allocate(size).address();
        long[] rtt = new long[rounds];
        int fwdOut;
        int backIn;
        Process child = null;
        Path dir = null;
        if (args[0].equals("2thread")) {
            int[] fwd = pipe(arena);
            int[] back = pipe(arena);
            long rbuf = arena.allocate(size).address();
            long total = (long) WARM_BLOCKS * WARM_ROUNDS + rounds;
            Thread responder = Thread.ofPlatform().start(() -> respond(fwd[0], back[1], rbuf, size, total));
            fwdOut = fwd[1];
            backIn = back[0];
            warmAndTime(fwdOut, backIn, buf, size, rtt);
            responder.join();
        } else {
            dir = Files.createTempDirectory("pingpong");
            Path fwd = dir.resolve("fwd");
            Path back = dir.resolve("back");
            for (Path p : new Path[] {fwd, back}) {
                if (new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() != 0) {
                    throw new IllegalStateException("mkfifo " + p);
                }
            }
            String java = ProcessHandle.current().info().command().orElseThrow();
            child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "PingPong", "respond", fwd.toString(), back.toString(),
                    String.valueOf(size), String.valueOf((long) WARM_BLOCKS * WARM_ROUNDS + rounds)).inheritIO().start();
            fwdOut = open(arena, fwd, O_WRONLY);
            backIn = open(arena, back, O_RDONLY);
            warmAndTime(fwdOut, backIn, buf, size, rtt);
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the responder failed");
            }
            Files.delete(fwd);
            Files.delete(back);
            Files.delete(dir);
        }
        long sum = 0;
        for (long v : rtt) {
            sum += v;
        }
        Arrays.sort(rtt);
        System.out.printf("rtt_ns %d %d %d %d %d %d %.1f%n", rtt[0], at(rtt, 0.50), at(rtt, 0.90), at(rtt, 0.99),
                at(rtt, 0.999), rtt[rounds - 1], sum / (double) rounds);
    }

    private static void warmAndTime(int out, int in, long buf, long size, long[] rtt) throws Throwable {
        long[] warm = new long[WARM_ROUNDS];
        for (int i = 0; i < WARM_BLOCKS; i++) {
            initiate(out, in, buf, size, warm);
        }
        initiate(out, in, buf, size, rtt);
    }

    /** The timed loop: a clock read, one write, one read (whole messages, as pipes give them), a clock read. */
    private static void initiate(int out, int in, long buf, long size, long[] rtt) throws Throwable {
        for (int i = 0; i < rtt.length; i++) {
            long t0 = System.nanoTime();
            long w = (long) WRITE.invokeExact(out, buf, size);
            long r = (long) READ.invokeExact(in, buf, size);
            long t1 = System.nanoTime();
            if (w != size || r != size) {
                throw new IllegalStateException("short call: wrote " + w + ", read " + r);
            }
            rtt[i] = t1 - t0;
        }
    }

    private static void respond(int in, int out, long buf, long size, long rounds) {
        try {
            for (long i = 0; i < rounds; i++) {
                long r = (long) READ.invokeExact(in, buf, size);
                long w = (long) WRITE.invokeExact(out, buf, size);
                if (w != size || r != size) {
                    throw new IllegalStateException("short call: read " + r + ", wrote " + w);
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void respondOverFifos(String[] args) throws Throwable {
        Arena arena = Arena.global();
        long size = Long.parseLong(args[3]);
        // The opposite order of the initiator's opens would deadlock: both open fwd first.
        int in = open(arena, Path.of(args[1]), O_RDONLY);
        int out = open(arena, Path.of(args[2]), O_WRONLY);
        respond(in, out, arena.allocate(size).address(), size, Long.parseLong(args[4]));
    }

    private static long at(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static int[] pipe(Arena arena) throws Throwable {
        MethodHandle pipe = LINKER.downcallHandle(LIBC.findOrThrow("pipe"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        if ((int) pipe.invokeExact(fds) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }

    private static int open(Arena arena, Path p, int flags) throws Throwable {
        int fd = (int) OPEN.invokeExact(arena.allocateFrom(p.toString()), flags);
        if (fd < 0) {
            throw new IllegalStateException("open " + p + " failed");
        }
        return fd;
    }
}
