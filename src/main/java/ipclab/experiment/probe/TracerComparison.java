package ipclab.experiment.probe;

import ipclab.trace.TraceData;
import java.util.List;

/**
 * One tracer's row of a probe-effect study.
 *
 * @param tracer the tracer's name
 * @param metric the workload's headline metric the runs are compared by ({@code kib_per_sec},
 *     {@code rtt_p50_ns})
 * @param untraced the untraced run of each pair, in run order, in the metric's stored unit
 * @param traced the traced run of each pair, in run order
 * @param estimate ratio traced/untraced with its interval and test
 * @param medianAttachSeconds median time from starting the tracer to seeing it attached
 * @param benchmarkReads reads the benchmark counted in the last traced run
 * @param benchmarkWrites writes the benchmark counted in the last traced run
 * @param view what the tracer saw of the last traced run
 */
public record TracerComparison(
        String tracer,
        String metric,
        List<Double> untraced,
        List<Double> traced,
        RatioEstimate estimate,
        double medianAttachSeconds,
        long benchmarkReads,
        long benchmarkWrites,
        TraceData view) {}
