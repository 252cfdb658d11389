package ipclab.bench;

import ipclab.ipc.EndpointPair;
import java.util.concurrent.CountDownLatch;

/**
 * 2thread: the transfer between an {@code ipclab-sender} and an {@code ipclab-receiver} thread of
 * this process. Both threads start, report ready, and wait; the listener is told; then both go.
 * The sender sleeps a second first unless bare (as ipc-static does, so the receiver is surely
 * blocked in read(2) when the first byte is sent).
 */
final class TwoThreadRun {
    private TwoThreadRun() {}

    static Timing transfer(EndpointPair pair, NativeBuffer readBuffer, NativeBuffer writeBuffer, int bufferSizeBytes,
            long totalBytes, boolean senderSleeps, RunListener listener) throws Exception {
        Sender sender = new Sender().prime();
        Receiver receiver = new Receiver().prime();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        Worker receiving = new Worker("ipclab-receiver", ready, go,
                () -> receiver.run(pair.reader().value(), readBuffer.address(), bufferSizeBytes, totalBytes),
                pair.reader()::close).start();
        Worker sending = new Worker("ipclab-sender", ready, go, () -> {
            if (senderSleeps) {
                Thread.sleep(1000);
            }
            sender.run(pair.writer().value(), writeBuffer.address(), bufferSizeBytes, totalBytes);
        }, pair.writer()::close).start();
        ready.await();
        try {
            listener.ready(new Participants((int) ProcessHandle.current().pid(), receiving.tid(), sending.tid(), -1));
        } catch (Exception e) {
            // Nobody will start: release both workers into a closed pair so they end at once.
            pair.close();
            go.countDown();
            receiving.join();
            sending.join();
            throw e;
        }
        go.countDown();
        Throwable received = receiving.join();
        Throwable sent = sending.join();
        listener.finished();
        rethrow(received, sent);
        return new Timing(sender.startNanos(), receiver.endNanos(), receiver.reads(), sender.writes(), 0);
    }

    /**
     * Throws what the two halves threw. When both failed, one failure usually caused the other
     * (a dead sender gives the receiver EOF, a dead receiver gives the sender EPIPE), so both
     * messages are kept.
     */
    static void rethrow(Throwable receiverFailure, Throwable senderFailure) throws Exception {
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
