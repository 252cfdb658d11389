package ipclab.cli;

import ipclab.model.BenchConfig;
import ipclab.model.Defaults;
import ipclab.ipc.Mode;
import ipclab.ipc.Mechanism;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that say what one benchmark run is: ipc-static's flags and ipclab's additions to
 * them. A mixin, so that every command that runs the benchmark (the root, trace, probe-effect)
 * takes them with the same names and checks.
 */
public final class BenchOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "-b", paramLabel = "buffersize", converter = SizeConverter.class,
            description = "user buffer size, bytes (default: " + Defaults.BUFFER_SIZE_BYTES + ")")
    long bufferSizeBytes = Defaults.BUFFER_SIZE_BYTES;

    @Option(names = "-t", paramLabel = "totalsize", converter = SizeConverter.class,
            description = "total bytes moved, a multiple of -b (default: " + Defaults.TOTAL_SIZE_BYTES + ")")
    long totalSizeBytes = Defaults.TOTAL_SIZE_BYTES;

    @Option(names = "-i", paramLabel = "${sys:ipclab.mechanisms}", converter = ModeConverter.IpcTypes.class,
            description = "IPC mechanism (default: pipe). ${sys:ipclab.mechanismHelp}")
    Mechanism mechanism = Defaults.IPC_TYPE;

    @Option(names = "-p", paramLabel = "tcp_port",
            description = "TCP port, 1..65535, or 0 for any free port (default: " + Defaults.TCP_PORT + ")")
    int tcpPort = Defaults.TCP_PORT;

    @Option(names = "-s", description = "set SO_SNDBUF and SO_RCVBUF to the buffer size (${sys:ipclab.takesSocketBuffers})")
    boolean socketBuffers;

    @Option(names = "-B", description = "bare: no warm-up, no sync/sleep (calls are still linked first)")
    boolean bare;

    @Option(names = "--pipe-size", paramLabel = "bytes", converter = SizeConverter.class,
            description = "set the pipe's capacity with fcntl(F_SETPIPE_SZ) (${sys:ipclab.takesPipeSize})")
    long pipeSizeBytes;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "place the run with sched_setaffinity: one CPU for both ends (e.g. 0), or "
                    + "receiver,sender (e.g. 0,1); default unpinned")
    String cpus;

    @Option(names = "--shared-fd-table", description = "1thread, 2proc: the benchmark threads keep the JVM's "
            + "shared descriptor table (default: each takes a private copy, as the single-threaded processes of "
            + "ipc-static have one); shows what being multi-threaded costs each read and write")
    boolean sharedFdTable;

    @Option(names = "-g", description = "measure the resource usage (getrusage) of the timed region, per "
            + "participating thread, the 2proc child's sender included")
    boolean usage;

    /** Whether -g was given. */
    public boolean usage() {
        return usage;
    }

    /** The options, with {@code mode}, as a validated configuration; a bad combination is a usage error. */
    public BenchConfig toConfig(Mode mode) {
        try {
            return config(mode);
        } catch (IllegalArgumentException e) {
            throw PicocliErrors.usage(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The latency workload's configuration from these options ({@code trace --workload latency}):
     * -b is the message size, 64 bytes unless given; -t and -s are the stream's and refused.
     */
    public BenchConfig toLatencyConfig(Mode mode, long rounds) {
        try {
            var parsed = spec.commandLine().getParseResult();
            long size = LatencyCommand.messageBytes(parsed.hasMatchedOption("-b") ? bufferSizeBytes : null,
                    mechanism);
            return LatencyCommand.config(mode, mechanism, size, rounds, tcpPort, pipeSizeBytes, bare, cpus,
                    sharedFdTable, parsed.hasMatchedOption("-t"), socketBuffers, SettingOptions.given(spec));
        } catch (IllegalArgumentException e) {
            throw PicocliErrors.usage(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** As {@link #toConfig}, with a bad combination as an IllegalArgumentException (no picocli needed). */
    BenchConfig config(Mode mode) {
        if (bufferSizeBytes > Defaults.MAX_BUFFER_SIZE_BYTES) {
            throw new IllegalArgumentException("buffersize " + bufferSizeBytes + " is larger than the maximum, "
                    + Defaults.MAX_BUFFER_SIZE_BYTES);
        }
        if (pipeSizeBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--pipe-size " + pipeSizeBytes + " is too large");
        }
        List<Integer> placement = cpus == null ? List.of() : CpuOption.parse(cpus, mode, CpuOption.usableCpus());
        BenchConfig config = new BenchConfig(mode, mechanism, (int) bufferSizeBytes, totalSizeBytes, tcpPort,
                socketBuffers, (int) pipeSizeBytes, bare, placement, sharedFdTable, Defaults.WORKLOAD,
                ipclab.ipc.Settings.of(mechanism, SettingOptions.given(spec)));
        mechanism.checkLimits(config.bufferSizeBytes(), config.ipcSpec());
        return config;
    }
}
