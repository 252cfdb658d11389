package ipclab.workload.stream;

import ipclab.model.BenchConfig;
import ipclab.probe.RunProbes;
import ipclab.run.ChildHalf;
import ipclab.run.NativeBuffer;

/**
 * The stream's 2proc child: the sending half. It sleeps a second after go unless bare (as
 * ipc-static's sender does, so the receiver is surely blocked in read(2)), then writes totalsize
 * bytes a buffer at a time. Its report: the clock before its first write, its writes, the bytes,
 * where it ran.
 */
final class StreamChildHalf implements ChildHalf {
    private final BenchConfig config;
    private final int writer;
    private final ipclab.ipc.Transfer transfer;
    private final SendLoop sender;
    private final NativeBuffer buffer;
    private final ipclab.run.RanOn.Probe where = new ipclab.run.RanOn.Probe();

    StreamChildHalf(BenchConfig config, RunProbes probes, ipclab.sys.Fd writer) throws ipclab.sys.SysException {
        this.config = config;
        this.writer = writer.value();
        this.transfer = config.ipcSpec().transfer(writer);
        this.sender = SendLoop.of(probes, transfer);
        this.buffer = new NativeBuffer(config.bufferSizeBytes(), (byte) 2);
    }

    @Override
    public void beforeRun() throws InterruptedException {
        if (!config.bare()) {
            Thread.sleep(1000);
        }
    }

    @Override
    public void run() throws Exception {
        where.run(() -> sender.run(writer, buffer.address(), config.bufferSizeBytes(), config.totalSizeBytes()));
    }

    /** {start ns, writes, bytes, where it ran ({@link ipclab.run.RanOn#packed})}, as {@link ProcessRun} reads them. */
    @Override
    public long[] report() {
        return new long[] {sender.startNanos(), sender.writes(), config.totalSizeBytes(), where.ranOn().packed()};
    }

    @Override
    public void close() {
        buffer.close();
        transfer.close();
    }
}
