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
import ipclab.experiment.SweepRunner;
import ipclab.experiment.TrialRecord;
import ipclab.experiment.lab.LabFiles;
import ipclab.experiment.lab.LabPlan;
import ipclab.experiment.lab.LabProbe;
import ipclab.experiment.lab.ProbeRow;
import ipclab.experiment.lab.TracedRow;
import ipclab.experiment.lab.TracedRun;
import ipclab.experiment.probe.RatioEstimate;
import ipclab.model.BenchConfig;
import ipclab.report.LabReport;
import ipclab.report.Notebook;
import ipclab.report.Summary;
import ipclab.report.SummaryFormat;
import ipclab.trace.TracerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ipclab lab}: the L41 lab's experiments in one command, into one results folder: the
 * buffer-size sweep, a traced subset that counts calls, switches and faults, and a probe-effect
 * study across buffer sizes; then a report organised by the lab's questions and a notebook.
 * Each stage saves as it goes, so {@code --resume} runs only what is missing.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {
            "Runs the IPC lab's experiments on this machine and writes one results folder: the buffer-size sweep"
                    + " (pipe and local, -s off and on, 1thread, 2thread and 2proc, both ends on one CPU and on one CPU each), a traced subset counting system"
                    + " calls, context switches and page faults per configuration, and a probe-effect study of"
                    + " 2thread pipe across buffer sizes with the bpftrace-idle control; then report.html, organised"
                    + " by the lab's questions, and a Jupyter notebook (ipclab.ipynb).",
            "About 8 minutes on 2 cores; --quick about 40 seconds. Tracing needs root and bpftrace or perf:"
                    + " without them the lab says so and runs the rest.",
        },
        footer = {"Exit codes: 64 usage, 65 bad results folder, 66 missing folder, 73 cannot create the folder or"
                + " another lab is writing it, 74 a trial or a write failed."})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "a small plan: 4 buffer sizes, 3 trials, 4 traced runs, one probe-effect"
            + " size with 2 tracers (under a minute)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "where the lab's folder goes (default: results)")
    Path out = Path.of("results");

    @Option(names = "--resume", paramLabel = "DIR", description = "finish an interrupted lab: runs only what DIR lacks")
    Path resume;

    @Option(names = "--no-notebook", description = "do not write ipclab.ipynb")
    boolean noNotebook;

    @Option(names = "--attach-timeout", paramLabel = "S", description = "give up on a tracer not attached after S"
            + " seconds (default: 60)")
    int attachTimeoutSeconds = 60;

    private PrintWriter stdout;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        stdout = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        LabPlan lab;
        Path folder;
        Plan plan;
        if (resume != null) {
            if (quick) {
                throw new UserException(ExitCodes.USAGE, "--resume takes the plan from " + resume.resolve(LabFiles.LAB)
                        + "; give no --quick with it");
            }
            if (!LabFiles.isLab(resume)) {
                throw new UserException(Files.isDirectory(resume) ? ExitCodes.DATA : ExitCodes.NO_INPUT, resume
                        + (Files.isDirectory(resume) ? ": not a lab folder (no " + LabFiles.LAB + ")"
                                : ": no such lab folder"));
            }
            lab = LabPlan.of(readQuick(resume));
            folder = resume;
            plan = null;
        } else {
            lab = quick ? LabPlan.quick() : LabPlan.full();
            plan = plan(lab);
            folder = null;
        }
        ResultsLock lock = null;
        try {
            if (folder == null) {
                folder = ResultsFiles.newFolder(out, lab.name(), LocalDateTime.now());
                lock = ResultsLock.acquire(folder);
                String version = new VersionProvider().getVersion()[0];
                ResultsFiles.writeMetadata(folder, ResultsFiles.metadata(plan, Machine.describe(), version,
                        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString()));
                writeLab(folder, lab.isQuick(), version);
            } else {
                lock = ResultsLock.acquire(folder);
            }
            Path dir = folder;
            List<TrialRecord> previous = List.of();
            if (plan == null) {
                Results before = ResultsReader.repair(dir);
                before.warnings().forEach(w -> err.println("ipclab: warning: " + Escapes.controls(w)));
                plan = before.plan();
                previous = before.trials();
            }
            announce(lab, plan, dir);
            int failures = sweep(plan, previous, dir, resume != null);
            traced(lab, dir);
            probe(lab, dir);
            finish(dir);
            return failures > 0 ? ExitCodes.IO_ERROR : ExitCodes.OK;
        } catch (ResultsException e) {
            throw ExperimentErrors.of(e);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static Plan plan(LabPlan lab) {
        try {
            java.util.Map<String, Object> sweep = new java.util.LinkedHashMap<>(lab.sweep());
            // placement explicit, as the default sweep's: both ends on one CPU and one CPU each
            sweep.put("cpus", SweepCommand.defaultPlacements(CpuOption.usableCpus()));
            return PlanParser.parse(sweep,
                    ThreadLocalRandom.current().nextLong(1, 1L << 48));
        } catch (PlanException e) {
            throw new UserException(ExitCodes.SOFTWARE, "the lab's plan: " + e.getMessage());
        }
    }

    /** The first lines: what will run, how long it should take, where it goes, how to resume. */
    private void announce(LabPlan lab, Plan plan, Path folder) {
        stdout.println(String.format(Locale.ROOT, "lab: %s: 1. sweep of %d configurations (modes %s; pipe, local"
                + " -s off, local -s on; buffers %s..%s; placements %s, 1thread on the first) x (%d trials + %d"
                + " warm-up), each at least %d ms;"
                + " 2. %d traced runs counting calls, switches and faults; 3. probe effect of 2thread pipe at %s,"
                + " %s, %d pairs each", lab.isQuick() ? "the quick plan" : "the full plan",
                PlanSize.configurations(plan), String.join(",", ipclab.ipc.Mode.labels(plan.modes())),
                ipclab.experiment.Sizes.format(plan.bufferSizes().getFirst()),
                ipclab.experiment.Sizes.format(plan.bufferSizes().getLast()), plan.cpuSets().stream()
                        .map(c -> c.isEmpty() ? "unpinned" : "cpus " + c.stream().map(String::valueOf)
                                .collect(Collectors.joining(","))).collect(Collectors.joining(" and ")),
                plan.trials(), plan.warmupTrials(),
                plan.minTimeMillis(), lab.traced().size(),
                lab.probeSizes().stream().map(s -> ipclab.experiment.Sizes.format(s)).collect(Collectors.joining(", ")),
                lab.probeTracers().stream().map(TracerKind::label).collect(Collectors.joining(", ")), lab.probePairs()));
        stdout.println("lab: should take about " + Progress.duration(lab.expectedSeconds() * 1e9) + " on 2 cores;"
                + " results in " + Escapes.oneLine(folder.toString()) + "; if stopped, finish with: bin/ipclab lab"
                + " --resume " + Escapes.oneLine(folder.toString()));
        stdout.flush();
    }

    /** Stage 1, as {@code ipclab sweep} runs it; returns the failed trials. */
    private int sweep(Plan plan, List<TrialRecord> previous, Path folder, boolean resumed) throws Exception {
        SweepOutcome outcome;
        try (ResultsWriter writer = resumed ? ResultsWriter.resume(folder) : ResultsWriter.create(folder)) {
            Progress progress = new Progress(err, Progress.stderrIsTerminal());
            SweepRunner runner = new SweepRunner(plan, previous, writer, progress);
            int todo = runner.remaining().size();
            if (todo == 0) {
                stdout.println("lab: 1. sweep: all " + previous.size() + " trials already saved");
                stdout.flush();
                return 0;
            }
            stdout.println("lab: 1. sweep: " + todo + " trials to run" + (previous.isEmpty() ? ""
                    : " (" + previous.size() + " already saved)"));
            stdout.flush();
            Thread onInterrupt = new Thread(() -> {
                progress.stop();
                err.println("lab interrupted: what was measured is saved; finish with: bin/ipclab lab --resume "
                        + folder);
                err.flush();
            }, "ipclab-lab-interrupted");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                outcome = runner.run();
            } finally {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
        }
        stdout.println(String.format(Locale.ROOT, "lab: 1. sweep: %d trials in %.1f s%s", outcome.trialsRun(),
                outcome.wallNanos() / 1e9, SweepCommand.shortText(plan, outcome)
                        + (outcome.failures() > 0 ? "; " + outcome.failures() + " trials FAILED (see results.csv)" : "")));
        stdout.flush();
        return outcome.failures();
    }

    /** Stage 2: each point of the traced subset once under the first counting tracer that runs here. */
    private void traced(LabPlan lab, Path folder) throws Exception {
        Set<String> done = readTraced(folder).stream().map(TracedRow::key).collect(Collectors.toSet());
        List<LabPlan.TracedPoint> todo = lab.traced().stream().filter(p -> !done.contains(TracedRow.key(p))).toList();
        if (todo.isEmpty()) {
            stdout.println("lab: 2. traced: all " + lab.traced().size() + " runs already saved");
            stdout.flush();
            return;
        }
        List<String> why = new ArrayList<>();
        var kind = TracedRun.firstAvailable(TracedRun.PREFERRED, why::add);
        if (kind.isEmpty()) {
            stdout.println("lab: 2. traced: skipped, no counting tracer runs here (" + String.join("; ", why)
                    + "); the report explains with the benchmark's own call counts");
            stdout.flush();
            return;
        }
        stdout.println("lab: 2. traced: " + todo.size() + " runs under " + kind.get().label()
                + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
        stdout.flush();
        int i = 0;
        for (LabPlan.TracedPoint p : todo) {
            i++;
            long start = System.nanoTime();
            try {
                TracedRow row = TracedRun.run(p, kind.get(), Duration.ofSeconds(attachTimeoutSeconds));
                append(folder.resolve(LabFiles.TRACED), TracedRow.HEADER, row.csv());
                err.println(String.format(Locale.ROOT, "lab: traced %d/%d %s: %d calls, %s switches, %s faults"
                        + " (%.1f s)", i, todo.size(), p.describe(), row.reads() + row.writes() + row.polls(),
                        text(row.contextSwitches()), text(row.pageFaults()), (System.nanoTime() - start) / 1e9));
            } catch (ipclab.trace.TracerException e) {
                err.println("lab: traced " + i + "/" + todo.size() + " " + p.describe() + ": " + e.getMessage()
                        + "; left out");
            }
            err.flush();
        }
    }

    private static String text(Long v) {
        return v == null ? "-" : v.toString();
    }

    /** Stage 3: the probe-effect study at each size, its tracers those that run here. */
    private void probe(LabPlan lab, Path folder) throws Exception {
        Set<Integer> done = readProbe(folder).stream().map(ProbeRow::bufferSizeBytes).collect(Collectors.toSet());
        List<Integer> todo = lab.probeSizes().stream().filter(s -> !done.contains(s)).toList();
        if (todo.isEmpty()) {
            stdout.println("lab: 3. probe effect: " + (lab.probeSizes().size() == 1 ? "its size"
                    : "all " + lab.probeSizes().size() + " sizes") + " already saved");
            stdout.flush();
            return;
        }
        List<TracerKind> tracers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (TracerKind k : lab.probeTracers()) {
            TracedRun.firstAvailable(List.of(k), missing::add).ifPresent(tracers::add);
        }
        if (tracers.isEmpty()) {
            stdout.println("lab: 3. probe effect: skipped, no tracer runs here (" + String.join("; ", missing) + ")");
            stdout.flush();
            return;
        }
        stdout.println("lab: 3. probe effect: " + todo.size() + (todo.size() == 1 ? " size x " : " sizes x ")
                + tracers.size() + " tracers x "
                + lab.probePairs() + " pairs" + (missing.isEmpty() ? "" : " (left out: " + String.join("; ", missing)
                        + ")"));
        stdout.flush();
        int i = 0;
        for (int size : todo) {
            i++;
            long start = System.nanoTime();
            BenchConfig config = LabProbe.sized(size, lab.probeRunMillis());
            err.println(String.format(Locale.ROOT, "lab: probe effect %d/%d: %s, %s a run (about %d ms untraced)", i,
                    todo.size(), ProbeEffectCommand.describe(config), ipclab.experiment.Sizes.format(
                            config.totalSizeBytes()), lab.probeRunMillis()));
            err.flush();
            List<ProbeRow> rows;
            try {
                rows = LabProbe.run(config, tracers, lab.probePairs(), Duration.ofSeconds(attachTimeoutSeconds));
            } catch (ipclab.trace.TracerException e) {
                throw TracerFailures.toUserException(e);
            }
            StringBuilder lines = new StringBuilder();
            for (ProbeRow r : rows) {
                lines.append(r.csv()).append('\n');
            }
            append(folder.resolve(LabFiles.PROBE), ProbeRow.HEADER, lines.toString().stripTrailing());
            StringBuilder said = new StringBuilder();
            for (TracerKind k : tracers) {
                List<ProbeRow> mine = rows.stream().filter(r -> r.tracer().equals(k.label())).toList();
                RatioEstimate e = RatioEstimate.of(mine.stream().mapToDouble(ProbeRow::untracedKibPerSec).toArray(),
                        mine.stream().mapToDouble(ProbeRow::tracedKibPerSec).toArray());
                said.append(String.format(Locale.ROOT, "%s %.2f [%.2f, %.2f]; ", k.label(), e.medianRatio(), e.ciLow(),
                        e.ciHigh()));
            }
            err.println(String.format(Locale.ROOT, "lab: probe effect %d/%d: traced/untraced %s(%.0f s)", i,
                    todo.size(), said, (System.nanoTime() - start) / 1e9));
            err.flush();
        }
    }

    /** The summary, the report organised by the lab's questions, and the notebook. */
    private void finish(Path folder) throws Exception {
        Results results = ExperimentErrors.read(folder, err);
        List<Summary> summaries = Summary.of(results);
        Path summary = folder.resolve(SweepCommand.SUMMARY);
        try {
            Files.writeString(summary, SummaryFormat.MARKDOWN.render(summaries));
            stdout.println("summary: " + summary);
            stdout.println("report: " + LabReport.write(results, readTraced(folder), readProbe(folder), folder));
            if (!noNotebook) {
                stdout.println("notebook: " + Notebook.write(results, folder.resolve(Notebook.FILE),
                        new VersionProvider().getVersion()[0]));
            }
        } catch (IOException e) {
            throw new UserException(ExitCodes.IO_ERROR, folder + ": " + e.getMessage());
        }
        stdout.flush();
    }

    private static boolean readQuick(Path folder) {
        try {
            return LabFiles.readQuick(folder);
        } catch (IOException | RuntimeException e) {
            throw new UserException(ExitCodes.DATA, folder.resolve(LabFiles.LAB) + ": " + e.getMessage());
        }
    }

    private static void writeLab(Path folder, boolean quick, String version) {
        try {
            LabFiles.writeLab(folder, quick, version);
        } catch (IOException e) {
            throw new UserException(ExitCodes.CANT_CREATE, folder.resolve(LabFiles.LAB) + ": " + e.getMessage());
        }
    }

    static List<TracedRow> readTraced(Path folder) {
        try {
            return LabFiles.readTraced(folder);
        } catch (IOException e) {
            throw new UserException(ExitCodes.DATA, e.getMessage());
        }
    }

    static List<ProbeRow> readProbe(Path folder) {
        try {
            return LabFiles.readProbe(folder);
        } catch (IOException e) {
            throw new UserException(ExitCodes.DATA, e.getMessage());
        }
    }

    private static void append(Path file, String header, String line) {
        try {
            LabFiles.append(file, header, line);
        } catch (IOException e) {
            throw new UserException(ExitCodes.IO_ERROR, file + ": " + e.getMessage());
        }
    }
}
