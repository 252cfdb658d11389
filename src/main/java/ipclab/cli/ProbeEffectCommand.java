package ipclab.cli;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.experiment.probe.ProbeEffectStudy;
import ipclab.experiment.probe.TracerComparison;
import ipclab.trace.ThreadSched;
import ipclab.trace.TraceData;
import ipclab.trace.TracerException;
import ipclab.trace.TracerKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipclab probe-effect}: what each tracer does to the bandwidth it observes. */
@Command(name = "probe-effect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = "Runs interleaved pairs of untraced and traced runs of one configuration for each tracer and "
                + "reports the bandwidth ratio traced/untraced (median over pairs, 95%% confidence interval, "
                + "Mann-Whitney U test) and, side by side, what each tracer saw.",
        footer = {"", "Needs root. Exit codes: 64 usage, 69 tracer missing or failed, 74 transfer failed, "
                + "77 no permission."})
public final class ProbeEffectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions bench;

    @Option(names = "--tracer", paramLabel = "LIST", split = ",", description = "tracers to compare, "
            + "comma-separated (default: bpftrace-idle,bpftrace,bpftrace-sched,bpftrace-latency,bpftrace-syscalls,perf,"
            + "strace; bpftrace-idle is the control: bpftrace attached with no probe on the run)")
    List<String> tracerNames = DEFAULT_TRACERS;

    private static final List<String> DEFAULT_TRACERS = List.of("bpftrace-idle", "bpftrace", "bpftrace-sched",
            "bpftrace-latency",
            "bpftrace-syscalls", "perf", "strace");

    @Option(names = "--script", paramLabel = "FILE", description = "also compare your own bpftrace script "
            + "(given the pid as $1, as with trace --script)")
    java.nio.file.Path script;

    @Option(names = "--trials", paramLabel = "N", description = "pairs of runs per tracer (default: 10)")
    int trials = 10;

    @Option(names = "--warmup", paramLabel = "N", description = "untraced runs made first and dropped (default: 2)")
    int warmups = 2;

    @Option(names = "--attach-timeout", paramLabel = "seconds", description = "give up when a tracer has not "
            + "attached after this long (default: 60)")
    int attachTimeoutSeconds = 60;

    /** Names the -j document's shape, as ipclab-run/1 names a run's. */
    static final String JSON_FORMAT = "ipclab-probe-effect/2";

    @Option(names = "-j", description = "print the studies as one JSON document (" + JSON_FORMAT + ")")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "also write the study as an HTML page with a chart "
            + "(probe-effect.html, .png, .svg) into DIR")
    java.nio.file.Path outDir;

    @Option(names = "--plan", paramLabel = "FILE", description = "study every configuration of a sweep plan "
            + "(YAML or JSON, as for ipclab sweep; it must give total) instead of one")
    java.nio.file.Path planFile;

    @Parameters(index = "0", arity = "0..1", paramLabel = "mode", converter = ModeConverter.Modes.class,
            description = "1thread, 2thread or 2proc (not with --plan)")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || warmups < 0) {
            throw new UserException(ExitCodes.USAGE, "--trials must be at least 1 and --warmup at least 0");
        }
        List<BenchConfig> configs = configurations();
        List<Map<String, Object>> studies = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        List<String> titles = new ArrayList<>();
        List<java.nio.file.Path> pages = new ArrayList<>();
        List<ipclab.experiment.lab.ProbeRow> all = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            BenchConfig config = sized(configs.get(i));
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "probe-effect: %d/%d %s: %d tracers x %d pairs", i + 1,
                    configs.size(), describe(config), tracerNames.size() + (script != null ? 1 : 0), trials));
            err.flush();
            List<TracerComparison> rows = study(config);
            if (outDir != null) {
                java.nio.file.Path dir = configs.size() == 1 ? outDir : outDir.resolve(String.format(Locale.ROOT,
                        "%02d-%s-%s-%d%s", i + 1, config.mode(), config.mechanism(), config.bufferSizeBytes(),
                        config.socketBuffers() ? "-s" : ""));
                pages.add(writePage(dir, config, rows));
                titles.add(describe(config));
                all.addAll(ipclab.experiment.lab.LabProbe.rows(config, rows));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("config", ipclab.model.ConfigFields.values(config)); // the sample's configuration fields
            doc.put("pairs_per_tracer", trials);
            doc.put("tracers", rows);
            studies.add(doc);
            if (!json) {
                out.print((i > 0 ? "\n" : "") + text(config, rows));
                out.flush();
            }
        }
        if (outDir != null && configs.size() > 1) {
            try {
                PrintWriter err = spec.commandLine().getErr();
                err.println("probe-effect index: " + ipclab.report.ProbeEffectReport.writeIndex(outDir, titles, pages, all));
                err.flush();
            } catch (java.io.IOException e) {
                throw new UserException(ExitCodes.CANT_CREATE, "cannot write the probe-effect index in " + outDir
                        + ": " + e.getMessage());
            }
        }
        if (json) {
            // One shape whether one configuration or a plan's were studied: format, machine, studies.
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", JSON_FORMAT);
            doc.put("machine", ipclab.machine.MachineDescription.describeLive());
            doc.put("studies", studies);
            out.println(TraceJson.write(doc));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The one configuration of the options, or every configuration of the plan, checked before anything runs. */
    private List<BenchConfig> configurations() {
        if (planFile == null) {
            if (mode == null) {
                throw PicocliErrors.usage(spec.commandLine(), "Missing required parameter: 'mode'");
            }
            if (workload.equals("latency")) {
                return List.of(bench.toLatencyConfig(mode, rounds));
            }
            if (!workload.equals(ipclab.model.Defaults.WORKLOAD)) {
                throw PicocliErrors.usage(spec.commandLine(), "--workload is stream or latency, not '"
                        + workload + "'");
            }
            return List.of(bench.toConfig(mode));
        }
        if (mode != null) {
            throw PicocliErrors.usage(spec.commandLine(),
                    "give either a mode or --plan, not both (the plan names its modes)");
        }
        try {
            var plan = ipclab.experiment.PlanParser.parse(ipclab.experiment.PlanParser.readFile(planFile), 0);
            if (plan.totalBytes() <= 0) {
                throw new UserException(ExitCodes.DATA, planFile + ": a probe-effect plan needs total (bytes per run), "
                        + "not min-time");
            }
            // Each configuration is studied in many pairs: bound the plan before building it.
            ipclab.experiment.PlanSize.check(plan, ipclab.experiment.PlanSize.DEFAULT_MAX_TRIALS);
            return plan.configurations(true).stream().map(k -> k.toConfig(plan.totalBytes())).toList();
        } catch (ipclab.experiment.PlanException e) {
            throw ExperimentErrors.of(e, true);
        }
    }

    private List<TracerComparison> study(BenchConfig config) throws Exception {
        Duration timeout = Duration.ofSeconds(attachTimeoutSeconds);
        List<ProbeEffectStudy.TracerFactory> factories = new ArrayList<>();
        for (String name : tracerNames) {
            TracerKind kind = TracerKind.parse(name.strip()).orElseThrow(() -> new UserException(ExitCodes.USAGE,
                    "unknown tracer '" + name + "': use " + TracerKind.names()));
            List<String> calls = config.mechanism().loopCalls();
            if (!kind.counts(calls)) {
                if (tracerNames == DEFAULT_TRACERS) {
                    continue; // the default list, less the tracers that cannot see this mechanism's calls
                }
                throw new UserException(ExitCodes.USAGE, "--tracer " + kind.label() + " counts read, write and poll; "
                        + "the loops of -i " + config.mechanism().name() + " make " + String.join(", ", calls)
                        + ": use --tracer bpftrace-syscalls or strace");
            }
            factories.add(ProbeEffectStudy.TracerFactory.of(kind, config, timeout));
        }
        if (script != null) {
            factories.add(new ProbeEffectStudy.TracerFactory() {
                @Override
                public String label() {
                    return "script";
                }

                @Override
                public ipclab.trace.Tracer create() throws TracerException {
                    return TracerKind.userScript(script, timeout);
                }
            });
        }
        try {
            return new ProbeEffectStudy(config, factories, trials, warmups).run();
        } catch (TracerException e) {
            throw TracerFailures.toUserException(e);
        }
    }

    @Option(names = "--workload", paramLabel = "stream|latency", description = "what the runs do: ipc-static's"
            + " stream (compared by bandwidth; the default) or round trips (compared by the median round trip)")
    String workload = ipclab.model.Defaults.WORKLOAD;

    @Option(names = "--rounds", paramLabel = "N", description = "latency: round trips per run (default: 20000)")
    long rounds = 20_000;

    @Option(names = "--run-time", paramLabel = "MS", description = "size each run from two untraced pilot runs to"
            + " last about MS (default: 200; 0, or -t given, or --plan: the size as given). A run of a few ms gives"
            + " ratios that are noise")
    int runTimeMillis = 200;

    /** The configuration with its total size picked from a pilot, unless the size was asked for. */
    private BenchConfig sized(BenchConfig config) throws Exception {
        if (runTimeMillis <= 0 || planFile != null || spec.commandLine().getParseResult().hasMatchedOption("-t")
                || !config.workload().equals(ipclab.model.Defaults.WORKLOAD)) {
            return config;
        }
        BenchConfig c = ipclab.experiment.lab.LabProbe.sized(config, runTimeMillis);
        spec.commandLine().getErr().println(String.format(Locale.ROOT, "probe-effect: runs of %s (about %d ms"
                + " untraced; -t to choose)", ipclab.experiment.Sizes.format(c.totalSizeBytes()), runTimeMillis));
        return c;
    }

    private java.nio.file.Path writePage(java.nio.file.Path dir, BenchConfig config, List<TracerComparison> rows) {
        String what = describe(config);
        java.nio.file.Path page;
        try {
            page = ipclab.report.ProbeEffectReport.write(dir, what, rows, ipclab.experiment.Machine.describe());
            // the pairs themselves, for report --format ipynb (the notebook loads them): bandwidths only
            if (config.workload().equals(ipclab.model.Defaults.WORKLOAD)) {
                java.nio.file.Path csv = dir.resolve(ipclab.experiment.lab.LabFiles.PROBE);
                java.nio.file.Files.deleteIfExists(csv);
                StringBuilder lines = new StringBuilder();
                ipclab.experiment.lab.LabProbe.rows(config, rows).forEach(r -> lines.append(r.csv()).append('\n'));
                ipclab.experiment.lab.LabFiles.append(csv, ipclab.experiment.lab.ProbeRow.HEADER,
                        lines.toString().stripTrailing());
            }
        } catch (java.io.IOException e) {
            throw new UserException(ExitCodes.CANT_CREATE, "cannot write the probe-effect report in " + dir
                    + ": " + e.getMessage());
        }
        // stderr, so that -j keeps stdout one JSON document
        spec.commandLine().getErr().println("probe-effect report: " + page);
        spec.commandLine().getErr().flush();
        return page;
    }

    /** The configuration in words, as the table's heading and the page's title say it. */
    static String describe(BenchConfig c) {
        if (!c.workload().equals(ipclab.model.Defaults.WORKLOAD)) {
            return String.format(Locale.ROOT, "%s %s, %s round trips of %s messages%s", c.mode(), c.mechanism(),
                    c.rounds(), ipclab.experiment.Sizes.format(c.bufferSizeBytes()), c.bare() ? ", -B" : "");
        }
        return String.format(Locale.ROOT, "%s %s, buffer %s, total %s%s%s", c.mode(), c.mechanism(),
                ipclab.experiment.Sizes.format(c.bufferSizeBytes()), ipclab.experiment.Sizes.format(c.totalSizeBytes()),
                c.socketBuffers() ? ", -s" : "", c.bare() ? ", -B" : "");
    }

    static String text(BenchConfig c, List<TracerComparison> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "probe effect: %s; %d pairs per tracer, order alternating%n%n",
                describe(c), rows.getFirst().estimate().pairs()));
        ipclab.model.Metric metric = ipclab.bench.Workloads.of(c).headline();
        String unit = (metric.higherIsBetter() ? "" : "p50 ") + metric.shownUnit();
        b.append(String.format(Locale.ROOT, "%-18s %15s %15s %7s %17s %9s %9s%n", "tracer", "untraced " + unit,
                "traced " + unit, "ratio", "95% CI", "p (MWU)", "attach s"));
        for (TracerComparison r : rows) {
            var e = r.estimate();
            b.append(String.format(Locale.ROOT, "%-18s %15s %15s %7.3f   [%5.3f, %5.3f] %9.4f %9.3f%s%n",
                    r.tracer(), ipclab.report.SummaryFormat.shown(metric, ProbeEffectStudy.median(r.untraced())),
                    ipclab.report.SummaryFormat.shown(metric, ProbeEffectStudy.median(r.traced())), e.medianRatio(),
                    e.ciLow(), e.ciHigh(), e.mannWhitneyP(), r.medianAttachSeconds(),
                    e.ciCoverage() < 0.95 ? String.format(Locale.ROOT, " (CI covers %.0f%%: too few pairs)",
                            100 * e.ciCoverage()) : ""));
        }
        TracerComparison last = rows.getLast();
        b.append(String.format(Locale.ROOT, "%nwhat each tracer saw of its last traced run (the benchmark counted "
                + "%d reads, %d writes):%n", last.benchmarkReads(), last.benchmarkWrites()));
        b.append(String.format(Locale.ROOT, "%-22s", ""));
        rows.forEach(r -> b.append(String.format(Locale.ROOT, " %16s", r.tracer())));
        b.append('\n');
        for (String call : c.mechanism().loopCalls()) { // read, write, poll; mq_timedsend...
            row(b, call + " calls", rows, d -> d.calls(call));
        }
        row(b, "errors", rows, d -> d.syscalls().values().stream().mapToLong(s -> s.errorCount()).sum());
        row(b, "context switches", rows, d -> sumThreads(d, ThreadSched::contextSwitches));
        row(b, "wakeups", rows, d -> sumThreads(d, ThreadSched::wakeups));
        row(b, "page faults", rows, d -> sumThreads(d, ThreadSched::pageFaults));
        return b.toString();
    }

    private static Long sumThreads(TraceData d, Function<ThreadSched, Long> f) {
        List<Long> v = d.threads().stream().map(f).filter(Objects::nonNull).toList();
        return v.isEmpty() ? null : v.stream().mapToLong(Long::longValue).sum();
    }

    private static void row(StringBuilder b, String label, List<TracerComparison> rows, Function<TraceData, Long> f) {
        b.append(String.format(Locale.ROOT, "%-22s", label)); // "mq_timedreceive calls"
        for (TracerComparison r : rows) {
            Long v = f.apply(r.view());
            b.append(String.format(Locale.ROOT, " %16s", v == null ? "-" : v.toString()));
        }
        b.append('\n');
    }

}
