package ipclab.workload.latency;

import ipclab.model.BenchConfig;
import ipclab.run.ChildHalf;
import ipclab.run.NativeBuffer;

/**
 * The latency workload's 2proc child: the responder, on the one duplex end or the two one-way
 * ends it was handed. It starts answering at once after go (no sleep: the initiator's first
 * message waits for it in the kernel). Its report: {@link #report}.
 */
final class LatencyChildHalf implements ChildHalf {
    private final BenchConfig config;
    private final int in;
    private final int out;
    private final ipclab.ipc.Transfer transfer;
    private final Responder responder;
    private final NativeBuffer echo;
    private final RoundTrips.Migrations migrations = new RoundTrips.Migrations();

    LatencyChildHalf(BenchConfig config, ipclab.ipc.Transfer transfer, int in, int out) {
        this.config = config;
        this.transfer = transfer;
        this.responder = (Responder) new Responder(transfer).prime();
        this.in = in;
        this.out = out;
        this.echo = new NativeBuffer(config.bufferSizeBytes(), (byte) 3);
    }

    @Override
    public void run() throws Exception {
        migrations.around(() -> responder.run(in, out, echo.segment(), config.rounds())).run();
    }

    /** {reads, writes, where it ran ({@link ipclab.run.RanOn#packed}), messages that arrived garbled}. */
    @Override
    public long[] report() {
        return new long[] {responder.reads(), responder.writes(),
                new ipclab.run.RanOn(responder.cpuAtStart, responder.cpuAtEnd, migrations.count).packed(), responder.badMessages};
    }

    @Override
    public void close() {
        echo.close();
        transfer.close();
    }
}
