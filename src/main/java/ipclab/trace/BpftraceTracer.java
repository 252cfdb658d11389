package ipclab.trace;

import ipclab.run.Participants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * bpftrace with one of ipclab's scripts: {@code counts.bt} (the loop's read, write and poll
 * through their own tracepoints: the cheapest); {@code sched.bt} (adds the scheduler and page
 * faults); {@code latency.bt} (adds a latency histogram per call to that); {@code syscalls.bt} (every system call, through the raw_syscalls tracepoints: costly);
 * {@code idle.bt} (a control that probes nothing): everything is aggregated in the kernel and printed once,
 * as JSON, when bpftrace is stopped. The script is copied from the jar to a temporary file and
 * given the benchmark's ids as numbers; attachment is its BEGIN block's marker line.
 */
public final class BpftraceTracer extends Tracer {
    static final String ATTACHED_MARKER = "ipclab-attached";

    /** ipclab's bpftrace scripts, by tracer name. */
    public enum Script {
        COUNTS("bpftrace", "counts.bt"),
        SCHED("bpftrace-sched", "sched.bt"),
        LATENCY("bpftrace-latency", "latency.bt"),
        SYSCALLS("bpftrace-syscalls", "syscalls.bt"),
        IDLE("bpftrace-idle", "idle.bt");

        final String tracerName;
        final String resource;

        Script(String tracerName, String resource) {
            this.tracerName = tracerName;
            this.resource = resource;
        }
    }

    private final Script script;
    private final Path bpftrace;
    private Path scriptFile;

    public BpftraceTracer(Script script, Duration attachTimeout) throws TracerException {
        super(attachTimeout);
        this.script = script;
        this.bpftrace = Tools.require("bpftrace", "bpftrace");
        Tools.requireRoot("bpftrace");
        Tools.requireTracefs();
    }

    @Override
    public String name() {
        return script.tracerName;
    }

    /** The script's text, as shipped in the jar. */
    public static String script(Script script) {
        try (InputStream in = BpftraceTracer.class.getResourceAsStream(script.resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected List<String> command(Participants p) throws TracerException {
        try {
            scriptFile = Files.createTempFile("ipclab-", ".bt");
            Files.writeString(scriptFile, script(script));
        } catch (IOException e) {
            throw new TracerException(TracerException.Kind.FAILED, "cannot write the bpftrace script: " + e.getMessage());
        }
        return List.of(bpftrace.toString(), "-f", "json", scriptFile.toString(), Integer.toString(p.pid()),
                Integer.toString(p.receiverTid()), Integer.toString(p.senderTid()),
                Integer.toString(Math.max(p.childPid(), 0)));
    }

    /**
     * counts.bt keys sizes by exact value; bpftrace's default of 4096 keys a map would drop
     * updates silently if a run ever had more distinct sizes.
     */
    @Override
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of("BPFTRACE_MAP_KEYS_MAX", "65536");
    }

    @Override
    protected boolean isAttachedLine(String line) {
        return line.startsWith("{\"type\": \"printf\"") && line.contains(ATTACHED_MARKER);
    }

    @Override
    protected TraceData parse(List<String> stdout, List<String> stderr, Participants p) {
        return toTraceData(name(), scope(), BpftraceOutput.parse(stdout), p);
    }

    private String scope() {
        return (script == Script.SYSCALLS ? "every system call" : "the read, write and poll calls")
                + " of the benchmark threads between their region markers" + (script == Script.COUNTS ? ""
                : "; scheduling and user page faults from the sender's first write to the receiver's last byte");
    }

    static TraceData toTraceData(String name, BpftraceOutput o, Participants p) {
        return toTraceData(name, "", o, p);
    }

    static TraceData toTraceData(String name, String scope, BpftraceOutput o, Participants p) {
        Set<Integer> tids = new LinkedHashSet<>(List.of(p.receiverTid(), p.senderTid()));
        List<ThreadSched> threads = new ArrayList<>();
        boolean sched = o.map("@switches").size() + o.map("@wakeups").size() + o.hist("@offcpu").size() > 0
                || !scope.isEmpty() && scope.contains("scheduling");
        for (int tid : sched ? tids : Set.<Integer>of()) {
            threads.add(new ThreadSched(tid, role(p, tid), o.threadCount("@switches", tid),
                    o.threadCount("@preempted", tid), o.threadCount("@wakeups", tid),
                    o.hist("@offcpu").getOrDefault(Integer.toString(tid), Log2Histogram.EMPTY),
                    o.threadCount("@faults", tid)));
        }
        return new TraceData(name, scope, 0, o.syscalls(), threads, java.util.Map.of(), "");
    }

    @Override
    protected void cleanUp() {
        if (scriptFile != null) {
            try {
                Files.deleteIfExists(scriptFile);
            } catch (IOException e) {
                // a temporary file left behind does no harm
            }
        }
    }
}
