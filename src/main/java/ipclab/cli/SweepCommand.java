package ipclab.cli;

import ipclab.experiment.Machine;
import ipclab.experiment.Plan;
import ipclab.experiment.PlanException;
import ipclab.experiment.PlanParser;
import ipclab.experiment.PlanSize;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsException;
import ipclab.experiment.ResultsFiles;
import ipclab.experiment.ResultsLock;
import ipclab.experiment.ResultsReader;
import ipclab.experiment.ResultsWriter;
import ipclab.experiment.SweepOutcome;
import ipclab.experiment.LoadLog;
import ipclab.experiment.SweepRunner;
import ipclab.experiment.TrialRecord;
import ipclab.report.CompactSummary;
import ipclab.report.HtmlReport;
import ipclab.report.Summary;
import ipclab.report.SummaryFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ipclab sweep}: runs a plan of trials into a results folder, then summarises and reports it. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {
            "Runs every combination of the lists given, each --trials times after --warmup discarded trials, in a"
                    + " seeded random order that interleaves the configurations. Each trial is appended to"
                    + " results.csv and results.jsonl as soon as it is measured. Ends with a summary and an HTML"
                    + " report.",
            "With no options: the lab's plan, 1thread, 2thread and 2proc over pipe and local, buffers 32..1M,"
                    + " -s off and on for sockets, 2thread and 2proc with both ends on the first CPU and one CPU"
                    + " each, 10 trials of at least 50 ms each after 1 warm-up (2,640 trials; 3 to 4 minutes on"
                    + " 2 cores).",
        },
        footer = {
            "Lists are comma-separated. Sizes take k, m or g (powers of 1024); a range LOW..HIGH is every power of"
                    + " two between. A plan file (YAML or JSON) takes the long option names as keys; options given"
                    + " here override it. Exit codes: 64 usage or an impossible plan point, 65 bad plan file or"
                    + " results, 66 missing input, 73 cannot create the results folder or another sweep is writing it,"
                    + " 74 a write or a trial failed.",
        })
final class SweepCommand implements Callable<Integer> {
    /** A plan file larger than this is announced before it is parsed. */
    private static final long BIG_PLAN_BYTES = 256 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "LIST", description = "modes: 1thread,2thread,2proc (default: all three)")
    String modes;

    @Option(names = "--ipc", paramLabel = "LIST", description = "IPC types: pipe,local,tcp or all (default: pipe,local)")
    String ipcs;

    @Option(names = "--buffers", paramLabel = "LIST", description = "buffer sizes or ranges (default: 32..1M)")
    String buffers;

    @Option(names = "--workload", paramLabel = "LIST", description = "stream (bandwidth over --buffers), latency "
            + "(round trips over --message-sizes), or both (default: stream)")
    String workloads;

    @Option(names = "--message-sizes", paramLabel = "LIST", description = "the latency workload's message sizes or "
            + "ranges (default: 1..64k)")
    String messageSizes;

    @Option(names = "-s", paramLabel = "LIST", description = "socket buffers set to the buffer size: off,on"
            + " (default: off,on; pipes always off)")
    String socketBuffers;

    @Option(names = "--pipe-size", paramLabel = "LIST", description = "pipe capacities, 0 = kernel default"
            + " (default: 0; sockets always 0)")
    String pipeSizes;

    @Option(names = "--fd-table", paramLabel = "LIST", description = "the benchmark threads' descriptor table: "
            + "private,shared (default: private; 2thread always shares it, as ipc-static's threads do). "
            + "Both show what a multi-threaded process pays per read and write")
    String fdTables;

    @Option(names = "--cpus", paramLabel = "SET", description = "a CPU placement, receiver first, e.g. 0,1;"
            + " 'any' for unpinned; repeat for several (default: the first CPU, and the first two, when no"
            + " other option or --plan sets the configurations; otherwise any)")
    List<String> cpus;

    @Option(names = "--trials", paramLabel = "N", description = "measured trials per configuration (default: 10)")
    Integer trials;

    @Option(names = "--precision", paramLabel = "PCT", description = "after --trials, add blocks of trials for the"
            + " configurations whose median's 95%% interval is not yet within +-PCT of it, up to --max-trials"
            + " (e.g. --precision 2%%)")
    String precision;

    @Option(names = "--max-trials", paramLabel = "N", description = "with --precision, the most measured trials a"
            + " configuration gets (default: " + ipclab.experiment.PlanParser.DEFAULT_MAX_TRIALS + ")")
    Integer maxTrialsPerConfig;

    @Option(names = "--warmup", paramLabel = "N", description = "discarded warm-up trials per configuration"
            + " (default: 1)")
    Integer warmup;

    @Option(names = "--total", paramLabel = "BYTES", description = "bytes per trial (replaces --min-time)")
    String total;

    @Option(names = "--min-time", paramLabel = "MS", description = "bytes per trial picked per configuration so"
            + " that a trial lasts at least MS, from the trials of the configuration so far (default: 50)")
    Integer minTime;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the trial order (default: random, printed)")
    Long seed;

    @Option(names = "--quiesce", paramLabel = "MS", description = "before each block of trials: sync(2) three times"
            + " and sleep MS (default: 0, neither)")
    Integer quiesce;

    @Option(names = "--trial-timeout", paramLabel = "S", description = "stop a trial whose transfer has not ended"
            + " after S seconds (loopback TCP with tiny -s buffers can stall for minutes), record it as failed and"
            + " skip the rest of its configuration (default: 10)")
    Integer trialTimeout;

    @Option(names = "--plan", paramLabel = "FILE", description = "a plan file, YAML or JSON")
    Path planFile;

    @Option(names = "--out", paramLabel = "DIR", description = "where results folders go (default: results)")
    Path out = Path.of("results");

    @Option(names = "--resume", paramLabel = "DIR", description = "finish an interrupted sweep: runs only the"
            + " trials missing from DIR, with DIR's plan and seed")
    Path resume;

    @Option(names = "--max-trials-total", paramLabel = "N", description = "refuse a plan of more than N trials,"
            + " warm-ups included, before anything runs (default: " + PlanSize.DEFAULT_MAX_TRIALS + "; at most "
            + PlanSize.MAX_TRIALS_LIMIT + ")")
    long maxTrialsTotal = PlanSize.DEFAULT_MAX_TRIALS;

    @Option(names = "--label", paramLabel = "TEXT", description = "a name for the results folder, used by report,"
            + " compare and the charts' legends instead of the folder's name (1 to 40 characters, one line)")
    String label;

    /** The label if it is one line of 1 to 40 characters; else a usage error. */
    static String checkLabel(String label) {
        if (label != null && (label.isBlank() || label.length() > 40 || label.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new UserException(ExitCodes.USAGE, "--label: '" + Escapes.oneLine(label) + "' must be one line of 1"
                    + " to 40 characters");
        }
        return label;
    }

    @Option(names = "--no-report", description = "do not write the HTML report at the end")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkLabel(label);
        ResultsLock lock = null;
        try {
            Path folder;
            Plan plan;
            List<TrialRecord> previous;
            ResultsWriter writer;
            if (resume != null) {
                refusePlanOptions();
                if (!java.nio.file.Files.isDirectory(resume)) {
                    throw new UserException(ExitCodes.NO_INPUT, resume + ": no such results folder");
                }
                ResultsFiles.readMetadata(resume);
                // Before the repair: a second sweep must not cut the files the first is writing.
                lock = ResultsLock.acquire(resume);
                Results before = ResultsReader.repair(resume);
                before.warnings().forEach(w -> err.println("ipclab: warning: " + Escapes.controls(w)));
                folder = resume;
                plan = before.plan();
                previous = before.trials();
                try {
                    PlanSize.check(plan, maxTrials());
                } catch (PlanException e) {
                    throw ExperimentErrors.of(e, true);
                }
                out.println(planLine(plan));
                out.flush();
                checkPoints(plan, true);
                writer = ResultsWriter.resume(folder);
            } else {
                plan = plan();
                out.println(planLine(plan));
                out.flush();
                checkPoints(plan, planFile != null && !anyPlanOption());
                folder = ResultsFiles.newFolder(this.out, plan.name(), LocalDateTime.now());
                lock = ResultsLock.acquire(folder);
                Map<String, Object> metadata = ResultsFiles.metadata(plan, Machine.describe(),
                        new VersionProvider().getVersion()[0],
                        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
                if (label != null) {
                    metadata.put("label", label);
                }
                ResultsFiles.writeMetadata(folder, metadata);
                previous = List.of();
                writer = ResultsWriter.create(folder);
            }
            SweepOutcome outcome;
            String busy;
            String stolen;
            try (writer) {
                Progress progress = new Progress(err, Progress.stderrIsTerminal());
                LoadLog load = LoadLog.open(folder);
                SweepRunner runner = new SweepRunner(plan, previous, writer, progress).recordingLoad(load);
                int todo = runner.remaining().size();
                out.println(todoLine(todo, previous.size(), folder));
                out.flush();
                // Ctrl-C: end the progress line and say how to finish (the saved trials are safe).
                int saved = previous.size();
                Thread onInterrupt = new Thread(() -> {
                    err.println(interrupted(saved + progress.stop(), saved + todo, folder));
                    err.flush();
                }, "ipclab-sweep-interrupted");
                Runtime.getRuntime().addShutdownHook(onInterrupt);
                try {
                    outcome = runner.run();
                } finally {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                    load.close();
                }
                busy = LoadLog.busyWarning(load.entries(), Runtime.getRuntime().availableProcessors());
                stolen = LoadLog.stealWarning(load.entries());
            }
            out.println(String.format(Locale.ROOT, "sweep: %d trials in %.1f s wall; timed regions of the measured"
                    + " trials %.1f s, %.2f of the wall time%s", outcome.trialsRun(), outcome.wallNanos() / 1e9,
                    outcome.timedNanos() / 1e9, outcome.timedShare(), shortText(plan, outcome)
                    + (outcome.failures() > 0 ? "; " + outcome.failures() + " trials FAILED (see the error column)" : "")));
            if (plan.precision() > 0) {
                out.println(precisionText(plan, ExperimentErrors.read(folder, err)));
            }
            if (busy != null) {
                out.println(busy);
            }
            if (stolen != null) {
                out.println(stolen);
            }
            Results results = ExperimentErrors.read(folder, err);
            List<Summary> summaries = Summary.of(results);
            Path full = folder.resolve(SUMMARY);
            try {
                java.nio.file.Files.writeString(full, SummaryFormat.MARKDOWN.render(summaries)
                        + ipclab.report.SummaryFlags.markdown(summaries));
            } catch (java.io.IOException e) {
                throw new UserException(ExitCodes.IO_ERROR, "cannot write " + full + ": " + e.getMessage());
            }
            out.println();
            out.print(CompactSummary.render(summaries));
            ipclab.report.SummaryFlags.lines(summaries).forEach(out::println);
            out.println();
            out.println("summary: " + full + " (all of it)");
            out.println("results: " + folder.resolve(ResultsFiles.CSV));
            if (!noReport) {
                out.println("report: " + HtmlReport.write(List.of(results), folder));
            }
            out.flush();
            return outcome.failures() > 0 ? ExitCodes.IO_ERROR : ExitCodes.OK;
        } catch (ResultsException e) {
            throw ExperimentErrors.of(e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** How the --min-time promise was kept by the trials this run measured; empty for a --total plan. */
    static String shortText(Plan plan, SweepOutcome outcome) {
        if (plan.minTimeMillis() <= 0 || outcome.trialsRun() == 0) {
            return "";
        }
        int n = outcome.shortTrials();
        return n == 0 ? "; every measured trial lasted at least " + plan.minTimeMillis() + " ms"
                : "; " + n + " measured trial" + (n == 1 ? "" : "s") + " shorter than --min-time " + plan.minTimeMillis()
                        + " ms (counted per configuration in " + SUMMARY + ")";
    }

    /** How --precision went: how many configurations got there, with how many trials, and which did not. */
    static String precisionText(Plan plan, Results results) {
        Map<ipclab.experiment.ConfigKey, double[]> values = Summary.values(results);
        List<String> open = new java.util.ArrayList<>();
        int[] trials = values.values().stream().mapToInt(v -> v.length).sorted().toArray();
        for (var e : values.entrySet()) {
            if (!plan.precise(e.getValue())) {
                open.add(e.getKey().describe() + " (" + e.getValue().length + " trials)");
            }
        }
        String pct = ipclab.experiment.PlanParser.percent(plan.precision());
        String line = String.format(Locale.ROOT, "precision: %d of %d configurations have their median's 95%% interval"
                + " within +-%s, with %d to %d measured trials (median %d; --max-trials %d)", values.size() - open.size(),
                values.size(), pct, trials.length == 0 ? 0 : trials[0], trials.length == 0 ? 0 : trials[trials.length - 1],
                trials.length == 0 ? 0 : trials[trials.length / 2], plan.maxTrials());
        return open.isEmpty() ? line : line + "; not within it: " + String.join("; ", open);
    }

    /**
     * The default sweep's placements, from the CPUs this process may use: both ends on the first
     * (a wake-up is a switch on that CPU: the woken end runs when the waker sleeps) and one CPU each
     * (the woken end runs at once on its own CPU, which may first have to come out of idle); on a
     * single CPU, that one; unpinned only when the CPUs cannot be read.
     */
    static List<String> defaultPlacements(List<Integer> usable) {
        if (usable.isEmpty()) {
            return List.of("any");
        }
        int first = usable.getFirst();
        return usable.size() == 1 ? List.of(String.valueOf(first)) : List.of(String.valueOf(first), first + "," + usable.get(1));
    }

    /** The full summary tables, written into the results folder at the end of a sweep. */
    static final String SUMMARY = "summary.md";

    /** What Ctrl-C prints: how many trials are safe, and the command that runs the rest. */
    static String interrupted(int saved, int total, Path folder) {
        return "sweep interrupted: " + saved + " of " + total + " trials saved; finish with: bin/ipclab sweep --resume "
                + folder;
    }

    private Plan plan() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (planFile != null) {
            noteBigPlanFile();
            try {
                settings.putAll(PlanParser.readFile(planFile));
            } catch (PlanException e) {
                throw ExperimentErrors.of(e, true);
            }
        }
        if (planFile == null && !anyConfigurationOption()) {
            // The default sweep measures placement as a factor instead of leaving it to chance.
            settings.put("name", "default");
            settings.put("cpus", defaultPlacements(CpuOption.usableCpus()));
        }
        put(settings, "mode", modes);
        put(settings, "ipc", ipcs);
        put(settings, "buffers", buffers);
        put(settings, "workload", workloads);
        put(settings, "message-sizes", messageSizes);
        put(settings, "s", socketBuffers);
        put(settings, "pipe-size", pipeSizes);
        put(settings, "cpus", cpus);
        put(settings, "fd-table", fdTables);
        put(settings, "trials", trials);
        put(settings, "precision", precision);
        put(settings, "max-trials", maxTrialsPerConfig);
        put(settings, "warmup", warmup);
        put(settings, "seed", seed);
        put(settings, "quiesce", quiesce);
        put(settings, "trial-timeout", trialTimeout);
        settings.putAll(SettingOptions.given(spec)); // the mechanisms' own settings, as lists of levels
        if (total != null && minTime != null) {
            throw new UserException(ExitCodes.USAGE, "give --total or --min-time, not both");
        }
        if (total != null) {
            settings.remove("min-time");
            settings.put("total", total);
        }
        if (minTime != null) {
            settings.remove("total");
            settings.put("min-time", minTime);
        }
        try {
            Plan plan = PlanParser.parse(settings, ThreadLocalRandom.current().nextLong(1, 1L << 48));
            PlanSize.check(plan, maxTrials());
            return plan;
        } catch (PlanException e) {
            throw ExperimentErrors.of(e, planFile != null && !anyPlanOption());
        }
    }

    /**
     * Parsing YAML runs at about 2 MB a second here: a plan file that big is said before it is
     * read, so that the sweep's first line comes within a second whatever the plan.
     */
    private void noteBigPlanFile() {
        try {
            long bytes = java.nio.file.Files.isRegularFile(planFile) ? java.nio.file.Files.size(planFile) : 0;
            if (bytes > BIG_PLAN_BYTES) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("sweep: reading plan " + Escapes.oneLine(planFile.toString()) + " (" + bytes + " bytes)");
                err.flush();
            }
        } catch (java.io.IOException e) {
            // readFile says what is wrong with it
        }
    }

    /** Every point of the plan, checked (after its size, which is arithmetic, and the first line). */
    private void checkPoints(Plan plan, boolean fromFile) {
        try {
            plan.configurations();
        } catch (PlanException e) {
            throw ExperimentErrors.of(e, fromFile);
        }
        List<String> leftOut = plan.leftOutHere();
        if (!leftOut.isEmpty()) {
            // The plan's line counted them; say which are not run here, and why (the first).
            PrintWriter err = spec.commandLine().getErr();
            err.println("sweep: " + leftOut.size() + " size" + (leftOut.size() == 1 ? "" : "s")
                    + " left out on this machine: " + Escapes.oneLine(leftOut.getFirst())
                    + (leftOut.size() > 1 ? "; and " + (leftOut.size() - 1) + " more" : ""));
            err.flush();
        }
    }

    private long maxTrials() {
        try {
            return PlanSize.maxTrials(maxTrialsTotal);
        } catch (PlanException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** Whether an option changes which configurations run (not how many trials, nor their order or size). */
    private boolean anyConfigurationOption() {
        return modes != null || ipcs != null || buffers != null || workloads != null || messageSizes != null
                || socketBuffers != null || pipeSizes != null || cpus != null || fdTables != null
                || !SettingOptions.given(spec).isEmpty();
    }

    private boolean anyPlanOption() {
        return modes != null || ipcs != null || buffers != null || workloads != null || messageSizes != null
                || socketBuffers != null || pipeSizes != null
                || cpus != null || fdTables != null || trials != null || warmup != null || total != null
                || minTime != null || seed != null || quiesce != null || trialTimeout != null || precision != null
                || maxTrialsPerConfig != null || !SettingOptions.given(spec).isEmpty();
    }

    private void refusePlanOptions() {
        if (anyPlanOption() || planFile != null) {
            throw new UserException(ExitCodes.USAGE, "--resume takes the plan and seed from " + resume.resolve(
                    ResultsFiles.METADATA) + "; give no plan options with it");
        }
    }

    /** The first line, from arithmetic alone: said before any configuration is made. */
    private static String planLine(Plan plan) {
        String size = plan.totalBytes() > 0 ? plan.totalBytes() + " bytes per trial"
                : "each measured trial at least " + plan.minTimeMillis() + " ms";
        return "sweep: plan " + Escapes.oneLine(plan.name()) + ", " + PlanSize.configurations(plan)
                + " configurations x (" + plan.trials() + " trials" + (plan.precision() > 0 ? ", then up to "
                        + plan.maxTrials() + " until within --precision " + ipclab.experiment.PlanParser.percent(
                        plan.precision()) : "") + " + " + plan.warmupTrials() + " warm-up), " + size
                + ", seed " + plan.seed();
    }

    private static String todoLine(int todo, int done, Path folder) {
        return "sweep: " + todo + " trials to run" + (done > 0 ? " (" + done + " already saved)" : "")
                + "; results in " + Escapes.oneLine(folder.toString());
    }
}
