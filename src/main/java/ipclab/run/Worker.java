package ipclab.run;

import ipclab.probe.ThreadUsage;

import ipclab.sys.CpuSet;
import ipclab.sys.Processes;
import ipclab.sys.PrivateFdTable;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A named platform thread that does one side of a transfer. It reports its kernel thread id,
 * places itself on its CPU when asked (sched_setaffinity on itself) and reads its affinity back,
 * takes a private copy of the descriptor table when given the descriptors it owns
 * ({@link PrivateFdTable}), counts down {@code ready}, waits for {@code go}, then runs its body
 * unless it was cancelled meanwhile. A failing body (or a failed set-up) runs {@code onFailure}
 * (which closes the worker's descriptor, so the peer blocked on the other end wakes up with EOF
 * or EPIPE instead of hanging), and the failure is handed to whoever joins. With a private
 * table the worker closes its own copies there when the body ends, and after a failure shuts
 * its sockets down first ({@link PrivateFdTable#abandon}): {@code onFailure} would close numbers
 * of the process's table from a thread that does not use it.
 *
 * <p>The names ({@code ipclab-sender}, {@code ipclab-receiver}, {@code ipclab-1thread}) are what
 * the thread shows as its comm, so a tracer or {@code top -H} can tell the sides apart.
 */
public final class Worker {
    public interface Body {
        void run() throws Exception;

        /**
         * This body with the -g probe around it: {@code usage} read just before and just after,
         * in the worker's own thread; the body itself when {@code usage} is null.
         */
        static Body measured(ThreadUsage usage, Body body) {
            if (usage == null) {
                return body;
            }
            return () -> {
                usage.before();
                body.run();
                usage.after();
            };
        }
    }

    private final Thread thread;
    private volatile int tid;
    private volatile List<Integer> cpusAllowed = List.of();
    private final boolean wantsPrivateTable;
    private volatile boolean cancelled;
    private volatile Throwable setUpFailure;
    private volatile Throwable failure;

    /**
     * A worker that pins itself to {@code cpu} first (-1 leaves it unpinned) and, when
     * {@code privateFds} is not null, gives itself its own descriptor table, in which it owns
     * those descriptors, before it is ready.
     */
    public Worker(String name, int cpu, int[] privateFds, CountDownLatch ready, CountDownLatch go, Body body,
            Runnable onFailure) {
        wantsPrivateTable = privateFds != null;
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            tid = Processes.gettid();
            PrivateFdTable table = null;
            try {
                if (cpu >= 0) {
                    CpuSet.pin(List.of(cpu));
                }
                cpusAllowed = CpuSet.allowed();
                if (privateFds != null) {
                    table = PrivateFdTable.unshare(privateFds);
                }
            } catch (Throwable t) {
                setUpFailure = t;
            }
            ready.countDown();
            try {
                if (setUpFailure != null) {
                    throw setUpFailure;
                }
                go.await();
                if (!cancelled) {
                    body.run();
                }
            } catch (Throwable t) {
                failure = t;
                if (table != null) {
                    table.abandon();
                } else {
                    onFailure.run();
                }
            } finally {
                if (table != null) {
                    table.close();
                }
            }
        });
    }

    public Worker start() {
        thread.start();
        return this;
    }

    /** The kernel's id of this thread; valid once {@code ready} has been counted down. */
    public int tid() {
        return tid;
    }

    /** The CPUs this thread may run on, read back after placement; valid once ready. */
    public List<Integer> cpusAllowed() {
        return cpusAllowed;
    }

    /**
     * Whether this thread has its own descriptor table; valid once ready. Only then may the owner
     * close the process's copies of the worker's descriptors (a 2proc pipe's, so that the worker's
     * close is the last).
     */
    public boolean hasPrivateFdTable() {
        return wantsPrivateTable && setUpFailure == null;
    }

    /** What made placing the thread or unsharing its table fail, or null; valid once ready. */
    public Throwable setUpFailure() {
        return setUpFailure;
    }

    /** Makes the worker skip its body when {@code go} comes: nobody will run the transfer. */
    private void cancel() {
        cancelled = true;
    }

    /** What the owner does between "all ready" and "go": closing its copies, telling the listener. */
    public interface BeforeGo {
        void run() throws Exception;
    }

    /**
     * Waits until {@code workers} are ready, runs {@code beforeGo}, and lets them go. If waiting
     * or {@code beforeGo} fails, the workers are cancelled, let go (so they end instead of waiting
     * for ever with their copies of the descriptors), joined, and the failure is thrown.
     */
    public static void startTogether(CountDownLatch ready, CountDownLatch go, BeforeGo beforeGo, Worker... workers)
            throws Exception {
        boolean started = false;
        try {
            ready.await();
            beforeGo.run();
            started = true;
        } finally {
            if (started) {
                go.countDown();
            } else {
                release(go, workers);
            }
        }
    }

    /**
     * For workers that are ready but will not run: cancels them, lets them go (so they end
     * instead of waiting for ever with their copies of the descriptors) and joins them.
     */
    public static void release(CountDownLatch go, Worker... workers) {
        for (Worker w : workers) {
            w.cancel();
        }
        go.countDown();
        for (Worker w : workers) {
            w.joinUninterruptibly();
        }
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the body to end; returns what it threw, or null. */
    public Throwable join() throws InterruptedException {
        thread.join();
        return failure;
    }
}
