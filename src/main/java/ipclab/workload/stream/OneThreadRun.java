package ipclab.workload.stream;

import ipclab.ipc.EndpointPair;
import ipclab.model.Placement;
import ipclab.probe.ThreadUsage;
import ipclab.run.CpuPlan;
import ipclab.run.Failures;
import ipclab.run.Participants;
import ipclab.run.RanOn;
import ipclab.run.Timing;
import ipclab.run.Worker;
import ipclab.sys.Io;
import ipclab.sys.SysException;
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
        Io.setNonBlocking(pair.reader().value());
        Io.setNonBlocking(pair.writer().value());
    }

    static Timing transfer(StreamRun run) throws Exception {
        var ctx = run.context();
        makeNonBlocking(ctx.pair());
        try (var both = ctx.config().ipcSpec().transfer(ctx.pair().reader(), ctx.pair().writer())) {
            return transfer(run, BothEndsLoop.of(ctx.probes(), both));
        }
    }

    private static Timing transfer(StreamRun run, BothEndsLoop loop) throws Exception {
        var ctx = run.context();
        ThreadUsage usage = run.usage();
        int reader = ctx.pair().reader().value();
        int writer = ctx.pair().writer().value();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        int[] owned = ctx.config().privateFdTable() ? new int[] {reader, writer} : null;
        RanOn.Probe where = new RanOn.Probe();
        Worker worker = new Worker(THREAD_NAME, CpuPlan.receiver(ctx.config().cpus()), owned, ready, go,
                where.around(Worker.Body.measured(usage, () -> loop.run(reader, writer, run.readBuffer().address(),
                        run.writeBuffer().address(), run.bufferSizeBytes(), run.totalBytes()))),
                ctx.pair()::close).start();
        // The process keeps its copies (the worker's are private): there is no peer to wake, and
        // a sweep's watchdog shuts a stalled trial's sockets down through them.
        Worker.startTogether(ready, go, () -> ctx.listener().ready(
                new Participants((int) ProcessHandle.current().pid(), worker.tid(), worker.tid(), -1)), worker);
        Throwable failure = worker.join();
        ctx.listener().finished();
        Failures.rethrow(failure, null);
        String scope = "thread " + THREAD_NAME + " (RUSAGE_THREAD; both ends)";
        return new Timing(loop.startNanos(), loop.endNanos(), loop.reads(), loop.writes(), loop.polls(),
                usage == null ? null : usage.delta(scope), new Placement(worker.cpusAllowed(), worker.cpusAllowed()),
                StreamWorkload.measured(java.util.Map.of(), where.ranOn(), where.ranOn()));
    }
}
