package ipclab.workload.stream;

import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.TransferException;
import ipclab.probe.RunProbes;
import ipclab.probe.ThreadUsage;
import ipclab.run.CpuPlan;
import ipclab.run.NativeBuffer;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.run.Timing;
import ipclab.run.Worker;

import ipclab.ipc.EndpointPair;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * 2thread: the transfer between an {@code ipclab-sender} and an {@code ipclab-receiver} thread of
 * this process. Both threads start, place themselves (--cpus), report ready, and wait; the
 * listener is told; then both go. The sender sleeps a second first unless bare (as ipc-static
 * does, so the receiver is surely blocked in read(2) when the first byte is sent). With -g each
 * thread reads its own RUSAGE_THREAD just before and just after its loop.
 */
public final class TwoThreadRun {
    public static final String USAGE_SCOPE = "threads ipclab-receiver+ipclab-sender (RUSAGE_THREAD)";

    private TwoThreadRun() {}

    public static Timing transfer(EndpointPair pair, NativeBuffer readBuffer, NativeBuffer writeBuffer, int bufferSizeBytes,
            long totalBytes, boolean senderSleeps, RunListener listener, List<Integer> cpus, RunProbes probes)
            throws Exception {
        SendLoop sender = SendLoop.of(probes);
        ReceiveLoop receiver = ReceiveLoop.of(probes);
        ThreadUsage senderUsage = probes.usage() ? new ThreadUsage() : null;
        ThreadUsage receiverUsage = probes.usage() ? new ThreadUsage() : null;
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        Worker receiving = startReceiver(receiver, pair, readBuffer, bufferSizeBytes, totalBytes, cpus, false,
                receiverUsage, ready, go);
        Worker sending = new Worker("ipclab-sender", CpuPlan.sender(cpus), null, ready, go, () -> {
            if (senderSleeps) {
                Thread.sleep(1000);
            }
            if (senderUsage != null) {
                senderUsage.before();
            }
            sender.run(pair.writer().value(), writeBuffer.address(), bufferSizeBytes, totalBytes);
            if (senderUsage != null) {
                senderUsage.after();
            }
        }, pair.writer()::close).start();
        Worker.startTogether(ready, go, () -> listener.ready(
                new Participants((int) ProcessHandle.current().pid(), receiving.tid(), sending.tid(), -1)),
                receiving, sending);
        Throwable received = receiving.join();
        Throwable sent = sending.join();
        listener.finished();
        rethrow(received, sent);
        ResourceUsage usage = probes.usage()
                ? ThreadUsage.sum(USAGE_SCOPE, receiverUsage.delta(USAGE_SCOPE), senderUsage.delta(USAGE_SCOPE))
                : null;
        return new Timing(sender.startNanos(), receiver.endNanos(), receiver.reads(), sender.writes(), 0, usage,
                new Placement(receiving.cpusAllowed(), sending.cpusAllowed()));
    }

    /**
     * Starts the {@code ipclab-receiver} worker, the same in 2thread and 2proc: placed, with its
     * own descriptor table when asked, its usage read just around its loop when asked, its reader
     * closed if it fails (so the sender wakes).
     */
    public static Worker startReceiver(ReceiveLoop receiver, EndpointPair pair, NativeBuffer readBuffer, int bufferSizeBytes,
            long totalBytes, List<Integer> cpus, boolean privateFdTable, ThreadUsage usage, CountDownLatch ready,
            CountDownLatch go) {
        int reader = pair.reader().value();
        int[] owned = privateFdTable ? new int[] {reader} : null;
        return new Worker("ipclab-receiver", CpuPlan.receiver(cpus), owned, ready, go, () -> {
            if (usage != null) {
                usage.before();
            }
            receiver.run(reader, readBuffer.address(), bufferSizeBytes, totalBytes);
            if (usage != null) {
                usage.after();
            }
        }, pair.reader()::close).start();
    }

    /**
     * Throws what the two halves threw. When both failed, one failure usually caused the other
     * (a dead sender gives the receiver EOF, a dead receiver gives the sender EPIPE), so both
     * messages are kept.
     */
    public static void rethrow(Throwable receiverFailure, Throwable senderFailure) throws Exception {
        Throwable failure = receiverFailure != null ? receiverFailure : senderFailure;
        if (receiverFailure != null && senderFailure != null) {
            failure = new TransferException("sender: " + senderFailure.getMessage()
                    + "; receiver: " + receiverFailure.getMessage());
        }
        switch (failure) {
            case null -> { }
            case Exception e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(failure);
        }
    }
}
