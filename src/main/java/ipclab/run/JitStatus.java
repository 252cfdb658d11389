package ipclab.run;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Asks HotSpot which methods have C2 (tier 4) code in use, through the DiagnosticCommand MBean's
 * {@code Compiler.codelist} (the same as {@code jcmd PID Compiler.codelist}). Warm-up uses it to
 * stop when the timed loops are compiled, rather than after a count that a busy compile queue
 * may make too small: with 20,000 calls on this 2-core machine the loops were still at tier 3
 * (C1 with full profiling) and C2 compiled them in the middle of the timed region.
 */
public final class JitStatus {
    private static final int C2_LEVEL = 4;
    private static final int IN_USE = 0;

    private JitStatus() {}

    /**
     * True when each of {@code methods} (as {@code ipclab.workload.stream.Sender.run}) has tier-4 code in
     * use; false when one has not, or when the JVM cannot say (then warm-up runs its maximum).
     */
    public static boolean compiledByC2(List<String> methods) {
        keepLoopsOutOfWarmups();
        String codelist = codelist();
        return methods.stream().allMatch(m -> codelist.lines().anyMatch(line -> isC2InUse(line, m)));
    }

    /** Compiler.codelist, a line per piece of compiled code ({@link #isC2InUse} reads one); empty when the JVM cannot say. */
    public static String codelist() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Starts the platform MBean server in a daemon thread, so that the first
     * {@link #compiledByC2} does not pay its start (about 200 ms here) after the warm-up's first
     * round: a warm-up calls this before it starts. The same thread then adds the directive
     * that keeps the loops out of the warm-ups' own compiled code.
     */
    public static void startAsking() {
        Thread.ofPlatform().daemon(true).name("ipclab-jit-status").start(JitStatus::keepLoopsOutOfWarmups);
    }

    /**
     * A compiler directive (JEP 165), added once per JVM through the same MBean: the warm-ups' own
     * code never inlines the loops it warms. Otherwise C2, compiling a warm-up's driver (a loop of
     * 5,000 calls a round), may inline the loop method into it, and the loop's own invocations
     * stop counting: its standalone code, the code a timed run enters through its one call,
     * stays at C1. That happened in AllocationIT's JVM (the JFR-event sender at tier 3 after three
     * warm-ups, the compile queue empty), where earlier tests had compiled the drivers, as a
     * sweep's earlier configurations do.
     */
    private static final String KEEP_LOOPS_OUT_OF_WARMUPS = "[{match: [\"ipclab/workload/stream/Warmup.*\","
            + " \"ipclab/workload/latency/LatencyWarmup.*\"], inline: [\"-ipclab/workload/stream/*.run\","
            + " \"-ipclab/workload/latency/*.run\"]}]";
    /** Whether the JVM took the directive; null until it has been asked, which happens once. */
    private static Boolean directiveAdded;

    /**
     * Adds {@link #KEEP_LOOPS_OUT_OF_WARMUPS}, asking the JVM once (a refusal is not asked again
     * each round); true when it took it. Without it, warm-up works as before.
     */
    public static synchronized boolean keepLoopsOutOfWarmups() {
        if (directiveAdded != null) {
            return directiveAdded;
        }
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("ipclab-directive", ".json");
            try {
                java.nio.file.Files.writeString(file, KEEP_LOOPS_OUT_OF_WARMUPS);
                Object said = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                directiveAdded = String.valueOf(said).contains("1 compiler directives added");
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (JMException | java.io.IOException | RuntimeException e) {
            directiveAdded = false;
        }
        return directiveAdded;
    }

    private static final long QUIET_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 2000;

    /**
     * Waits until the JIT's total compilation time has not moved for 100 ms (at most 2 s), so that
     * no compilation runs beside a timed region; returns how long it waited, in ms.
     */
    public static long awaitQuiet() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
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

    /** A codelist line is {@code id level state method(signature) [addresses]}. */
    public static boolean isC2InUse(String line, String method) {
        String[] f = line.split(" ", 4);
        return f.length == 4 && f[3].startsWith(method + "(")
                && f[1].equals(String.valueOf(C2_LEVEL)) && f[2].equals(String.valueOf(IN_USE));
    }
}
