package ipclab.cli;

import ipclab.model.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.model.Sample;
import ipclab.trace.TraceData;
import ipclab.trace.TraceText;
import ipclab.trace.Tracer;
import ipclab.trace.TracerException;
import ipclab.trace.TracerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ipclab trace}: one benchmark run under a tracer attached to its own threads and processes. */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = "Runs the benchmark once under a tracer attached to its threads only (the 2proc child "
                + "included), from just before the timed region to just after it, and prints what the tracer saw "
                + "of the timed region.",
        footer = {"", "tracers: bpftrace (the loop's read/write/poll: counts, sizes, errors; the cheapest), "
                + "bpftrace-sched (adds context switches, wake-ups, time off CPU, page faults), bpftrace-latency "
                + "(adds a latency histogram per call), bpftrace-syscalls (every system "
                + "call, with latency; costly), bpftrace-idle (a control that probes nothing), strace, perf.",
                "Needs root. Exit codes: 64 usage, 65 bad --script, 69 tracer missing or failed, 74 transfer failed, "
                + "77 no permission."})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions bench;

    @Option(names = "--tracer", paramLabel = "name", description = "bpftrace, bpftrace-sched, bpftrace-latency, bpftrace-syscalls, "
            + "bpftrace-idle, strace or perf (default: bpftrace)")
    String tracer = "bpftrace";

    @Option(names = "--script", paramLabel = "FILE", description = "run your own bpftrace script instead; it gets "
            + "the benchmark's pid as $1 and its output is kept")
    Path script;

    @Option(names = "--attach-timeout", paramLabel = "seconds", description = "give up when the tracer has not "
            + "attached after this long (default: 60)")
    int attachTimeoutSeconds = (int) Tracer.DEFAULT_ATTACH_TIMEOUT.toSeconds();

    @Option(names = "-j", description = "print the sample record with the trace data as JSON")
    boolean json;

    @Option(names = "--workload", paramLabel = "name", description = "stream (ipc-static's bandwidth, the default) or "
            + "latency (round trips of one -b-byte message each way, 64 bytes unless -b is given)")
    String workload = "stream";

    @Option(names = "--rounds", paramLabel = "N", description = "latency: round trips (default: 10000)")
    long rounds = 10_000;

    @Parameters(index = "0", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "1thread, 2thread or 2proc")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        boolean latency = switch (workload) {
            case "stream" -> false;
            case "latency" -> true;
            default -> throw PicocliErrors.usage(spec.commandLine(), "--workload: unknown workload '"
                    + workload + "' (stream, latency)");
        };
        BenchConfig config = latency ? bench.toLatencyConfig(mode, rounds) : bench.toConfig(mode);
        Duration timeout = Duration.ofSeconds(attachTimeoutSeconds);
        java.util.List<String> calls = config.mechanism().loopCalls();
        if (script == null && TracerKind.parse(tracer).filter(k -> !k.counts(calls)).isPresent()) {
            throw new UserException(ExitCodes.USAGE, "--tracer " + tracer + " counts read, write and poll; the loops of -i "
                    + config.mechanism().name() + " make " + String.join(", ", calls)
                    + ": use --tracer bpftrace-syscalls or strace");
        }
        try (Tracer t = script != null ? TracerKind.userScript(script, timeout)
                : TracerKind.parse(tracer).orElseThrow(() -> new UserException(ExitCodes.USAGE,
                        "unknown tracer '" + tracer + "': use " + TracerKind.names())).create(timeout, config.bufferSizeBytes());
                Benchmark benchmark = new Benchmark(config)) {
            String warmup = benchmark.prepare();
            Sample sample = benchmark.measure(0, t).withTracer(t.name());
            TraceData data = t.result();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                // The run's own -j document (ipclab-run/1), with the tracer's data beside its sample.
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("iterations", 1);
                settings.put("usage", bench.usage());
                settings.put("jfr_file", null);
                settings.put("jfr_calls", false);
                settings.put("tracer", t.name());
                Map<String, Object> doc = new LinkedHashMap<>(ipclab.report.RunJson.document(
                        ipclab.machine.MachineDescription.describeLive(), config, settings, warmup, List.of(sample),
                        null));
                doc.put("trace", data);
                out.println(TraceJson.write(doc));
            } else if (latency) {
                out.println(LatencyText.resultLine(sample) + String.format(java.util.Locale.ROOT,
                        " (%d round trips; %d reads, %d writes counted by the benchmark)", config.rounds(),
                        sample.reads(), sample.writes()));
                out.println();
                out.print(TraceText.render(data));
                out.print(TraceText.perRoundTrip(data, config.rounds()));
            } else {
                out.println(TextOutput.resultLine(sample) + String.format(java.util.Locale.ROOT,
                        " (%d reads, %d writes%s counted by the benchmark)", sample.reads(), sample.writes(),
                        mode == Mode.ONE_THREAD ? ", " + sample.polls() + " polls" : ""));
                out.println();
                out.print(TraceText.render(data));
            }
            out.flush();
        } catch (TracerException e) {
            throw TracerFailures.toUserException(e);
        }
        return ExitCodes.OK;
    }
}
