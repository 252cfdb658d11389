package ipclab.cli;

import ipclab.bench.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.bench.Defaults;
import ipclab.bench.Mode;
import ipclab.bench.RunListener;
import ipclab.bench.Sample;
import ipclab.ipc.IpcType;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The root command: ipc-static's command line, flag for flag (DESIGN.md section 1). */
@Command(name = "ipclab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        customSynopsis = {
            "ipclab [-Bqsv] [-b buffersize] [-i pipe|local|tcp] [-p tcp_port] [-t totalsize] mode",
        },
        usageHelpWidth = 100,
        description = "Measures the bandwidth of IPC through a pipe, a Unix socket pair or loopback TCP, "
                + "as the L41 lab's ipc-static does, on raw system calls.",
        footer = {
            "modes:",
            "  1thread   IPC within a single thread",
            "  2thread   IPC between two threads in one process",
            "  2proc     IPC between two threads in two different processes",
            "",
            "Sizes take k, m or g (powers of 1024): -b 4k, -t 1g. Exit codes: 0 ok, 64 usage,",
            "71 the kernel refused a set-up call, 74 the transfer failed.",
        })
public final class IpclabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-b", paramLabel = "buffersize", converter = SizeConverter.class,
            description = "user buffer size, bytes (default: " + Defaults.BUFFER_SIZE_BYTES + ")")
    long bufferSizeBytes = Defaults.BUFFER_SIZE_BYTES;

    @Option(names = "-t", paramLabel = "totalsize", converter = SizeConverter.class,
            description = "total bytes moved, a multiple of -b (default: " + Defaults.TOTAL_SIZE_BYTES + ")")
    long totalSizeBytes = Defaults.TOTAL_SIZE_BYTES;

    @Option(names = "-i", paramLabel = "pipe|local|tcp", converter = ModeConverter.IpcTypes.class,
            description = "IPC type: pipe, local (AF_UNIX socket pair) or tcp (127.0.0.1) (default: pipe)")
    IpcType ipcType = Defaults.IPC_TYPE;

    @Option(names = "-p", paramLabel = "tcp_port",
            description = "TCP port, 1..65535, or 0 for any free port (default: " + Defaults.TCP_PORT + ")")
    int tcpPort = Defaults.TCP_PORT;

    @Option(names = "-s", description = "set SO_SNDBUF and SO_RCVBUF to the buffer size (sockets only)")
    boolean socketBuffers;

    @Option(names = "-B", description = "bare: no warm-up, no sync/sleep (calls are still linked first)")
    boolean bare;

    @Option(names = "-q", description = "print nothing")
    boolean quiet;

    @Option(names = "-v", description = "print the configuration block before the result")
    boolean verbose;

    @Option(names = "--pipe-size", paramLabel = "bytes", converter = SizeConverter.class,
            description = "set the pipe's capacity with fcntl(F_SETPIPE_SZ) (pipes only)")
    long pipeSizeBytes;

    @Parameters(index = "0", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "1thread, 2thread or 2proc")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        BenchConfig config = config();
        try (Benchmark benchmark = new Benchmark(config)) {
            String warmup = benchmark.prepare();
            Sample sample = benchmark.measure(0, RunListener.NONE);
            PrintWriter out = spec.commandLine().getOut();
            if (!quiet) {
                if (verbose) {
                    out.print(TextOutput.verboseBlock(sample, warmup));
                }
                out.println(TextOutput.resultLine(sample));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The options as a validated configuration; a bad combination is a usage error. */
    BenchConfig config() {
        try {
            if (bufferSizeBytes > Defaults.MAX_BUFFER_SIZE_BYTES) {
                throw new IllegalArgumentException("buffersize " + bufferSizeBytes + " is larger than the maximum, "
                        + Defaults.MAX_BUFFER_SIZE_BYTES);
            }
            if (pipeSizeBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--pipe-size " + pipeSizeBytes + " is too large");
            }
            return new BenchConfig(mode, ipcType, (int) bufferSizeBytes, totalSizeBytes, tcpPort, socketBuffers,
                    (int) pipeSizeBytes, bare, List.of());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
