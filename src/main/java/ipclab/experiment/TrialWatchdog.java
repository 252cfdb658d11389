package ipclab.experiment;

import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.sys.EventFds;
import ipclab.sys.Processes;
import ipclab.sys.Sockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ends a trial whose transfer makes no end. Loopback TCP with socket buffers shrunk to a few
 * bytes (-s with a tiny buffer) can sit in the kernel's zero-window persist state, moving a few
 * hundred bytes a second: a sweep would wait hours. When a trial's timed region outlasts the
 * timeout, the trial's own sockets (the descriptors that appeared in this process since the trial
 * began) are shut down with shutdown(2), which wakes the blocked read, write or poll; the trial
 * then fails like any broken transfer, and the sweep records why. An eventfd, which has neither
 * shutdown(2) nor an end of file, is woken instead ({@link EventFds#wake}): a latency trial of
 * many round trips can outlast the timeout on a slow machine without having stalled. Pipes
 * cannot be shut down and do not stall this way.
 */
final class TrialWatchdog implements AutoCloseable {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final String EVENTFD = "anon_inode:[eventfd]";

    private final long timeoutMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ipclab-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private long serial;
    private long active;
    private boolean fired;
    private boolean childStopped;

    TrialWatchdog(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** A listener for the next trial; call before the trial opens its descriptors. */
    RunListener arm() {
        Set<Integer> before = wakeable().keySet();
        long id;
        synchronized (lock) {
            id = ++serial;
            fired = false;
            childStopped = false;
        }
        return new RunListener() {
            private ScheduledFuture<?> alarm;

            @Override
            public void ready(Participants participants) {
                Map<Integer, Boolean> mine = wakeable();
                mine.keySet().removeAll(before);
                synchronized (lock) {
                    active = id;
                }
                alarm = timer.schedule(() -> {
                    synchronized (lock) {
                        // the descriptors are still the trial's: finished() has not run, so the
                        // pair is not closed yet
                        if (active == id) {
                            fired = true;
                            mine.forEach((fd, eventfd) -> {
                                if (eventfd) {
                                    EventFds.wake(fd);
                                } else {
                                    Sockets.shutdown(fd, Sockets.SHUT_RDWR);
                                }
                            });
                            int child = participants.childPid();
                            if (child > 0) {
                                // A pipe cannot be shut down, and a stopped child answers
                                // nothing: killing it ends its writer and its control socket,
                                // which wakes the receiver (end of file) and the parent.
                                childStopped = stopped(child);
                                Processes.kill(child, Processes.SIGKILL);
                            }
                        }
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void finished() {
                synchronized (lock) {
                    active = 0;
                }
                if (alarm != null) {
                    alarm.cancel(false);
                }
            }
        };
    }

    /** Whether the 2proc child was stopped (state T) when the last trial was stopped. */
    boolean childStopped() {
        synchronized (lock) {
            return fired && childStopped;
        }
    }

    /** State T or t in /proc/PID/stat: stopped by a signal or a tracer. */
    static boolean stopped(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return state.equalsIgnoreCase("t");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the last armed trial was stopped for taking too long. */
    boolean fired() {
        synchronized (lock) {
            return fired;
        }
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * This process's socket and eventfd descriptors, each with whether it is an eventfd: what a
     * trial's blocked calls can be woken from, and how.
     */
    private static Map<Integer, Boolean> wakeable() {
        Map<Integer, Boolean> fds = new HashMap<>();
        try (Stream<Path> s = Files.list(FDS)) {
            s.forEach(p -> {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (target.startsWith("socket:") || target.equals(EVENTFD)) {
                        fds.put(Integer.parseInt(p.getFileName().toString()), target.equals(EVENTFD));
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile (the listing's own descriptor): not a trial's socket
                }
            });
        } catch (IOException e) {
            // no /proc: nothing can be watched
        }
        return fds;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
