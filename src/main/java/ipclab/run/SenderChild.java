package ipclab.run;

import ipclab.model.BenchConfig;
import ipclab.model.ConfigText;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import ipclab.sys.CpuSet;
import ipclab.sys.Fd;
import ipclab.sys.Processes;
import ipclab.sys.Sockets;
import ipclab.sys.Spawn;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent's handle on the 2proc sender: a child JVM started once with posix_spawn and kept for
 * every run of an invocation, so that 2proc pays a JVM start once, not per run. Each run hands it
 * that run's writer descriptor over SCM_RIGHTS: two processes, one kernel object made per run.
 *
 * <p>The child's stdin is its end of the control socket; it holds nothing else of ours but the
 * writer of the current run. Closing this handle ends the child and reaps it.
 */
public final class SenderChild implements AutoCloseable {
    /** JVM options for the child in addition to ipclab's own, space-separated (set by bin/ipclab). */
    public static final String JVM_OPTIONS_PROPERTY = "ipclab.child.jvmOptions";
    /**
     * The AOT cache the child starts with, if the launcher made one: the child's class path is
     * the parent's jar, so a cache of the parent's serves it too (a 2proc run or sweep waits for
     * the child's start before the first trial).
     */
    public static final String AOT_CACHE_PROPERTY = "ipclab.child.aotCache";

    /**
     * Set (true) for a child started with {@code -jar}, whose one argument names the main class
     * it runs instead of the launcher's (see {@link #command}).
     */
    public static final String CHILD_PROPERTY = "ipclab.child";

    private static final String LAUNCHER_MAIN = "ipclab.Main";
    /** What a TRIAL message adds to the configuration text. */
    public static final String WARM = "warm";
    public static final String USAGE = "usage";
    public static final String CALL_EVENTS = "call_events";
    public static final String RECORDING = "recording";

    private final int pid;
    private final ControlChannel control;
    private boolean reaped;
    private long replyTimeoutMillis;
    private String exitDescription;
    private List<Integer> senderCpus = List.of();

    /**
     * How long a reply (READY, DONE) may take before the child is taken for stopped, killed and
     * the run failed; 0 waits for ever (a single run, whose transfer may take any time).
     */
    public void answerWithin(long millis) {
        replyTimeoutMillis = millis;
    }

    private SenderChild(int pid, ControlChannel control) {
        this.pid = pid;
        this.control = control;
    }

    /**
     * Starts the child JVM running {@code mainClass} (the child's main lives above this package,
     * where every workload is known: {@code SenderProcess.spawn()}).
     */
    public static SenderChild spawn(String mainClass) throws SysException {
        Fd parentEnd;
        Fd childEnd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_SEQPACKET | Sockets.SOCK_CLOEXEC, 0, fds);
            parentEnd = new Fd(fds.getAtIndex(JAVA_INT, 0));
            childEnd = new Fd(fds.getAtIndex(JAVA_INT, 1));
        }
        try (childEnd) {
            int pid = Spawn.spawn(command(mainClass), childEnd.value());
            return new SenderChild(pid, new ControlChannel(parentEnd));
        } catch (SysException e) {
            parentEnd.close();
            throw e;
        }
    }

    /** The child's command line, from this JVM's class path and the launcher's properties. */
    public static List<String> command(String mainClass) {
        return command(mainClass, System.getProperty("java.home"), System.getProperty("java.class.path"),
                System.getProperty(AOT_CACHE_PROPERTY, ""), System.getProperty(JVM_OPTIONS_PROPERTY, ""));
    }

    /**
     * The child's command line. Started from the jar (every bin/ipclab run), the child starts
     * with {@code -jar} as its parent did, its main class the one argument and
     * {@value #CHILD_PROPERTY} set (see {@code ipclab.Main}): the JVM maps an AOT cache only for
     * the class path and module options it was made with, and {@code -cp} with
     * {@code --add-exports} on the command line (where the jar's manifest has Add-Exports) made
     * it refuse the cache, and with it the JDK's own CDS archive, so that every 2proc child
     * loaded all its classes from their class files. From classes (tests), {@code -cp}.
     */
    static List<String> command(String mainClass, String javaHome, String classPath, String aotCache,
            String extraOptions) {
        List<String> argv = new ArrayList<>();
        argv.add(javaHome + "/bin/java");
        argv.add("-XX:+UseSerialGC");
        argv.add("-XX:-UsePerfData");
        argv.add("--enable-native-access=ALL-UNNAMED");
        boolean fromJar = classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator);
        if (!fromJar) {
            // A -jar launch has these from the jar's manifest.
            argv.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"); // Agrona's Unsafe (-i shm)
            argv.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"); // a channel's descriptor (-i nio-*)
        }
        if (fromJar && !aotCache.isEmpty() && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(aotCache))) {
            // A cache the JVM finds unusable is ignored; these keep it from saying so.
            argv.addAll(List.of("-Xlog:aot=off", "-Xlog:cds=off", "-XX:AOTCache=" + aotCache));
        }
        if (!extraOptions.isBlank()) {
            argv.addAll(List.of(extraOptions.strip().split("\\s+")));
        }
        boolean ownMain = !mainClass.equals(LAUNCHER_MAIN);
        if (fromJar) {
            if (ownMain) {
                argv.add("-D" + CHILD_PROPERTY + "=true");
            }
            argv.addAll(List.of("-jar", classPath));
            if (ownMain) {
                argv.add(mainClass);
            }
        } else {
            argv.addAll(List.of("-cp", classPath, mainClass));
        }
        return argv;
    }

    public int pid() {
        return pid;
    }

    /**
     * Hands the child this run's writer and waits until its sender thread is placed (--cpus), has
     * its own descriptor table (unless --shared-fd-table) and is primed (and, the first time
     * unless bare, warm). The caller closes its own copy of the writer afterwards, so that the
     * child's death shows as end of file to the receiver.
     *
     * @return the kernel id of the child's sending thread
     */
    public int offer(Fd writer, BenchConfig config, boolean warm, RunProbes probes)
            throws TransferException, SysException {
        return offer(new Fd[] {writer}, config, warm, probes);
    }

    /**
     * As {@link #offer(Fd, BenchConfig, boolean, RunProbes)}, handing the child several ends (the
     * latency responder's two one-way ends), in this order.
     */
    public int offer(Fd[] ends, BenchConfig config, boolean warm, RunProbes probes)
            throws TransferException, SysException {
        String recording = probes.callEvents() && probes.childRecording() != null ? probes.childRecording() : "";
        String text = ConfigText.format(config, java.util.Map.of(WARM, String.valueOf(warm),
                USAGE, String.valueOf(probes.usage()), CALL_EVENTS, String.valueOf(probes.callEvents()),
                RECORDING, recording));
        int[] fds = new int[ends.length];
        for (int i = 0; i < ends.length; i++) {
            fds[i] = ends[i].value();
        }
        send(ControlChannel.TRIAL, new long[0], text, fds, "before it was ready");
        expect(ControlChannel.READY, "before it was ready");
        if (control.status() != 0 && control.c() > 0) {
            throw new SysException("sender process: " + control.text(), (int) control.c());
        }
        if (control.status() != 0) {
            throw new TransferException("sender process: " + control.text());
        }
        senderCpus = CpuSet.fromMask(control.c());
        return (int) control.b();
    }

    /**
     * Asks the child to warm {@code config}'s workload now (WARM), so that its warm-up runs while
     * the parent warms its own loops; {@link #awaitWarmed} waits for it. A later TRIAL of the same
     * workload need not ask for a warm-up again.
     */
    public void startWarming(BenchConfig config, RunProbes probes) throws TransferException {
        String recording = probes.callEvents() && probes.childRecording() != null ? probes.childRecording() : "";
        String text = ConfigText.format(config, java.util.Map.of(USAGE, String.valueOf(probes.usage()),
                CALL_EVENTS, String.valueOf(probes.callEvents()), RECORDING, recording));
        send(ControlChannel.WARM, new long[0], text, new int[0], "before it warmed up");
    }

    public void awaitWarmed() throws TransferException {
        expect(ControlChannel.WARMED, "before it warmed up");
        if (control.status() != 0) {
            throw new TransferException("sender process: warm-up failed: " + control.text());
        }
    }

    /** The CPUs the child's sender thread may run on, as it read them back for the last run. */
    public List<Integer> senderCpus() {
        return senderCpus;
    }

    public void go() throws TransferException {
        send(ControlChannel.GO, new long[0], "", new int[0], "before it started");
    }

    /** Tells the child, ready since {@link #offer}, that this run will not happen. */
    public void cancel() throws TransferException {
        send(ControlChannel.CANCEL, new long[0], "", new int[0], "before it was cancelled");
    }

    /** A control message; a child that has gone (EPIPE, ECONNRESET) fails the run, as in the transfer. */
    private void send(int type, long[] words, String text, int[] fds, String when) throws TransferException {
        try {
            control.send(type, 0, words, text, fds);
        } catch (SysException e) {
            throw new TransferException("sender process " + pid + " " + waitForExit() + " " + when + " ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * What the child reported of a run: its {@link ChildHalf#report} words, and its thread's usage
     * when asked for (else null).
     */
    public record Done(long[] words, ResourceUsage usage) {}

    /** Waits for the child's report of the run. */
    public Done awaitDone(String usageScope) throws TransferException {
        expect(ControlChannel.DONE, "before it reported");
        if (control.status() != 0) {
            throw new TransferException("sender process: " + control.text());
        }
        long[] w = control.words();
        ResourceUsage usage = usageScope == null ? null : ThreadUsage.fromWords(usageScope, w, 0);
        return new Done(java.util.Arrays.copyOfRange(w, ThreadUsage.WORDS, ControlChannel.WORDS), usage);
    }

    private void expect(int type, String when) throws TransferException {
        boolean received;
        try {
            if (replyTimeoutMillis > 0 && !control.awaitMessage(replyTimeoutMillis)) {
                // Stopped (SIGSTOP), or stuck: a sweep must not wait for it for ever.
                Processes.kill(pid, Processes.SIGKILL);
                throw new TransferException("sender process " + pid + " stopped answering: nothing "
                        + when.replace("before ", "until ") + " within " + replyTimeoutMillis / 1000.0
                        + " s, so it was killed (" + waitForExit() + ")");
            }
            received = control.receive();
        } catch (SysException e) {
            received = false; // ECONNRESET: the child died with our message unread
        }
        if (!received) {
            throw new TransferException("sender process " + pid + " " + waitForExit() + " " + when);
        }
        if (control.type() != type) {
            throw new TransferException("sender process " + pid + " sent message " + control.type()
                    + " where " + type + " was expected");
        }
    }

    /** Reaps the child (it has closed its control socket, so it is exiting) and says how it ended. */
    private String waitForExit() {
        if (reaped) {
            return exitDescription;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            long deadline = System.nanoTime() + 1_000_000_000L;
            int r;
            while ((r = Processes.waitpid(pid, status, Processes.WNOHANG)) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(5);
            }
            if (r == 0) {
                Processes.kill(pid, Processes.SIGKILL);
                r = Processes.waitpid(pid, status, 0);
                exitDescription = "stopped answering and was killed";
            } else {
                exitDescription = r < 0 ? "has gone (waitpid: errno " + -r + ")" : describe(status.get(JAVA_INT, 0));
            }
            reaped = true;
            return exitDescription;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was abandoned (interrupted)";
        }
    }

    /** A wait(2) status in words. */
    public static String describe(int status) {
        int signal = status & 0x7f;
        if (signal == 0) {
            return "exited with status " + ((status >> 8) & 0xff);
        }
        return "was killed by signal " + signal + (signal == Processes.SIGKILL ? " (SIGKILL)" : "");
    }

    /** Ends the child: closing the control socket tells it to exit; it is then reaped. */
    @Override
    public void close() {
        control.close();
        waitForExit();
    }
}
