package ipclab.bench;

import ipclab.ipc.Mechanisms;

import ipclab.model.BenchConfig;
import ipclab.model.Host;
import ipclab.ipc.Mode;
import ipclab.model.Sample;
import ipclab.workload.stream.StreamWorkload;
import ipclab.probe.RunEvent;
import ipclab.probe.RunProbes;
import ipclab.run.JitStatus;
import ipclab.run.NativeBuffer;
import ipclab.run.RunContext;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;
import ipclab.run.Timing;

import ipclab.ipc.EndpointPair;
import ipclab.sys.Clocks;
import ipclab.sys.Io;
import ipclab.sys.Sched;
import ipclab.sys.Processes;
import jdk.jfr.FlightRecorder;

/**
 * Runs one configuration, as many times as asked, each time on a fresh endpoint pair.
 * {@link #prepare} does what comes before any timed region (without -B: warm the loops, sync
 * three times, sleep a second); {@link #measure} makes one run and returns its {@link Sample}.
 * In 2proc the sender child is started on the first run and kept until {@link #close}.
 */
public final class Benchmark implements AutoCloseable {
    private final BenchConfig config;
    private final boolean ownsChild;
    private SenderChild child;
    private boolean childWarmed;
    private RunProbes probes = RunProbes.NONE;

    public Benchmark(BenchConfig config) {
        this.config = config;
        this.ownsChild = true;
    }

    /**
     * A benchmark whose 2proc runs use {@code sharedChild}, which the caller owns and closes: a
     * sweep starts one child for all its configurations.
     */
    public Benchmark(BenchConfig config, SenderChild sharedChild) {
        this.config = config;
        this.child = sharedChild;
        this.ownsChild = false;
    }

    public BenchConfig config() {
        return config;
    }

    /** Measures {@code probes} in every run from now on (-g, --jfr-calls); set before {@link #prepare}. */
    public Benchmark probing(RunProbes probes) {
        this.probes = probes;
        return this;
    }

    public RunProbes probes() {
        return probes;
    }

    /**
     * Everything before the first timed region. The downcalls are linked (and, in each worker,
     * primed) whatever the flags; without -B the loops are warmed and the machine is quiesced.
     *
     * @return what was done, for the verbose block
     */
    public String prepare() throws Exception {
        Io.prime(new ipclab.sys.CallState());
        Processes.link(config.mode() == Mode.TWO_PROC, config.privateFdTable());
        if (!config.cpus().isEmpty()) {
            Sched.link();
        }
        config.mechanism().linkSetUp();
        Workloads.of(config).linkSetUp();
        if (probes.usage()) {
            Clocks.link();
        }
        if (config.bare()) {
            return "none (-B); downcalls linked and primed";
        }
        var workload = Workloads.of(config);
        JitStatus.startAsking();
        boolean childWarming = false;
        if (config.mode() == Mode.TWO_PROC && ownsChild && child == null) {
            // The child starts and warms while this process warms: its JVM start and warm-up
            // would otherwise come before the first run, one after the other.
            child = SenderProcess.spawn();
            child.startWarming(config, probes);
            childWarming = true;
        }
        String warm = workload.warm(config, probes);
        if (childWarming) {
            child.awaitWarmed();
            childWarmed = true;
        }
        for (int i = 0; i < 3; i++) {
            Processes.sync();
        }
        Thread.sleep(workload.settleMillis());
        return warm;
    }

    /**
     * One run, timed; {@code iteration} is recorded in the sample. While a flight recorder runs, a
     * {@link RunEvent} spans the run and is committed after it, failed or not.
     */
    public Sample measure(int iteration, RunListener listener) throws Exception {
        // Without a recorder the event class is not even loaded: JFR reads an event class's
        // annotations through dynamic proxies when it is first loaded, about 60 ms of start-up.
        return FlightRecorder.isInitialized() ? measureRecorded(iteration, listener) : run(iteration, listener);
    }

    /** What is done with each sample as it comes (printing it). */
    @FunctionalInterface
    public interface EachSample {
        void accept(Sample sample) throws Exception;
    }

    /**
     * {@code iterations} runs, each sample added to {@code samples} and handed to {@code each} as
     * it is measured; a run that fails is added as a failure sample (keeping its configuration and
     * reason) and ends the runs with its exception.
     */
    public void measureAll(int iterations, java.util.List<Sample> samples, EachSample each) throws Exception {
        for (int i = 0; i < iterations; i++) {
            try {
                samples.add(measure(i, RunListener.NONE));
            } catch (Exception e) {
                samples.add(Sample.failure(config, i, String.valueOf(e.getMessage())));
                throw e;
            }
            each.accept(samples.getLast());
        }
    }

    private Sample measureRecorded(int iteration, RunListener listener) throws Exception {
        RunEvent event = new RunEvent();
        event.begin();
        try {
            Sample sample = run(iteration, listener);
            event.commit(sample);
            return sample;
        } catch (Exception e) {
            event.commit(Sample.failure(config, iteration, String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private Sample run(int iteration, RunListener listener) throws Exception {
        var workload = Workloads.of(config);
        try (EndpointPair pair = workload.ipcSpec(config).open()) {
            boolean warmChild = false;
            if (config.mode() == Mode.TWO_PROC) {
                if (child == null) {
                    child = SenderProcess.spawn();
                }
                warmChild = !config.bare() && !childWarmed;
                childWarmed |= warmChild;
            }
            Timing t = workload.run(new RunContext(config, pair, listener, probes, child, warmChild));
            // A mechanism that drops (udp) counts its drops; what arrived is the rest.
            long bytes = t.measured().get(StreamWorkload.DROPS) instanceof Long drops
                    ? config.totalSizeBytes() - drops * config.bufferSizeBytes() : config.totalSizeBytes();
            return new Sample(config, iteration, false, t.elapsedNanos(), bytes, t.reads(),
                    t.writes(), t.polls(), pair.granted(), t.usage(), probes.callEvents() ? "jfr-calls" : "none",
                    Host.name(), null, t.placement(), t.measured());
        }
    }

    @Override
    public void close() {
        if (child != null && ownsChild) {
            child.close();
            child = null;
        }
    }
}
