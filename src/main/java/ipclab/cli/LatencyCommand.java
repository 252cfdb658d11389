package ipclab.cli;

import ipclab.bench.Benchmark;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mode;
import ipclab.machine.MachineDescription;
import ipclab.model.BenchConfig;
import ipclab.model.Defaults;
import ipclab.model.Sample;
import ipclab.probe.RunProbes;
import ipclab.report.RunJson;
import ipclab.workload.latency.LatencyWorkload;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipclab latency}: the round-trip workload, run as the root runs the stream. The
 * initiator sends a {@code -b}-byte message, the responder reads it whole and sends it back,
 * {@code --rounds} times; every round trip is timed.
 */
@Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        customSynopsis = {
            "ipclab latency [-Bgjqv] [-b msgsize] [-i ${sys:ipclab.latencyMechanisms}] [--rounds N] [-n N]",
            "               [-p tcp_port] [--cpus LIST] [--pipe-size bytes] [--shared-fd-table] mode",
            "               ${sys:ipclab.settingsSynopsis}",
        },
        description = {
            "Round trips: the initiator sends a message of -b bytes, the responder reads it whole and sends "
                    + "it back, --rounds times. Every round trip is timed (System.nanoTime around the write "
                    + "and the read) into a histogram; prints the median and the 99th percentile.",
            "",
            "modes: 2thread (two threads of one process), 2proc (the responder in a child process, as "
                    + "the stream's sender), 1thread (both halves in one thread: the same system calls with no "
                    + "wake-up, the floor under the other two).",
        },
        footer = {
            "",
            "Pipes and FIFOs take one object per direction; local and tcp carry both on one connection "
                    + "(tcp with TCP_NODELAY).",
            "Exit codes as the root's: 0 ok, 64 usage, 71 the kernel refused a set-up call, 74 the transfer "
                    + "failed (a responder that died, a message that did not arrive whole).",
        })
public final class LatencyCommand implements Callable<Integer> {
    static {
        HelpText.publishMechanisms();
    }

    @Spec
    CommandSpec spec;

    @Option(names = "-b", paramLabel = "msgsize", converter = SizeConverter.class,
            description = "message size, bytes, each way (default: " + LatencyWorkload.DEFAULT_MESSAGE_BYTES
                    + "; eventfd: 8, its only size)")
    Long messageBytes; // null: the default, the mechanism's one size if it has one

    @Option(names = "--rounds", paramLabel = "N",
            description = "timed round trips (default: " + LatencyWorkload.DEFAULT_ROUNDS + "; at most 10^9)")
    long rounds = LatencyWorkload.DEFAULT_ROUNDS;

    @Option(names = "-i", paramLabel = "${sys:ipclab.latencyMechanisms}", converter = ModeConverter.IpcTypes.class,
            description = "IPC mechanism (default: pipe, two pipes, one per direction)")
    Mechanism mechanism = Defaults.IPC_TYPE;

    @Option(names = "-p", paramLabel = "tcp_port",
            description = "TCP port, 1..65535, or 0 for any free port (default: " + Defaults.TCP_PORT + ")")
    int tcpPort = Defaults.TCP_PORT;

    @Option(names = "-B", description = "bare: no warm-up, no sync/sleep (calls are still linked first)")
    boolean bare;

    @Option(names = "--pipe-size", paramLabel = "bytes", converter = SizeConverter.class,
            description = "set each pipe's capacity with fcntl(F_SETPIPE_SZ) (${sys:ipclab.takesPipeSize})")
    long pipeSizeBytes;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "one CPU for both ends (e.g. 0), or initiator,responder (e.g. 0,1); default unpinned")
    String cpus;

    @Option(names = "--shared-fd-table", description = "1thread, 2proc: keep the JVM's shared descriptor table")
    boolean sharedFdTable;

    @Option(names = "-g", description = "per-thread resource usage of the timed region: CPU time, context "
            + "switches, migrations")
    boolean usage;

    @Option(names = "-n", paramLabel = "iterations",
            description = "run N times, each on fresh IPC objects (default: 1; at most " + IpclabCommand.MAX_ITERATIONS
                    + ")")
    int iterations = 1;

    @Option(names = "-j", description = "print the ipclab-run/1 JSON document: percentiles and histogram per sample")
    boolean json;

    @Option(names = "-q", description = "print nothing")
    boolean quiet;

    @Option(names = "-v", description = "print the configuration block before the result")
    boolean verbose;

    // The stream's options, taken only to say why they do not apply.
    @Option(names = "-t", hidden = true, paramLabel = "totalsize")
    String totalSize;

    @Option(names = "-s", hidden = true)
    boolean socketBuffers;

    @Parameters(index = "0", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "2thread, 2proc or 1thread")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        BenchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw PicocliErrors.usage(spec.commandLine(), e.getMessage(), e);
        }
        return run(config, spec.commandLine().getOut());
    }

    /** The validated configuration; what is wrong as an IllegalArgumentException, in the user's words. */
    BenchConfig config() {
        if (iterations < 1 || iterations > IpclabCommand.MAX_ITERATIONS) {
            throw new IllegalArgumentException("-n must be 1.." + IpclabCommand.MAX_ITERATIONS + ", not " + iterations);
        }
        return config(mode, mechanism, messageBytes(messageBytes, mechanism), rounds, tcpPort, pipeSizeBytes, bare,
                cpus, sharedFdTable, totalSize != null, socketBuffers, SettingOptions.given(spec));
    }

    /** The message size: {@code given}, or the mechanism's one size if it has one, or the default. */
    static long messageBytes(Long given, Mechanism mechanism) {
        if (given != null) {
            return given;
        }
        return mechanism.fixedMessageBytes() > 0 ? mechanism.fixedMessageBytes()
                : LatencyWorkload.DEFAULT_MESSAGE_BYTES;
    }

    /**
     * A latency run's configuration from its options, with the words for what is wrong, here and
     * in {@code trace --workload latency}: -t and -s are the stream's and refused.
     */
    static BenchConfig config(Mode mode, Mechanism mechanism, long messageBytes, long rounds, int tcpPort,
            long pipeSizeBytes, boolean bare, String cpus, boolean sharedFdTable, boolean totalGiven,
            boolean socketBuffers, Map<String, String> settings) {
        if (totalGiven) {
            throw new IllegalArgumentException("-t is the stream's total size; latency counts round trips: "
                    + "use --rounds N");
        }
        if (socketBuffers) {
            throw new IllegalArgumentException("-s sizes socket buffers for the stream's large writes; a round "
                    + "trip has one message in flight, so latency does not take it");
        }
        if (messageBytes <= 0) {
            throw new IllegalArgumentException("message size -b must be at least 1 byte, not " + messageBytes);
        }
        if (messageBytes > Defaults.MAX_BUFFER_SIZE_BYTES) {
            throw new IllegalArgumentException("message size -b " + messageBytes + " is larger than the maximum, "
                    + Defaults.MAX_BUFFER_SIZE_BYTES);
        }
        if (rounds < 1 || rounds > LatencyWorkload.MAX_ROUNDS) {
            throw new IllegalArgumentException("--rounds must be 1.." + LatencyWorkload.MAX_ROUNDS + ", not " + rounds);
        }
        if (pipeSizeBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--pipe-size " + pipeSizeBytes + " is too large");
        }
        List<Integer> placement = cpus == null ? List.of() : CpuOption.parse(cpus, mode, CpuOption.usableCpus());
        BenchConfig config = new BenchConfig(mode, mechanism, (int) messageBytes, rounds * messageBytes, tcpPort,
                false, (int) pipeSizeBytes, bare, placement, sharedFdTable, LatencyWorkload.NAME,
                ipclab.ipc.Settings.of(mechanism, settings));
        mechanism.checkLimits(config.bufferSizeBytes(), config.ipcSpec());
        return config;
    }

    int run(BenchConfig config, PrintWriter out) throws Exception {
        Map<String, ?> machine = json ? MachineDescription.describeLive() : Map.of();
        List<Sample> samples = new ArrayList<>();
        String warmup = null;
        Exception failure = null;
        try (Benchmark benchmark = new Benchmark(config).probing(new RunProbes(usage, false, null))) {
            warmup = benchmark.prepare();
            String warmed = warmup;
            benchmark.measureAll(iterations, samples, sample -> {
                if (!json && !quiet) {
                    if (verbose) {
                        out.print(LatencyText.verboseBlock(sample, warmed, iterations));
                    }
                    out.println(LatencyText.resultLine(sample));
                    out.flush();
                }
            });
        } catch (Exception e) {
            failure = e;
        }
        if (json && !quiet) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("iterations", iterations);
            settings.put("usage", usage);
            settings.put("jfr_file", null);
            settings.put("jfr_calls", false);
            out.println(RunJson.render(RunJson.document(machine, config, settings, warmup, samples,
                    failure == null ? null : String.valueOf(failure.getMessage()))));
        }
        out.flush();
        if (failure != null) {
            throw failure;
        }
        return ExitCodes.OK;
    }
}
