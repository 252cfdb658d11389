package ipclab.trace;

import ipclab.sys.Processes;
import ipclab.trace.TracerException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A tracer's process: started from an argument list (never a shell), its stdout and stderr
 * collected by two threads, attachment seen as lines it prints, stopped with SIGINT (so that it
 * reports) and killed when it does not stop. Every live one is killed when the JVM exits, so no
 * tracer outlives ipclab.
 */
final class TracerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "ipclab-tracer-reaper"));
    }

    private final String name;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;
    private final Predicate<String> attachedLine;
    private final CountDownLatch attached;

    private TracerProcess(String name, Process process, Predicate<String> attachedLine, int attachedLines) {
        this.name = name;
        this.process = process;
        this.attachedLine = attachedLine;
        this.attached = new CountDownLatch(attachedLines);
        this.outReader = reader(process.getInputStream(), out, "stdout");
        this.errReader = reader(process.getErrorStream(), err, "stderr");
    }

    /**
     * Starts {@code command}; it counts as attached once {@code attachedLines} lines of its stdout
     * or stderr satisfy {@code attachedLine}.
     */
    static TracerProcess start(String name, List<String> command, Predicate<String> attachedLine, int attachedLines)
            throws TracerException {
        return start(name, command, java.util.Map.of(), attachedLine, attachedLines);
    }

    /** As above, with {@code environment} added to the tool's environment. */
    static TracerProcess start(String name, List<String> command, java.util.Map<String, String> environment,
            Predicate<String> attachedLine, int attachedLines) throws TracerException {
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            b.environment().putAll(environment);
            p = b.start();
        } catch (IOException e) {
            throw new TracerException(Kind.MISSING, name + " cannot be started: " + e.getMessage());
        }
        LIVE.add(p);
        return new TracerProcess(name, p, attachedLine, attachedLines);
    }

    private Thread reader(InputStream in, List<String> into, String stream) {
        Thread t = Thread.ofPlatform().daemon(true).name("ipclab-" + name + "-" + stream).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (into) {
                        into.add(line);
                    }
                    if (attached.getCount() > 0 && attachedLine.test(line)) {
                        attached.countDown();
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        });
        return t;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until attached; kills the process and fails when it exits first or takes longer than {@code timeout}. */
    void awaitAttached(Duration timeout, Kind exitKind, Runnable poke) throws TracerException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!attached.await(20, TimeUnit.MILLISECONDS)) {
                poke.run();
                if (!process.isAlive()) {
                    drain();
                    throw new TracerException(exitKind, name + " exited (status " + process.exitValue()
                            + ") before it attached" + errorText());
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new TracerException(Kind.FAILED, name + " did not attach within " + timeout.toSeconds()
                            + " s; it was stopped" + errorText());
                }
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new TracerException(Kind.FAILED, "interrupted while waiting for " + name + " to attach");
        }
    }

    /**
     * Asks the tracer to stop and report (SIGINT), waits for it, and returns its stdout. A tracer
     * that had already died, or that fails or hangs now, fails the run; one that {@code
     * mayHaveEnded} (strace and perf end by themselves when the threads they watch exit) and
     * ended with status 0 has reported already.
     */
    List<String> stop(Duration timeout, boolean mayHaveEnded) throws TracerException {
        if (!process.isAlive() && mayHaveEnded) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drain();
            LIVE.remove(process);
            if (process.exitValue() == 0) {
                return stdout();
            }
        }
        if (!process.isAlive()) {
            drain();
            throw new TracerException(Kind.FAILED, name + " died during the run (exit status " + process.exitValue()
                    + ")" + errorText());
        }
        try {
            // A SIGINT that arrives while the tool still sets itself up can be lost (seen with
            // bpftrace when the run was shorter than its start-up): ask again every second.
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                Processes.kill((int) process.pid(), Processes.SIGINT);
            } while (!process.waitFor(1, TimeUnit.SECONDS) && System.nanoTime() < deadline);
            if (process.isAlive()) {
                close();
                throw new TracerException(Kind.FAILED, name + " did not stop within " + timeout.toSeconds()
                        + " s of SIGINT; it was killed");
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new TracerException(Kind.FAILED, "interrupted while stopping " + name);
        }
        drain();
        LIVE.remove(process);
        int status = process.exitValue();
        // SIGINT's own status (130) or 0 are a normal stop.
        if (status != 0 && status != 130 && status != 128 + Processes.SIGINT) {
            throw new TracerException(Kind.FAILED, name + " failed (exit status " + status + ")" + errorText());
        }
        return stdout();
    }

    private void drain() {
        try {
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** stderr without the noise that does not matter (bpftrace's RLIMIT_MEMLOCK warning). */
    List<String> stderr() {
        synchronized (err) {
            return err.stream().filter(l -> !l.contains("RLIMIT_MEMLOCK") && !l.isBlank()).toList();
        }
    }

    private String errorText() {
        List<String> e = stderr();
        return e.isEmpty() ? "" : ": " + String.join(" / ", e.subList(Math.max(0, e.size() - 6), e.size()));
    }

    /** Kills the process if it still runs and waits for it: never leaves a tracer behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }
}
