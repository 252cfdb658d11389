package ipclab.workload.stream;

import ipclab.model.Placement;
import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;
import ipclab.run.CpuPlan;
import ipclab.run.NativeBuffer;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.run.Timing;
import ipclab.run.Worker;

import ipclab.ipc.EndpointPair;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.SysException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * 1thread: the loop in one {@code ipclab-1thread} worker thread, with both descriptors made
 * non-blocking first. The worker places itself (--cpus: the one CPU) and, unless
 * --shared-fd-table, takes a private descriptor table, as ipc-static's single-threaded process
 * has one, and closes its copies of the pair after its loop.
 */
public final class OneThreadRun {
    public static final String THREAD_NAME = "ipclab-1thread";

    private OneThreadRun() {}

    public static void makeNonBlocking(EndpointPair pair) throws SysException {
        for (Fd fd : new Fd[] {pair.reader(), pair.writer()}) {
            int flags = Io.fcntl(fd.value(), Io.F_GETFL, 0);
            Io.fcntl(fd.value(), Io.F_SETFL, flags | Io.O_NONBLOCK);
        }
    }

    public static Timing transfer(EndpointPair pair, NativeBuffer readBuffer, NativeBuffer writeBuffer, int bufferSizeBytes,
            long totalBytes, RunListener listener, List<Integer> cpus, boolean privateFdTable, RunProbes probes)
            throws Exception {
        makeNonBlocking(pair);
        BothEndsLoop loop = BothEndsLoop.of(probes);
        ThreadUsage usage = probes.usage() ? new ThreadUsage() : null;
        int reader = pair.reader().value();
        int writer = pair.writer().value();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        int[] owned = privateFdTable ? new int[] {reader, writer} : null;
        Worker worker = new Worker(THREAD_NAME, CpuPlan.receiver(cpus), owned, ready, go, () -> {
            if (usage != null) {
                usage.before();
            }
            loop.run(reader, writer, readBuffer.address(), writeBuffer.address(), bufferSizeBytes, totalBytes);
            if (usage != null) {
                usage.after();
            }
        }, pair::close).start();
        // The process keeps its copies (the worker's are private): there is no peer to wake, and
        // a sweep's watchdog shuts a stalled trial's sockets down through them.
        Worker.startTogether(ready, go, () -> listener.ready(
                new Participants((int) ProcessHandle.current().pid(), worker.tid(), worker.tid(), -1)), worker);
        Throwable failure = worker.join();
        listener.finished();
        TwoThreadRun.rethrow(failure, null);
        String scope = "thread " + THREAD_NAME + " (RUSAGE_THREAD; both ends)";
        return new Timing(loop.startNanos(), loop.endNanos(), loop.reads(), loop.writes(), loop.polls(),
                usage == null ? null : usage.delta(scope), new Placement(worker.cpusAllowed(), worker.cpusAllowed()));
    }
}
