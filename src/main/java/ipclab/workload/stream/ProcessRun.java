package ipclab.workload.stream;

import ipclab.model.BenchConfig;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;
import ipclab.run.NativeBuffer;
import ipclab.run.Failures;
import ipclab.run.Participants;
import ipclab.run.RanOn;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;
import ipclab.run.Timing;
import ipclab.run.Worker;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.concurrent.CountDownLatch;

/**
 * 2proc: the receiver is a thread of this process, the sender the child process, on the same
 * endpoint pair. The parent keeps no copy of the writer once the child has it, so a child that
 * dies ends the receiver's read with end of file at once. With -g the child reads its sender
 * thread's RUSAGE_THREAD around its loop and sends the deltas back in its DONE message.
 */
final class ProcessRun {
    public static final String USAGE_SCOPE =
            "threads ipclab-receiver (this process) + ipclab-sender (child process) (RUSAGE_THREAD)";

    private ProcessRun() {}

    static Timing transfer(StreamRun run) throws Exception {
        var ctx = run.context();
        var pair = ctx.pair();
        var config = ctx.config();
        SenderChild child = ctx.child();
        int senderTid = child.offer(pair.writer(), config, ctx.warmChild(), ctx.probes());
        pair.writer().close();
        try (var receiving = config.ipcSpec().transfer(pair.reader())) {
            return transfer(run, ReceiveLoop.of(ctx.probes(), receiving), senderTid);
        }
    }

    private static Timing transfer(StreamRun run, ReceiveLoop receiver, int senderTid) throws Exception {
        var ctx = run.context();
        var pair = ctx.pair();
        var config = ctx.config();
        SenderChild child = ctx.child();
        ThreadUsage receiverUsage = run.usage();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        RanOn.Probe receiverRan = new RanOn.Probe();
        Worker receiving = TwoThreadRun.startReceiver(run, receiver, config.privateFdTable(), receiverUsage,
                receiverRan, ready, go);
        Worker.startTogether(ready, go, () -> {
            if (receiving.hasPrivateFdTable() && !config.mechanism().canShutDown()) {
                // The receiver's copy must be the last, or a receiver that fails would leave the
                // child blocked on a full pipe. A socket is shut down instead when the receiver
                // fails, and the process keeps its copy for the sweep's watchdog.
                pair.reader().close();
            }
            try {
                ctx.listener().ready(new Participants((int) ProcessHandle.current().pid(), receiving.tid(),
                        senderTid, child.pid()));
            } catch (Exception e) {
                child.cancel(); // or it would take the next run's TRIAL for this run's GO
                throw e;
            }
        }, receiving);
        SenderChild.Done sent = null;
        Throwable senderFailure = null;
        try {
            child.go();
            sent = child.awaitDone(receiverUsage != null ? USAGE_SCOPE : null);
            receiver.senderFinished(pair.reader()); // udp: end now, not on the deadline
        } catch (Exception e) {
            senderFailure = e;
            if (config.mechanism().canShutDown() && pair.reader().isOpen()) {
                // A Unix datagram socket gets no end of file when its peer goes: shut the
                // receiver's socket down so that its read returns (a stream socket has ended it already).
                ipclab.sys.Sockets.shutdown(pair.reader().value(), ipclab.sys.Sockets.SHUT_RDWR);
            }
        }
        Throwable received = receiving.join();
        ctx.listener().finished();
        Failures.rethrow(received, senderFailure);
        ResourceUsage usage = receiverUsage == null ? null
                : ThreadUsage.sum(USAGE_SCOPE, receiverUsage.delta(USAGE_SCOPE), sent.usage());
        // StreamChildHalf.report: {start ns, writes, bytes, where the sender ran}
        return new Timing(sent.words()[0], receiver.endNanos(), receiver.reads(), sent.words()[1], 0, usage,
                new Placement(receiving.cpusAllowed(), child.senderCpus()),
                StreamWorkload.measured(receiver.measured(run.bufferSizeBytes(), run.totalBytes()), receiverRan.ranOn(),
                        RanOn.unpacked(sent.words()[3])));
    }
}
