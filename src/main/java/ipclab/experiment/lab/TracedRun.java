package ipclab.experiment.lab;

import ipclab.bench.Benchmark;
import ipclab.experiment.ConfigKey;
import ipclab.model.Sample;
import ipclab.trace.ThreadSched;
import ipclab.trace.TraceData;
import ipclab.trace.Tracer;
import ipclab.trace.TracerException;
import ipclab.trace.TracerKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of a configuration under a counting tracer, as {@code ipclab trace} makes it (its own
 * benchmark, bare: the counts do not depend on the JIT), reduced to the counts the lab's report
 * explains its curves with.
 */
public final class TracedRun {
    /** The counting tracers in the order the lab prefers them: bpftrace-sched sees calls, switches and faults. */
    public static final List<TracerKind> PREFERRED = List.of(TracerKind.BPFTRACE_SCHED, TracerKind.PERF);

    private TracedRun() {}

    /**
     * The first of {@code kinds} that can run here, or empty; {@code missing} is told why each
     * one before it cannot (bpftrace not installed, not root...).
     */
    public static Optional<TracerKind> firstAvailable(List<TracerKind> kinds, java.util.function.Consumer<String> missing) {
        for (TracerKind k : kinds) {
            try {
                k.create(Tracer.DEFAULT_ATTACH_TIMEOUT, 4096).close();
                return Optional.of(k);
            } catch (TracerException e) {
                missing.accept(k.label() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    public static TracedRow run(LabPlan.TracedPoint p, TracerKind kind, Duration attachTimeout) throws Exception {
        ConfigKey key = new ConfigKey(p.mode(), p.mechanism(), p.bufferSizeBytes(), p.socketBuffers(), 0, List.of());
        try (Tracer tracer = kind.create(attachTimeout, p.bufferSizeBytes());
                Benchmark benchmark = new Benchmark(key.toConfig(p.totalBytes()))) {
            benchmark.prepare();
            Sample s = benchmark.measure(0, tracer);
            if (s.failed()) {
                throw new ipclab.model.TransferException(s.error());
            }
            TraceData d = tracer.result();
            Long switches = sum(d, ThreadSched::contextSwitches, "context-switches");
            return new TracedRow(p.mode().label(), p.mechanism().name(), p.bufferSizeBytes(), p.socketBuffers(),
                    kind.label(), s.bytes(), s.elapsedNanos(), s.kibPerSec(), d.calls("read"), d.calls("write"),
                    d.calls("poll"), switches, sum(d, ThreadSched::wakeups, null),
                    sum(d, ThreadSched::pageFaults, "page-faults"));
        }
    }

    /** A count summed over the benchmark's threads, or perf's event of that name, or null. */
    static Long sum(TraceData d, Function<ThreadSched, Long> f, String event) {
        List<Long> v = d.threads().stream().map(f).filter(Objects::nonNull).toList();
        if (!v.isEmpty()) {
            return v.stream().mapToLong(Long::longValue).sum();
        }
        return event == null ? null : d.events().get(event);
    }
}
