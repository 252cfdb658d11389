package ipclab.bench;

import ipclab.sys.Libc;
import java.util.concurrent.CountDownLatch;

/**
 * A named platform thread that does one half of a transfer. It reports its kernel thread id,
 * counts down {@code ready}, waits for {@code go}, then runs its body. A failing body runs
 * {@code onFailure} (which closes the worker's descriptor, so the peer blocked on the other end
 * wakes up with EOF or EPIPE instead of hanging), and the failure is handed to whoever joins.
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
    private volatile Throwable failure;

    Worker(String name, CountDownLatch ready, CountDownLatch go, Body body, Runnable onFailure) {
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            tid = Libc.gettid();
            ready.countDown();
            try {
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

    /** Waits for the body to end; returns what it threw, or null. */
    Throwable join() throws InterruptedException {
        thread.join();
        return failure;
    }
}
