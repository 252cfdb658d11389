package ipclab.cli;

import ipclab.bench.Sample;
import ipclab.ipc.KernelBuffers;
import java.util.Locale;

/**
 * ipc-static's text output: the result line and the -v block. Numbers are formatted in
 * {@link Locale#ROOT}, so a comma-decimal locale never changes what scripts parse.
 */
final class TextOutput {
    private TextOutput() {}

    static String resultLine(Sample sample) {
        return String.format(Locale.ROOT, "%.2f KBytes/sec", sample.kibPerSec());
    }

    /**
     * The configuration block. ipc-static's lines come first, unchanged; ipclab's additions
     * follow (they may be added to, never removed or renamed).
     */
    static String verboseBlock(Sample sample, String warmup) {
        var c = sample.config();
        StringBuilder b = new StringBuilder("Benchmark configuration:\n");
        line(b, "buffersize", c.bufferSizeBytes());
        line(b, "totalsize", c.totalSizeBytes());
        line(b, "blockcount", c.blockCount());
        line(b, "mode", c.mode());
        line(b, "ipctype", c.ipcType());
        line(b, "time", String.format(Locale.ROOT, "%d.%09d", sample.elapsedNanos() / 1_000_000_000L,
                sample.elapsedNanos() % 1_000_000_000L));
        KernelBuffers k = sample.granted();
        if (k.pipeCapacityBytes() >= 0) {
            line(b, "pipesize", k.pipeCapacityBytes() + (c.pipeSizeBytes() > 0
                    ? " (granted; " + c.pipeSizeBytes() + " asked)" : " (kernel default)"));
        }
        if (k.sendBufferBytes() >= 0) {
            String asked = c.socketBuffers() ? " (granted; " + c.bufferSizeBytes() + " asked)" : " (kernel default)";
            line(b, "sndbuf", k.sendBufferBytes() + asked);
            line(b, "rcvbuf", k.receiveBufferBytes() + asked);
        }
        if (k.tcpPort() >= 0) {
            line(b, "tcpport", k.tcpPort());
        }
        line(b, "reads", sample.reads());
        line(b, "writes", sample.writes());
        if (c.mode() == ipclab.bench.Mode.ONE_THREAD) {
            line(b, "polls", sample.polls());
        }
        line(b, "warmup", warmup);
        line(b, "clock", "CLOCK_MONOTONIC (System.nanoTime)");
        return b.toString();
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append("  ").append(key).append(": ").append(value).append('\n');
    }
}
