package ipclab.experiment.probe;

import ipclab.model.BenchConfig;
import ipclab.bench.Benchmark;
import ipclab.run.RunListener;
import ipclab.model.Sample;
import ipclab.trace.TraceData;
import ipclab.trace.Tracer;
import ipclab.trace.TracerException;
import ipclab.trace.TracerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What tracing does to the benchmark: for each tracer, {@code trials} pairs of runs of the same
 * configuration (of either workload: compared by its headline, bandwidth or the median round
 * trip), one untraced and one traced, back to back, with the order inside a pair
 * alternating (A B, then B A) so that a drift of the machine does not favour one side. Before
 * the pairs, {@code warmups} untraced runs are made and dropped (with -B nothing else warms the
 * loops). One benchmark (and, in 2proc, one child) serves every run.
 */
public final class ProbeEffectStudy {
    private final BenchConfig config;
    /** Makes a fresh tracer for each traced run; fails when the tool is missing or not permitted. */
    public interface TracerFactory {
        String label();

        Tracer create() throws TracerException;

        /** One of ipclab's tracers, for runs of {@code config}. */
        static TracerFactory of(TracerKind kind, BenchConfig config, Duration attachTimeout) {
            return new TracerFactory() {
                @Override
                public String label() {
                    return kind.label();
                }

                @Override
                public Tracer create() throws TracerException {
                    return kind.create(attachTimeout, config.bufferSizeBytes());
                }
            };
        }
    }

    private final List<TracerFactory> tracers;
    private final int trials;
    private final int warmups;

    public ProbeEffectStudy(BenchConfig config, List<TracerFactory> tracers, int trials, int warmups) {
        if (trials < 1 || tracers.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one trial and one tracer");
        }
        this.config = config;
        this.tracers = List.copyOf(tracers);
        this.trials = trials;
        this.warmups = warmups;
    }

    /** Checks every tracer's tool before anything runs, so a missing one fails at once. */
    public void checkTools() throws TracerException {
        for (TracerFactory f : tracers) {
            f.create().close();
        }
    }

    public List<TracerComparison> run() throws Exception {
        checkTools();
        ipclab.model.Metric metric = ipclab.bench.Workloads.of(config).headline();
        int n = tracers.size();
        double[][] untraced = new double[n][trials];
        double[][] traced = new double[n][trials];
        List<List<Double>> attach = new ArrayList<>();
        TraceData[] views = new TraceData[n];
        Sample[] lastTraced = new Sample[n];
        for (int t = 0; t < n; t++) {
            attach.add(new ArrayList<>());
        }
        try (Benchmark benchmark = new Benchmark(config)) {
            benchmark.prepare();
            int iteration = 0;
            for (int w = 0; w < warmups; w++) {
                benchmark.measure(iteration++, RunListener.NONE);
            }
            for (int trial = 0; trial < trials; trial++) {
                for (int t = 0; t < n; t++) {
                    boolean tracedFirst = trial % 2 == 1;
                    for (int side = 0; side < 2; side++) {
                        boolean withTracer = (side == 0) == tracedFirst;
                        if (!withTracer) {
                            untraced[t][trial] = metric.value().applyAsDouble(
                                    benchmark.measure(iteration++, RunListener.NONE));
                            continue;
                        }
                        try (Tracer tracer = tracers.get(t).create()) {
                            Sample s = benchmark.measure(iteration++, tracer);
                            TraceData d = tracer.result();
                            traced[t][trial] = metric.value().applyAsDouble(s);
                            attach.get(t).add(d.attachNanos() / 1e9);
                            views[t] = d;
                            lastTraced[t] = s;
                        }
                    }
                }
            }
        }
        List<TracerComparison> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            out.add(new TracerComparison(tracers.get(t).label(), metric.name(), boxed(untraced[t]), boxed(traced[t]),
                    RatioEstimate.of(untraced[t], traced[t]), median(attach.get(t)), lastTraced[t].reads(),
                    lastTraced[t].writes(), views[t]));
        }
        return out;
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** The median of {@code v}; NaN when it is empty. */
    public static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
