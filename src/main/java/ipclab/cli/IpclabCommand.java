package ipclab.cli;

import ipclab.model.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.probe.RunProbes;
import ipclab.model.Sample;
import ipclab.machine.MachineDescription;
import ipclab.report.RunJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The root command: ipc-static's command line, flag for flag (README, "Command line"), with -n
 * iterations, -j JSON, and the recording options. Every iteration runs on fresh IPC objects after
 * one preparation; a failed iteration ends the invocation, and is recorded as such in -j output.
 */
@Command(name = "ipclab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        customSynopsis = {
            "ipclab [-Bqsv] [-b buffersize] [-i ${sys:ipclab.mechanisms}] [-p tcp_port] [-t totalsize] mode",
            "       [-gj] [-n iterations] [--cpus LIST] [--jfr FILE [--jfr-calls]] [--pipe-size bytes]",
            "       [--shared-fd-table]${sys:ipclab.settingsSynopsis}",
            "ipclab COMMAND [options] [arguments]   (ipclab COMMAND --help for its own)",
            "ipclab -h | --help | -V | --version",
        },
        usageHelpWidth = 100,
        description = "Measures the bandwidth of IPC through a pipe, a Unix socket pair or loopback TCP, "
                + "as the L41 lab's ipc-static does, on raw system calls, and through the other mechanisms of -i "
                + "(ipclab latency for round trips).",
        footer = {
            "",
            "modes (one benchmark run):",
            "  1thread       IPC within a single thread",
            "  2thread       IPC between two threads in one process",
            "  2proc         IPC between two threads in two different processes",
            "",
            "commands:",
            "  latency       round trips of one message each way: percentiles of each one's time",
            "  describe      the machine, OS, IPC limits and JVM that results come from; -j for JSON",
            "  check         what could disturb a measurement here (load, busy processes, VM, clock...)",
            "  sweep         the lab's experiment: trials over modes, IPC types and buffer sizes, saved as run",
            "  report        summary tables and the HTML report of results folders",
            "  compare       two results folders, configuration by configuration",
            "  trace         one run under bpftrace, strace or perf, attached to the run's own threads",
            "  probe-effect  what each tracer costs the bandwidth it explains",
            "  lab           the whole lab: sweep, traced subset, probe effect, report and notebook",
            "  parity        ipclab against the same loops in C, built here, interleaved, pinned and free",
            "",
            "Sizes take k, m or g (powers of 1024): -b 4k, -t 1g. Exit codes: 0 ok, 64 usage, 65 bad data,",
            "66 missing input, 69 a tool is missing, 71 the kernel refused a set-up call (or too few open",
            "files), 73 an output cannot be created or a results folder is in use, 74 the transfer failed,",
            "77 not enough privilege.",
        })
public final class IpclabCommand implements Callable<Integer> {
    /** The most iterations one invocation makes. */
    public static final int MAX_ITERATIONS = 100_000;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions bench;

    @Option(names = "-n", paramLabel = "iterations",
            description = "run N times, each on fresh IPC objects, one sample each (default: 1; at most "
                    + MAX_ITERATIONS + ")")
    int iterations = 1;

    @Option(names = "-j", description = "print JSON: machine, JVM, clock, configuration and one record per sample")
    boolean json;

    @Option(names = "-q", description = "print nothing")
    boolean quiet;

    @Option(names = "-v", description = "print the configuration block before the result")
    boolean verbose;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "record ipclab's JDK Flight Recorder events (one per run) into FILE")
    Path jfrFile;

    @Option(names = "--jfr-calls",
            description = "also emit a JFR event per read(2)/write(2), with its size and duration (a probe: it "
                    + "changes what it measures)")
    boolean jfrCalls;

    // Optional to picocli, so that a subcommand (describe) can stand where the mode would; a
    // missing mode is checked in call() with picocli's own words.
    @Parameters(index = "0", arity = "0..1", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "1thread, 2thread or 2proc")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        BenchConfig config;
        try {
            config = validated();
        } catch (IllegalArgumentException e) {
            throw PicocliErrors.usage(spec.commandLine(), e.getMessage(), e);
        }
        return run(config, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The run's configuration; what is wrong with the command line as an IllegalArgumentException. */
    BenchConfig validated() {
        if (mode == null) {
            throw new IllegalArgumentException("Missing required parameter: 'mode'");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("-n must be 1.." + MAX_ITERATIONS + ", not " + iterations);
        }
        return bench.config(mode);
    }

    /** Runs the validated {@code config} and prints to {@code out}; without picocli (see {@link QuickRun}). */
    int run(BenchConfig config, PrintWriter out, PrintWriter err) throws Exception {
        Map<String, ?> machine = json ? MachineDescription.describeLive() : Map.of();
        FlightRecording recording = jfrFile == null ? null : FlightRecording.create(jfrFile, jfrCalls);
        RunProbes probes = new RunProbes(bench.usage(), jfrCalls,
                recording != null && mode == Mode.TWO_PROC ? recording.childRecording() : null);
        List<Sample> samples = new ArrayList<>();
        String warmup = null;
        Exception failure = null;
        try (recording; Benchmark benchmark = new Benchmark(config).probing(probes)) {
            try {
                if (recording != null) {
                    recording.start();
                }
                warmup = benchmark.prepare();
                if (recording != null) {
                    recording.startCallEvents();
                }
                String warmed = warmup;
                benchmark.measureAll(iterations, samples, sample -> {
                    if (!json && !quiet) {
                        printText(out, sample, warmed);
                    }
                });
            } catch (Exception e) {
                failure = e;
            }
            if (recording != null) {
                try {
                    recording.finish();
                } catch (java.io.IOException e) {
                    throw new UserException(ExitCodes.CANT_CREATE, "cannot write --jfr file " + jfrFile + ": "
                            + e.getMessage());
                }
            }
        }
        RunSummary.end(failure == null ? samples : List.of(), json, quiet, out, err);
        if (json && !quiet) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("iterations", iterations);
            settings.put("usage", bench.usage());
            settings.put("jfr_file", jfrFile == null ? null : jfrFile.toString());
            settings.put("jfr_calls", jfrCalls);
            settings.put("jfr_sender_file", senderRecording() == null ? null : senderRecording().toString());
            out.println(RunJson.render(RunSummary.withSummary(RunJson.document(machine, config, settings, warmup, samples,
                    failure == null ? null : String.valueOf(failure.getMessage())), samples)));
        }
        out.flush();
        if (failure != null) {
            throw failure;
        }
        return ExitCodes.OK;
    }

    /**
     * {@code --version}: ipclab's version and the JVM it runs on. Here rather than in
     * {@link VersionProvider}, whose picocli interface would be loaded from picocli's jar.
     */
    static String[] versionLines() {
        String version = IpclabCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "ipclab " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
        };
    }

    /** Where the 2proc child's call events go, or null when it records none. */
    private Path senderRecording() {
        return jfrFile != null && jfrCalls && mode == Mode.TWO_PROC ? FlightRecording.senderFile(jfrFile) : null;
    }

    private void printText(PrintWriter out, Sample sample, String warmup) {
        String jfr = null;
        if (jfrFile != null) {
            jfr = jfrFile + (jfrCalls ? " (run and call events)" : " (run events)");
            if (senderRecording() != null) {
                jfr += "; the sender's writes in " + senderRecording();
            }
        }
        TextOutput.Notes notes = new TextOutput.Notes(warmup, iterations, jfr);
        if (verbose) {
            if (iterations == 1) {
                out.print(TextOutput.verboseBlock(sample, notes));
            } else {
                if (sample.iteration() == 0) {
                    out.print(TextOutput.configurationBlock(sample.config(), notes));
                }
                out.print(TextOutput.iterationBlock(sample));
            }
        }
        out.println(TextOutput.resultLine(sample));
        out.flush();
    }
}
