package ipclab.bench;

import ipclab.ipc.EndpointPair;
import java.util.concurrent.CountDownLatch;

/**
 * 2proc: the receiver is a thread of this process, the sender the child process, on the same
 * endpoint pair. The parent keeps no copy of the writer once the child has it, so a child that
 * dies ends the receiver's read with end of file at once.
 */
final class ProcessRun {
    private ProcessRun() {}

    static Timing transfer(SenderChild child, EndpointPair pair, NativeBuffer readBuffer, BenchConfig config,
            boolean warmChild, RunListener listener) throws Exception {
        int bufferSizeBytes = config.bufferSizeBytes();
        long totalBytes = config.totalSizeBytes();
        int senderTid = child.offer(pair.writer(), config.ipcType(), bufferSizeBytes, totalBytes, config.bare(),
                warmChild);
        pair.writer().close();
        Receiver receiver = new Receiver().prime();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Worker receiving = new Worker("ipclab-receiver", ready, go,
                () -> receiver.run(pair.reader().value(), readBuffer.address(), bufferSizeBytes, totalBytes),
                pair.reader()::close).start();
        ready.await();
        try {
            listener.ready(new Participants((int) ProcessHandle.current().pid(), receiving.tid(), senderTid,
                    child.pid()));
        } catch (Exception e) {
            pair.reader().close();
            go.countDown();
            receiving.join();
            throw e;
        }
        go.countDown();
        Timing sent = null;
        Throwable senderFailure = null;
        try {
            child.go();
            sent = child.awaitDone();
        } catch (Exception e) {
            senderFailure = e;
        }
        Throwable received = receiving.join();
        listener.finished();
        TwoThreadRun.rethrow(received, senderFailure);
        return new Timing(sent.startNanos(), receiver.endNanos(), receiver.reads(), sent.writes(), 0);
    }
}
