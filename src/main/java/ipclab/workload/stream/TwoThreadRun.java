package ipclab.workload.stream;

import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.probe.ThreadUsage;
import ipclab.run.CpuPlan;
import ipclab.run.Failures;
import ipclab.run.Participants;
import ipclab.run.RanOn;
import ipclab.run.Timing;
import ipclab.run.Worker;
import java.util.concurrent.CountDownLatch;

/**
 * 2thread: the transfer between an {@code ipclab-sender} and an {@code ipclab-receiver} thread of
 * this process. Both threads start, place themselves (--cpus), report ready, and wait; the
 * listener is told; then both go. The sender sleeps a second first unless bare (as ipc-static
 * does, so the receiver is surely blocked in read(2) when the first byte is sent). With -g each
 * thread reads its own RUSAGE_THREAD just before and just after its loop.
 */
final class TwoThreadRun {
    static final String USAGE_SCOPE = "threads ipclab-receiver+ipclab-sender (RUSAGE_THREAD)";

    private TwoThreadRun() {}

    static Timing transfer(StreamRun run) throws Exception {
        var ctx = run.context();
        var spec = ctx.config().ipcSpec();
        try (var sending = spec.transfer(ctx.pair().writer()); var receiving = spec.transfer(ctx.pair().reader())) {
            return transfer(run, SendLoop.of(ctx.probes(), sending), ReceiveLoop.of(ctx.probes(), receiving));
        }
    }

    private static Timing transfer(StreamRun run, SendLoop sender, ReceiveLoop receiver) throws Exception {
        var ctx = run.context();
        ThreadUsage senderUsage = run.usage();
        ThreadUsage receiverUsage = run.usage();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        RanOn.Probe receiverRan = new RanOn.Probe();
        RanOn.Probe senderRan = new RanOn.Probe();
        Worker receiving = startReceiver(run, receiver, false, receiverUsage, receiverRan, ready, go);
        boolean sleeps = !ctx.config().bare();
        int writer = ctx.pair().writer().value();
        Worker sending = new Worker("ipclab-sender", CpuPlan.sender(ctx.config().cpus()), null, ready, go,
                () -> {
                    if (sleeps) {
                        Thread.sleep(1000);
                    }
                    senderRan.run(Worker.Body.measured(senderUsage, () -> sender.run(writer,
                            run.writeBuffer().address(), run.bufferSizeBytes(), run.totalBytes())));
                    receiver.senderFinished(ctx.pair().reader()); // udp: end now, not on the deadline
                }, () -> {
                    ctx.pair().shutDown(); // a datagram receiver gets no end of file from the close
                    ctx.pair().writer().close();
                }).start();
        Worker.startTogether(ready, go, () -> ctx.listener().ready(
                new Participants((int) ProcessHandle.current().pid(), receiving.tid(), sending.tid(), -1)),
                receiving, sending);
        Throwable received = receiving.join();
        Throwable sent = sending.join();
        ctx.listener().finished();
        Failures.rethrow(received, sent);
        ResourceUsage usage = senderUsage == null ? null
                : ThreadUsage.sum(USAGE_SCOPE, receiverUsage.delta(USAGE_SCOPE), senderUsage.delta(USAGE_SCOPE));
        return new Timing(sender.startNanos(), receiver.endNanos(), receiver.reads(), sender.writes(), 0, usage,
                new Placement(receiving.cpusAllowed(), sending.cpusAllowed()),
                StreamWorkload.measured(receiver.measured(run.bufferSizeBytes(), run.totalBytes()), receiverRan.ranOn(),
                        senderRan.ranOn()));
    }

    /**
     * Starts the {@code ipclab-receiver} worker, the same in 2thread and 2proc: placed, with its
     * own descriptor table when asked, its usage read just around its loop when asked and where it
     * ran around that, its reader closed if it fails (so the sender wakes).
     */
    static Worker startReceiver(StreamRun run, ReceiveLoop receiver, boolean privateFdTable, ThreadUsage usage,
            RanOn.Probe where, CountDownLatch ready, CountDownLatch go) {
        var pair = run.context().pair();
        int reader = pair.reader().value();
        int[] owned = privateFdTable ? new int[] {reader} : null;
        return new Worker("ipclab-receiver", CpuPlan.receiver(run.context().config().cpus()), owned, ready, go,
                where.around(Worker.Body.measured(usage, () -> receiver.run(reader, run.readBuffer().address(),
                        run.bufferSizeBytes(), run.totalBytes()))),
                pair.reader()::close).start();
    }
}
