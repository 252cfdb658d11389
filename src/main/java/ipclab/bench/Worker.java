package ipclab.bench;

import ipclab.sys.CpuSet;
import ipclab.sys.Libc;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A named platform thread that does one half of a transfer. It reports its kernel thread id,
 * places itself on its CPU when asked (sched_setaffinity on itself) and reads its affinity back,
 * counts down {@code ready}, waits for {@code go}, then runs its body. A failing body (or a failed
 * placement) runs {@code onFailure} (which closes the worker's descriptor, so the peer blocked on
 * the other end wakes up with EOF or EPIPE instead of hanging), and the failure is handed to
 * whoever joins.
 *
 * <p>The names ({@code ipclab-sender}, {@code ipclab-receiver}) are what the thread shows as its
 * comm, so a tracer or {@code top -H} can tell the two halves apart.
 */
final class Worker {
    interface Body {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile int tid;
    private volatile List<Integer> cpusAllowed = List.of();
    private volatile Throwable failure;

    Worker(String name, CountDownLatch ready, CountDownLatch go, Body body, Runnable onFailure) {
        this(name, -1, ready, go, body, onFailure);
    }

    /** A worker that pins itself to {@code cpu} first; -1 leaves it unpinned. */
    Worker(String name, int cpu, CountDownLatch ready, CountDownLatch go, Body body, Runnable onFailure) {
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            tid = Libc.gettid();
            Throwable placement = null;
            try {
                if (cpu >= 0) {
                    CpuSet.pin(List.of(cpu));
                }
                cpusAllowed = CpuSet.allowed();
            } catch (Throwable t) {
                placement = t;
            }
            ready.countDown();
            try {
                if (placement != null) {
                    throw placement;
                }
                go.await();
                body.run();
            } catch (Throwable t) {
                failure = t;
                onFailure.run();
            }
        });
    }

    Worker start() {
        thread.start();
        return this;
    }

    /** The kernel's id of this thread; valid once {@code ready} has been counted down. */
    int tid() {
        return tid;
    }

    /** The CPUs this thread may run on, read back after placement; valid once ready. */
    List<Integer> cpusAllowed() {
        return cpusAllowed;
    }

    /** Waits for the body to end; returns what it threw, or null. */
    Throwable join() throws InterruptedException {
        thread.join();
        return failure;
    }
}
