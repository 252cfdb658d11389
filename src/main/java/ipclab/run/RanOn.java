package ipclab.run;

import java.util.Map;

/**
 * Where one end of a run ran: the CPU it was on at the start and at the end of its timed region
 * (sched_getcpu, read just outside the clock readings) and how many times the scheduler moved it
 * between CPUs around its loop ({@code se.nr_migrations} of its sched file). A sample stores them
 * as {@code <end>_cpu_start}, {@code <end>_cpu_end} and {@code <end>_migrations}, the end named as
 * the workload names it ({@link Workload#ends}), so that a configuration whose trials are bimodal
 * can be split by where each trial ran. -1 is unknown.
 */
public record RanOn(int cpuAtStart, int cpuAtEnd, long migrations) {
    public static final RanOn UNKNOWN = new RanOn(-1, -1, -1);

    /** The sample fields of an end called {@code end}, in the order {@link #put} fills them. */
    public static java.util.List<String> fields(String end) {
        return java.util.List.of(end + "_cpu_start", end + "_cpu_end", end + "_migrations");
    }

    /** This end's three fields into {@code measured}, each null where unknown. */
    public void put(Map<String, Object> measured, String end) {
        java.util.List<String> f = fields(end);
        measured.put(f.get(0), cpuAtStart < 0 ? null : cpuAtStart);
        measured.put(f.get(1), cpuAtEnd < 0 ? null : cpuAtEnd);
        measured.put(f.get(2), migrations < 0 ? null : migrations);
    }

    /** The end called {@code end} as a sample's fields hold it (a value that is not a number is unknown). */
    public static RanOn of(Map<String, ?> measured, String end) {
        java.util.List<String> f = fields(end);
        return new RanOn((int) number(measured.get(f.get(0))), (int) number(measured.get(f.get(1))),
                number(measured.get(f.get(2))));
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : -1;
    }

    /**
     * One word for the 2proc child's report: CPU at start and at end (16 bits each, all ones for
     * unknown), migrations (32 bits, all ones for unknown).
     */
    public long packed() {
        return ((long) (cpuAtStart & 0xffff) << 48) | ((long) (cpuAtEnd & 0xffff) << 32)
                | (migrations < 0 ? 0xffffffffL : Math.min(migrations, 0xfffffffeL));
    }

    /** The end that {@link #packed} gave {@code word}. */
    public static RanOn unpacked(long word) {
        int start = (int) ((word >>> 48) & 0xffff);
        int end = (int) ((word >>> 32) & 0xffff);
        long moves = word & 0xffffffffL;
        return new RanOn(start == 0xffff ? -1 : start, end == 0xffff ? -1 : end, moves == 0xffffffffL ? -1 : moves);
    }

    /**
     * Records where the calling thread runs around a body: its migrations read before and after
     * (a file read, outside the timed region), its CPU just before the body starts and just after
     * it ends. sched_getcpu is linked before timing ({@code Sched.linkGetCpu}); glibc reads it
     * without a system call.
     */
    public static final class Probe {
        private volatile RanOn ranOn = UNKNOWN;

        /** {@code body}, with this probe around it, in the thread that runs it. */
        public Worker.Body around(Worker.Body body) {
            return () -> run(body);
        }

        /** Runs {@code body} here with this probe around it. */
        public void run(Worker.Body body) throws Exception {
            long before = ipclab.probe.ProcSched.migrationsOfThisThread();
            int start = ipclab.sys.Sched.getcpu();
            body.run();
            int end = ipclab.sys.Sched.getcpu();
            long after = ipclab.probe.ProcSched.migrationsOfThisThread();
            ranOn = new RanOn(start, end, before < 0 || after < 0 ? -1 : after - before);
        }

        /** Where the last body ran; unknown if none ran to its end. */
        public RanOn ranOn() {
            return ranOn;
        }
    }
}
