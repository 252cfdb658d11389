package ipclab.experiment.lab;

/**
 * What one traced run of the lab counted: a line of {@code traced.csv}. Counts a tracer cannot see
 * are null (bpftrace-sched sees them all; perf no wake-ups).
 *
 * @param tracer the tracer that counted
 * @param reads read(2) calls the tracer saw in the timed region
 * @param writes write(2) calls
 * @param polls poll(2) calls (1thread)
 * @param contextSwitches times the benchmark threads left the CPU, summed over them
 * @param wakeups times they were woken
 * @param pageFaults user page faults they took
 */
public record TracedRow(String mode, String ipc, int bufferSizeBytes, boolean socketBuffers, String tracer,
        long totalBytes, long elapsedNanos, double kibPerSec, long reads, long writes, long polls,
        Long contextSwitches, Long wakeups, Long pageFaults) {

    public static final String HEADER = "mode,ipc,buffer_size_bytes,socket_buffers,tracer,total_bytes,elapsed_ns,"
            + "kib_per_sec,reads,writes,polls,context_switches,wakeups,page_faults";

    /** Which configuration it is, for resuming. */
    public String key() {
        return mode + " " + ipc + " " + bufferSizeBytes + " " + socketBuffers;
    }

    public static String key(LabPlan.TracedPoint p) {
        return p.mode().label() + " " + p.mechanism().name() + " " + p.bufferSizeBytes() + " " + p.socketBuffers();
    }

    /** read(2) and write(2) calls per MiB moved. */
    public double callsPerMib() {
        return (reads + writes) * (double) (1 << 20) / totalBytes;
    }

    /** Context switches per read or write call; NaN when not counted. */
    public double switchesPerCall() {
        return contextSwitches == null || reads + writes == 0 ? Double.NaN : contextSwitches / (double) (reads + writes);
    }

    /** Context switches per MiB moved; NaN when not counted. */
    public double switchesPerMib() {
        return contextSwitches == null ? Double.NaN : contextSwitches * (double) (1 << 20) / totalBytes;
    }

    /** Bytes a read returned on average. */
    public double bytesPerRead() {
        return reads == 0 ? Double.NaN : totalBytes / (double) reads;
    }

    public String csv() {
        return String.join(",", mode, ipc, String.valueOf(bufferSizeBytes), String.valueOf(socketBuffers), tracer,
                String.valueOf(totalBytes), String.valueOf(elapsedNanos), LabFiles.number(kibPerSec),
                String.valueOf(reads), String.valueOf(writes), String.valueOf(polls), text(contextSwitches),
                text(wakeups), text(pageFaults));
    }

    private static String text(Long v) {
        return v == null ? "" : v.toString();
    }

    static TracedRow parse(String[] f) {
        return new TracedRow(f[0], f[1], Integer.parseInt(f[2]), Boolean.parseBoolean(f[3]), f[4], Long.parseLong(f[5]),
                Long.parseLong(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                Long.parseLong(f[10]), nullable(f[11]), nullable(f[12]), nullable(f[13]));
    }

    private static Long nullable(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }
}
