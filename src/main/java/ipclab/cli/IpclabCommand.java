package ipclab.cli;

import ipclab.bench.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.bench.Mode;
import ipclab.bench.RunListener;
import ipclab.bench.Sample;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin
    BenchOptions bench;

    @Option(names = "-q", description = "print nothing")
    boolean quiet;

    @Option(names = "-v", description = "print the configuration block before the result")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "1thread, 2thread or 2proc")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        BenchConfig config = bench.toConfig(mode);
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
}
