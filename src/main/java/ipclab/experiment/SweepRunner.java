package ipclab.experiment;

import ipclab.bench.Workloads;
import ipclab.probe.RunProbes;
import ipclab.run.Workload;

import ipclab.bench.SenderProcess;

import ipclab.model.BenchConfig;
import ipclab.model.Blocks;
import ipclab.model.Defaults;
import ipclab.bench.Benchmark;
import ipclab.ipc.Mode;
import ipclab.run.RunListener;
import ipclab.model.Sample;
import ipclab.run.SenderChild;
import ipclab.model.TransferException;
import ipclab.workload.stream.Warmup;
import ipclab.ipc.Mechanism;
import ipclab.sys.CallState;
import ipclab.sys.Io;
import ipclab.sys.Processes;
import ipclab.sys.SysException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a plan's schedule, skipping the trials already saved, and saves each trial as soon as it
 * is measured. What comes before the trials is paid once, not per trial: the loops of each
 * (mode, IPC type) are warmed in this JVM, and one 2proc sender child is started and warmed for
 * the whole sweep (each trial hands it that trial's descriptor). Every trial runs bare: no
 * per-trial sync or sleep; with {@code quiesce} the machine is synced and left alone once per
 * block. A trial that fails is saved with its error, and the sweep goes on; a trial that makes no
 * end is stopped by a {@link TrialWatchdog}, and the rest of its configuration is skipped (saved as
 * failed, so that a resumed sweep does not try again).
 */
public final class SweepRunner {
    /** How the error of a trial stopped by the watchdog begins. */
    public static final String STALLED = "stalled:";
    /** How the error of a trial skipped after a stall begins. */
    public static final String SKIPPED = "skipped: ";
    /** The bytes of the one non-bare 2proc run that warms the child's sender loop. */
    private static final long CHILD_WARM_BYTES = 64 * 1024;

    private final Plan plan;
    private final ResultsWriter writer;
    private final SweepListener listener;
    private final Set<Trial> done = new java.util.HashSet<>();
    private final TrialSizer sizer;
    private final Map<ConfigKey, String> stalled = new HashMap<>();
    private final TrialWatchdog watchdog;
    /** Each configuration's successful measured trials so far (its headline metric), for --precision. */
    private final Map<ConfigKey, List<Double>> measured = new HashMap<>();
    private SenderChild child;
    private LoadLog loadLog;

    /** {@code previous}: the trials already saved (from {@link ResultsReader#repair}), empty for a new sweep. */
    public SweepRunner(Plan plan, List<TrialRecord> previous, ResultsWriter writer, SweepListener listener) {
        this.plan = plan;
        this.writer = writer;
        this.listener = listener;
        this.watchdog = new TrialWatchdog(plan.trialTimeoutSeconds() * 1000L);
        this.sizer = new TrialSizer(plan.minTimeMillis());
        for (TrialRecord t : previous) {
            done.add(t.trial());
            if (t.failed() && t.error().startsWith(STALLED)) {
                stalled.putIfAbsent(t.key(), "an earlier trial of this configuration stalled");
            }
            if (!t.failed()) {
                sizer.observe(t.key(), t.totalBytes(), t.elapsedNanos());
                if (!t.warmup()) {
                    measured.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.value());
                }
            }
        }
    }

    /** Records the machine's load at the start of every block and at the end into {@code log}. */
    public SweepRunner recordingLoad(LoadLog log) {
        this.loadLog = log;
        return this;
    }

    private void recordLoad(int block) throws java.io.IOException {
        if (loadLog != null) {
            List<Long> own = new ArrayList<>(List.of(ProcessHandle.current().pid()));
            if (child != null) {
                own.add((long) child.pid());
            }
            loadLog.record(block, own);
        }
    }

    /** The trials still to run, in schedule order. */
    public List<Trial> remaining() throws PlanException {
        List<Trial> todo = new ArrayList<>();
        for (List<Trial> block : Schedule.blocks(plan.configurations(), plan.warmupTrials(), plan.trials(),
                plan.seed())) {
            for (Trial t : block) {
                if (!done.contains(t)) {
                    todo.add(t);
                }
            }
        }
        return todo;
    }

    public SweepOutcome run() throws Exception {
        List<Trial> todo = remaining();
        long start = System.nanoTime();
        Tally tally = new Tally();
        try {
            listener.started(todo, plan);
            prepare(todo);
            int lastBlock = -1;
            for (Trial trial : todo) {
                int block = trial.warmup() ? trial.iteration() : plan.warmupTrials() + trial.iteration();
                if (block != lastBlock) {
                    if (plan.quiesceMillis() > 0) {
                        listener.phase("quiescing " + plan.quiesceMillis() + " ms before block " + (block + 1));
                        quiesce(plan.quiesceMillis());
                    }
                    recordLoad(block);
                }
                lastBlock = block;
                listener.trialDone(trial, runOne(trial, tally), tally.trials, todo.size());
            }
            // --precision: blocks of one more trial for each configuration not yet precise enough.
            for (int iteration = plan.trials(); iteration < plan.maxTrials(); iteration++) {
                List<Trial> block = imprecise(iteration);
                if (block.isEmpty()) {
                    break;
                }
                listener.phase("--precision: block " + (iteration + 1) + " (of at most " + plan.maxTrials()
                        + ") for the " + block.size() + " configurations not yet within it");
                int blockEnd = tally.trials + block.size();
                recordLoad(plan.warmupTrials() + iteration);
                for (Trial trial : block) {
                    // the ETA is the block's
                    listener.trialDone(trial, runOne(trial, tally), tally.trials, blockEnd);
                }
            }
            recordLoad(-1);
        } finally {
            watchdog.close();
            if (child != null) {
                child.close();
            }
        }
        return new SweepOutcome(tally.trials, tally.failures, tally.timedNanos, System.nanoTime() - start,
                tally.shortTrials);
    }

    /** What this run measured so far, for its outcome. */
    private static final class Tally {
        int trials;
        int failures;
        long timedNanos;
        int shortTrials;
    }

    /** Measures {@code trial}, saves it at once, and counts it in {@code tally}. */
    private Sample runOne(Trial trial, Tally tally) throws Exception {
        Sample sample = measure(trial);
        writer.append(sample);
        tally.trials++;
        if (sample.failed()) {
            tally.failures++;
        } else {
            observe(trial, sample);
            if (!trial.warmup()) {
                tally.timedNanos += sample.elapsedNanos();
                tally.shortTrials += TrialSizer.fellShort(plan, sample.elapsedNanos()) ? 1 : 0;
            }
        }
        return sample;
    }

    private void observe(Trial trial, Sample sample) {
        sizer.observe(trial.key(), sample.bytes(), sample.elapsedNanos());
        if (!trial.warmup()) {
            double value = Workloads.of(trial.key().config()).headline().value().applyAsDouble(sample);
            measured.computeIfAbsent(trial.key(), k -> new ArrayList<>()).add(value);
        }
    }

    /**
     * The trials of --precision's block {@code iteration}: one for each configuration whose
     * measured trials do not yet meet the precision (none that stalled), in an order drawn from
     * the plan's seed and the block, leaving out those a resumed sweep already saved.
     */
    private List<Trial> imprecise(int iteration) throws PlanException {
        List<Trial> block = new ArrayList<>();
        for (ConfigKey key : plan.configurations()) {
            List<Double> v = measured.getOrDefault(key, List.of());
            if (stalled.containsKey(key) || plan.precise(v.stream().mapToDouble(Double::doubleValue).toArray())) {
                continue;
            }
            Trial t = new Trial(key, iteration, false);
            if (!done.contains(t)) {
                block.add(t);
            }
        }
        java.util.Collections.shuffle(block, new java.util.Random(plan.seed() * 31 + iteration));
        return block;
    }

    /** Warms each (mode, IPC type) still to run, and starts and warms the 2proc child if needed. */
    private void prepare(List<Trial> todo) throws Exception {
        Io.prime(new CallState());
        Set<String> warmed = new LinkedHashSet<>();
        for (Trial t : todo) {
            Mode mode = t.key().mode();
            Mechanism ipc = t.key().mechanism();
            Workload workload = Workloads.of(t.key().config());
            // 2proc's receiver runs the 2thread loops; the child warms its own sender.
            Mode loops = mode == Mode.ONE_THREAD ? Mode.ONE_THREAD : Mode.TWO_THREAD;
            String what = workload.name() + " " + loops.label() + " " + ipc;
            if (warmed.add(what)) {
                listener.phase("warming the " + what + " loops");
                int size = warmSize(ipc);
                workload.warm(new BenchConfig(loops, ipc, size, size, 0, false, 0, true, List.of(), false,
                        workload.name()), RunProbes.NONE);
            }
            if (mode == Mode.TWO_PROC && child == null) {
                startChild(ipc);
            }
        }
    }

    /** The size of a warm-up's messages: a small block, or the mechanism's one size (eventfd's 8). */
    private static int warmSize(Mechanism ipc) {
        return ipc.fixedMessageBytes() > 0 ? ipc.fixedMessageBytes() : Warmup.MAX_BLOCK_BYTES;
    }

    private void startChild(Mechanism ipc) throws Exception {
        listener.phase("starting and warming the 2proc sender child");
        child = SenderProcess.spawn();
        // A child that stops answering (SIGSTOP, stuck) is killed and replaced, not waited for.
        child.answerWithin(Math.max(15_000, 2_000L * plan.trialTimeoutSeconds()));
        // One run without -B: the child warms its sender loop (and sleeps its second) once.
        // The stream's run where the mechanism carries it; else the first workload it does (eventfd: latency).
        String workload = ipc.workloads().contains(Defaults.WORKLOAD) ? Defaults.WORKLOAD
                : plan.workloads().stream().filter(ipc.workloads()::contains).findFirst().orElseThrow();
        int size = warmSize(ipc);
        BenchConfig warm = new BenchConfig(Mode.TWO_PROC, ipc, size, Blocks.roundUpToMultiple(CHILD_WARM_BYTES, size),
                0, false, 0, false, List.of(), false, workload);
        new Benchmark(warm, child).measure(0, RunListener.NONE);
        // The other workloads' child loops, warmed by the child itself (the trials are bare).
        for (String name : plan.workloads()) {
            if (!name.equals(warm.workload()) && ipc.workloads().contains(name)) {
                child.startWarming(warm.withWorkload(name), RunProbes.NONE);
                child.awaitWarmed();
            }
        }
    }

    private Sample measure(Trial trial) throws Exception {
        BenchConfig config = trial.key().toConfig(totalBytes(trial));
        String stall = stalled.get(trial.key());
        if (stall != null) {
            return Sample.failure(config, trial.iteration(), SKIPPED + stall).asWarmup(trial.warmup());
        }
        try {
            return new Benchmark(config, child).measure(trial.iteration(), watchdog.arm())
                    .asWarmup(trial.warmup());
        } catch (TransferException | SysException e) {
            String error = e.getMessage();
            if (watchdog.childStopped()) {
                error = "the 2proc sender child was stopped (state T) and the transfer had not ended after "
                        + watchdog.timeoutMillis() / 1000 + " s (--trial-timeout): the child was killed and a new"
                        + " one serves the next trials (" + e.getMessage() + ")";
            } else if (watchdog.fired()) {
                error = STALLED + " the transfer had not ended after " + watchdog.timeoutMillis() / 1000
                        + " s (--trial-timeout) and was stopped with shutdown(2); the rest of this"
                        + " configuration is skipped (" + e.getMessage() + ")";
                stalled.put(trial.key(), "an earlier trial of this configuration stalled");
            }
            if (config.mode() == Mode.TWO_PROC) {
                // The child may be gone with the run; the next 2proc trial gets a fresh one.
                child.close();
                child = null;
                startChild(config.mechanism());
            }
            return Sample.failure(config, trial.iteration(), error).asWarmup(trial.warmup());
        }
    }

    /**
     * Bytes of this trial: fixed by --total; for --min-time, the pilot's for a warm-up, and for a
     * measured trial what {@link TrialSizer} makes of every trial of the configuration so far.
     */
    long totalBytes(Trial trial) {
        if (plan.totalBytes() > 0 || trial.warmup()) {
            return plan.pilotBytes(trial.key());
        }
        return sizer.bytes(trial.key(), plan.pilotBytes(trial.key()));
    }

    /** As ipc-static does before its one run, but once per block: sync three times, then sleep. */
    private static void quiesce(int millis) throws Exception {
        for (int i = 0; i < 3; i++) {
            Processes.sync();
        }
        Thread.sleep(millis);
    }
}
