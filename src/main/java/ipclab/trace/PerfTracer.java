package ipclab.trace;

import ipclab.run.Participants;
import ipclab.trace.TracerException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * perf stat counting, per benchmark thread, the read/write/poll tracepoints (exact, unlike
 * {@code perf trace -s}, which loses events), the reads failing with EAGAIN, the writes that
 * returned the whole buffer, and the software events (context switches, page faults, CPU
 * migrations, task clock). perf starts with its counters disabled ({@code -D -1}); ipclab
 * enables them through perf's control FIFO once the benchmark is ready and waits for perf's
 * "ack": that is the attachment. They are disabled again when the run is over.
 *
 * <p>perf cannot see the region markers, so it counts from ready to finished. In that interval
 * the benchmark threads make no read, write or poll outside their loops (they wait on latches,
 * sleep, the 2proc child talks over sendmsg/recvmsg, and the probe of where each thread ran
 * reads its sched file with pread64), so these counts are the loop's; the
 * software events include the edges (the sender's one-second sleep without -B). The FIFO is
 * driven from a thread of its own, so that in 1thread ipclab's own reads and writes to it are
 * not counted as the benchmark's: in 1thread the benchmark thread only hands the commands to
 * that thread and waits.
 */
public final class PerfTracer extends Tracer {
    static final String EVENTS_COUNTED = "syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_poll";
    static final String SOFTWARE = "context-switches,page-faults,cpu-migrations,task-clock";

    private final Path perf;
    private Path dir;
    private int bufferSizeBytes;
    private volatile FileChannel ctl;
    private volatile FileChannel ack;
    /** One thread, made before the counters are enabled, so that making it is not counted either. */
    private java.util.concurrent.ExecutorService control;

    public PerfTracer(Duration attachTimeout) throws TracerException {
        super(attachTimeout);
        this.perf = Tools.require("perf", "linux-perf");
        Tools.requireRoot("perf");
        Tools.requireRuns(List.of(perf.toString(), "--version"), "install the linux-perf package for this kernel");
        Tools.requireTracefs();
    }

    /** perf filters the writes returning this many bytes: the run's buffer size. */
    public PerfTracer bufferSize(int bytes) {
        this.bufferSizeBytes = bytes;
        return this;
    }

    @Override
    public String name() {
        return "perf";
    }

    @Override
    protected List<String> command(Participants p) throws TracerException {
        try {
            dir = Files.createTempDirectory("ipclab-perf-");
            for (String fifo : List.of("ctl", "ack")) {
                Process m = new ProcessBuilder("mkfifo", dir.resolve(fifo).toString()).start();
                if (!m.waitFor(10, TimeUnit.SECONDS) || m.exitValue() != 0) {
                    throw new IOException("mkfifo failed");
                }
            }
        } catch (IOException e) {
            throw new TracerException(Kind.FAILED, "cannot make perf's control FIFOs: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException(Kind.FAILED, "interrupted");
        }
        StringBuilder tidList = new StringBuilder();
        for (int tid : p.threadIds()) {
            tidList.append(tidList.isEmpty() ? "" : ",").append(tid);
        }
        List<String> cmd = new ArrayList<>(List.of(perf.toString(), "stat", "-x,", "--per-thread", "-t",
                tidList.toString(), "-D", "-1", "--control", "fifo:" + dir.resolve("ctl") + "," + dir.resolve("ack"),
                "-o", dir.resolve("out.csv").toString(),
                "-e", EVENTS_COUNTED,
                "-e", "syscalls:sys_exit_read", "--filter", "ret == -11"));
        if (bufferSizeBytes > 0) {
            cmd.addAll(List.of("-e", "syscalls:sys_exit_write", "--filter", "ret == " + bufferSizeBytes));
        }
        cmd.addAll(List.of("-e", SOFTWARE));
        return cmd;
    }

    @Override
    protected boolean isAttachedLine(String line) {
        return false;
    }

    @Override
    protected int attachedLines(Participants p) {
        return 0;
    }

    @Override
    protected void attached(TracerProcess p) throws TracerException {
        command(p, "enable");
    }

    @Override
    protected void stopping(TracerProcess p) throws TracerException {
        // In 2thread the workers have exited by now, and perf with them: nothing to disable.
        if (p.alive()) {
            command(p, "disable");
        }
    }

    /**
     * Sends a control command and waits for perf's ack. The FIFOs are opened read-write (so that
     * opening never blocks) once, and kept open while perf runs: perf opens its ack FIFO for
     * writing at start and must always find a reader there. The exchange runs on a thread of its
     * own (see the class comment); it gives up when perf dies or the attach timeout passes.
     */
    private void command(TracerProcess p, String command) throws TracerException {
        TracerException[] failure = new TracerException[1];
        boolean[] acked = new boolean[1];
        if (control == null) {
            control = java.util.concurrent.Executors.newSingleThreadExecutor(
                    r -> Thread.ofPlatform().daemon(true).name("ipclab-perf-control").unstarted(r));
        }
        java.util.concurrent.Future<?> t = control.submit(() -> {
            try {
                if (ctl == null) {
                    ctl = FileChannel.open(dir.resolve("ctl"), StandardOpenOption.READ, StandardOpenOption.WRITE);
                    ack = FileChannel.open(dir.resolve("ack"), StandardOpenOption.READ, StandardOpenOption.WRITE);
                }
                ctl.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer b = ByteBuffer.allocate(4);
                while (b.hasRemaining() && ack.read(b) >= 0) {
                    // "ack\n"
                }
                acked[0] = !b.hasRemaining();
            } catch (IOException e) {
                failure[0] = new TracerException(Kind.FAILED, "perf's control FIFO: " + e.getMessage());
            }
        });
        long deadline = System.nanoTime() + attachTimeout().toNanos();
        try {
            while (!t.isDone()) {
                try {
                    t.get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // checked below
                }
                if (!t.isDone() && !p.alive()) {
                    if (command.equals("disable")) {
                        return;
                    }
                    throw new TracerException(Kind.FAILED, "perf exited before it acknowledged '" + command + "'"
                            + stderrText(p));
                }
                if (!t.isDone() && System.nanoTime() > deadline) {
                    p.close();
                    throw new TracerException(Kind.FAILED, "perf did not acknowledge '" + command + "' within "
                            + attachTimeout().toSeconds() + " s; it was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException(Kind.FAILED, "interrupted while talking to perf");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!acked[0]) {
            throw new TracerException(Kind.FAILED, "perf closed its ack FIFO without acknowledging '" + command + "'");
        }
    }

    private static String stderrText(TracerProcess p) {
        List<String> e = p.stderr();
        return e.isEmpty() ? "" : ": " + String.join(" / ", e);
    }

    @Override
    protected boolean endsWithTargets() {
        return true;
    }

    @Override
    protected TraceData parse(List<String> stdout, List<String> stderr, Participants p) throws TracerException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("out.csv"));
            keepRaw("output", lines);
        } catch (IOException e) {
            throw new TracerException(Kind.FAILED, "cannot read perf's output: " + e.getMessage());
        }
        return toTraceData(PerfStatOutput.parse(lines), p, bufferSizeBytes);
    }

    static TraceData toTraceData(PerfStatOutput o, Participants p, int bufferSizeBytes) {
        Set<Integer> tids = p.threadIds();
        Map<String, SyscallStats> syscalls = new LinkedHashMap<>();
        long eagain = o.sum("syscalls:sys_exit_read", tids);
        for (String call : List.of("read", "write", "poll")) {
            long n = o.sum("syscalls:sys_enter_" + call, tids);
            if (n > 0) {
                syscalls.put(call, new SyscallStats(call, n, call.equals("read") && eagain > 0
                        ? Map.of("EAGAIN", eagain) : Map.of(), null, null, null, null));
            }
        }
        Map<String, Long> events = new LinkedHashMap<>();
        if (bufferSizeBytes > 0) {
            events.put("write returned " + bufferSizeBytes, o.sum("syscalls:sys_exit_write", tids));
        }
        for (String e : List.of("context-switches", "page-faults", "cpu-migrations", "task-clock-ns")) {
            events.put(e, o.sum(e, tids));
        }
        List<ThreadSched> threads = new ArrayList<>();
        for (int tid : tids) {
            Map<String, Long> t = o.forThread(tid);
            threads.add(new ThreadSched(tid, role(p, tid), t.get("context-switches"), null, null, null,
                    t.get("page-faults")));
        }
        return new TraceData("perf", "the benchmark threads from ready to finished: their read, write and poll "
                + "calls are the loop's; the software events include the edges", 0, syscalls, threads, events, "");
    }

    @Override
    protected void cleanUp() {
        for (FileChannel c : new FileChannel[] {ctl, ack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // closing a FIFO cannot lose data that matters
            }
        }
        ctl = null;
        ack = null;
        if (control != null) {
            control.shutdownNow();
            control = null;
        }
        deleteTemporary(dir);
    }
}
