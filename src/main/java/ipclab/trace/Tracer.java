package ipclab.trace;

import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.trace.TracerException.Kind;
import java.time.Duration;
import java.util.List;

/**
 * One tracer for one run. As the run's {@link RunListener} it starts its tool when every
 * participant is ready, returns only once the tool is seen attached (or fails: it never lets the
 * timed region start unobserved), and stops the tool when the run is over. {@link #result} then
 * gives what the tool saw; a tool that died or misbehaved makes {@link #result} throw.
 *
 * <p>Subclasses check their tool in their constructor and say what is missing.
 */
public abstract class Tracer implements RunListener, AutoCloseable {
    /** How long a tool may take to attach by default: bpftrace compiles its script first. */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Duration attachTimeout;
    private TracerProcess process;
    private Participants participants;
    private long attachNanos;
    private TraceData result;
    private TracerException failure;

    protected Tracer(Duration attachTimeout) {
        this.attachTimeout = attachTimeout;
    }

    /** The tracer's name in results: bpftrace, strace, perf... */
    public abstract String name();

    /** The tool's name in messages (bpftrace for a script tracer). */
    protected String toolName() {
        return name();
    }

    /** A failure to attach, reworded for the user (a script tracer names the user's file). */
    protected TracerException explain(TracerException e) {
        return e;
    }

    /** The command that traces {@code p}; arguments only, never a shell line. */
    protected abstract List<String> command(Participants p) throws TracerException;

    /** Variables added to the tool's environment. */
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    /** A line (stdout or stderr) that says the tool is attached. */
    protected abstract boolean isAttachedLine(String line);

    /** How many such lines mean fully attached. */
    protected int attachedLines(Participants p) {
        return 1;
    }

    /** What kind of failure an exit before attaching is (SCRIPT for a user's script). */
    protected Kind earlyExitKind() {
        return Kind.FAILED;
    }

    /** True for a tool that ends by itself, successfully, when the threads it watches exit (2thread's do). */
    protected boolean endsWithTargets() {
        return false;
    }

    /** Called every 20 ms while waiting for the tool to attach (a script tracer provokes its marker). */
    protected void poke() {}

    /** The attach timeout this tracer was made with. */
    protected Duration attachTimeout() {
        return attachTimeout;
    }

    /** Called once attached, before the timed region (perf enables its counters here). */
    protected void attached(TracerProcess p) throws TracerException {}

    /** Called before the tool is asked to stop. */
    protected void stopping(TracerProcess p) throws TracerException {}

    /** Turns what the tool printed into data. */
    protected abstract TraceData parse(List<String> stdout, List<String> stderr, Participants p)
            throws TracerException;

    /**
     * With IPCLAB_TRACE_RAW set to a directory, a tool's raw output is copied there as
     * {@code <tracer>.<what>} (how the parsers' test files were captured).
     */
    protected final void keepRaw(String what, List<String> lines) {
        String dir = System.getenv("IPCLAB_TRACE_RAW");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(dir, name() + "." + what), lines);
        } catch (java.io.IOException e) {
            // a debugging aid; the run goes on without it
        }
    }

    /** Removes files the tracer made. */
    protected void cleanUp() {}

    /** Deletes a tracer's temporary folder and the files in it; one left behind does no harm. */
    protected static void deleteTemporary(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.deleteIfExists(f);
            }
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            // a temporary file left behind does no harm
        }
    }

    @Override
    public final void ready(Participants p) throws TracerException {
        participants = p;
        result = null;
        failure = null;
        long t0 = System.nanoTime();
        try {
            process = TracerProcess.start(toolName(), command(p), environment(), this::isAttachedLine,
                    attachedLines(p));
            process.awaitAttached(attachTimeout, earlyExitKind(), this::poke);
            attached(process);
        } catch (TracerException e) {
            close();
            throw explain(e);
        }
        attachNanos = System.nanoTime() - t0;
    }

    @Override
    public final void finished() {
        if (process == null) {
            return;
        }
        try {
            stopping(process);
            List<String> out = process.stop(STOP_TIMEOUT, endsWithTargets());
            keepRaw("stdout", out);
            result = parse(out, process.stderr(), participants).withAttachNanos(attachNanos);
        } catch (TracerException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new TracerException(Kind.FAILED, name() + "'s output could not be read: " + e);
        } finally {
            close();
        }
    }

    /** The tracer's pid while it runs (tests kill it to see what happens), or -1. */
    public long toolPid() {
        return process == null ? -1 : process.pid();
    }

    /** What the tool saw of the run just finished. */
    public TraceData result() throws TracerException {
        if (failure != null) {
            throw failure;
        }
        if (result == null) {
            throw new TracerException(Kind.FAILED, name() + " reported nothing: the run ended before it was stopped");
        }
        return result;
    }

    /** Kills the tool if it still runs; safe to call more than once. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        cleanUp();
    }

    /** The benchmark threads' roles by tid, for per-thread data. */
    protected static String role(Participants p, int tid) {
        return p.role(tid);
    }
}
