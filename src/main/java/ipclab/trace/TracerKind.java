package ipclab.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The tracers ipclab knows, by the names the command line takes. */
public enum TracerKind {
    /** bpftrace: the loop's calls (counts, sizes, errors), aggregated in the kernel. The cheapest. */
    BPFTRACE("bpftrace"),
    /** bpftrace as above plus the scheduler (switches, wake-ups, time off CPU) and page faults. */
    BPFTRACE_SCHED("bpftrace-sched"),
    /** bpftrace-sched plus a latency histogram per call. */
    BPFTRACE_LATENCY("bpftrace-latency"),
    /** bpftrace on every system call (raw_syscalls tracepoints), with latency: sees the JVM's calls too. */
    BPFTRACE_SYSCALLS("bpftrace-syscalls"),
    /** Control: bpftrace started and attached with no probe on the run (the cost of a tracer's start-up). */
    BPFTRACE_IDLE("bpftrace-idle"),
    /** strace attached to the benchmark threads: every call with its time. */
    STRACE("strace"),
    /** perf stat: system call tracepoints and software events, counted per benchmark thread. */
    PERF("perf");

    private final String label;

    TracerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<TracerKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.label.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(TracerKind::label).collect(Collectors.joining(", "));
    }

    /**
     * Whether it can count {@code loopCalls}, the calls a mechanism's loops make
     * ({@code Mechanism.loopCalls}): ipclab's per-call bpftrace scripts and perf probe read, write
     * and poll only; strace and the raw_syscalls script see every call.
     */
    public boolean counts(java.util.List<String> loopCalls) {
        return switch (this) {
            case BPFTRACE, BPFTRACE_SCHED, BPFTRACE_LATENCY, PERF ->
                java.util.Set.of("read", "write", "poll").containsAll(loopCalls);
            case BPFTRACE_SYSCALLS, BPFTRACE_IDLE, STRACE -> true;
        };
    }

    /** A new tracer of this kind for runs of that buffer size; fails at once when its tool is missing or not permitted. */
    public Tracer create(Duration attachTimeout, int bufferSizeBytes) throws TracerException {
        return switch (this) {
            case BPFTRACE -> new BpftraceTracer(BpftraceTracer.Script.COUNTS, attachTimeout);
            case BPFTRACE_SCHED -> new BpftraceTracer(BpftraceTracer.Script.SCHED, attachTimeout);
            case BPFTRACE_LATENCY -> new BpftraceTracer(BpftraceTracer.Script.LATENCY, attachTimeout);
            case BPFTRACE_SYSCALLS -> new BpftraceTracer(BpftraceTracer.Script.SYSCALLS, attachTimeout);
            case BPFTRACE_IDLE -> new BpftraceTracer(BpftraceTracer.Script.IDLE, attachTimeout);
            case STRACE -> new StraceTracer(attachTimeout);
            case PERF -> new PerfTracer(attachTimeout).bufferSize(bufferSizeBytes);
        };
    }

    /** The user's own bpftrace script. */
    public static Tracer userScript(Path script, Duration attachTimeout) throws TracerException {
        return new ScriptTracer(script, attachTimeout);
    }

    @Override
    public String toString() {
        return label;
    }
}
