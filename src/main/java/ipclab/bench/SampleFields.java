package ipclab.bench;

import ipclab.model.Sample;
import ipclab.probe.Clock;

import ipclab.model.ConfigFields;
import ipclab.model.Metric;
import ipclab.run.Workload;
import ipclab.workload.stream.StreamWorkload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The flat form of a {@link Sample}: named fields in a fixed order, the same for a CSV row, a
 * JSON-lines record and the samples of {@code -j}. Documented field by field in
 * {@code docs/sample.md}; new fields are appended, none renamed or removed.
 */
public final class SampleFields {
    /** One field: its name (snake_case, units in the name) and how to read it. */
    public record Field(String name, Function<Sample, Object> value) {}

    private static final List<Field> FIELDS = List.of(
            config("mode"),
            config("ipc"),
            config("buffer_size_bytes"),
            config("total_size_bytes"),
            config("socket_buffers"),
            config("pipe_size_bytes"),
            config("cpus"),
            config("bare"),
            new Field("iteration", Sample::iteration),
            new Field("warmup", Sample::warmup),
            new Field("elapsed_ns", Sample::elapsedNanos),
            new Field("seconds", Sample::elapsedSeconds),
            new Field("bytes", Sample::bytes),
            metric(StreamWorkload.BANDWIDTH),
            new Field("reads", Sample::reads),
            new Field("writes", Sample::writes),
            new Field("polls", Sample::polls),
            grant("pipe_capacity_bytes"),
            grant("sndbuf_bytes"),
            grant("rcvbuf_bytes"),
            grant("tcp_port"),
            new Field("usage_scope", s -> s.usage() == null ? null : s.usage().scope()),
            new Field("user_cpu_ns", s -> s.usage() == null ? null : s.usage().userNanos()),
            new Field("system_cpu_ns", s -> s.usage() == null ? null : s.usage().systemNanos()),
            new Field("voluntary_ctx_switches", s -> s.usage() == null ? null : s.usage().voluntaryContextSwitches()),
            new Field("involuntary_ctx_switches",
                    s -> s.usage() == null ? null : s.usage().involuntaryContextSwitches()),
            new Field("minor_faults", s -> s.usage() == null ? null : s.usage().minorFaults()),
            new Field("major_faults", s -> s.usage() == null ? null : s.usage().majorFaults()),
            new Field("cpu_migrations", s -> s.usage() == null || s.usage().migrations() < 0
                    ? null : s.usage().migrations()),
            new Field("tracer", Sample::tracer),
            new Field("host", Sample::host),
            new Field("error", Sample::error),
            new Field("receiver_cpus_allowed", s -> cpuList(s.placement().receiverCpus())),
            new Field("sender_cpus_allowed", s -> cpuList(s.placement().senderCpus())),
            new Field("clock", s -> Clock.NAME),
            new Field("clock_resolution_ns", s -> Clock.resolutionNanos() < 0 ? null : Clock.resolutionNanos()),
            new Field("on_cpu_ns", s -> s.usage() == null || s.usage().onCpuNanos() < 0
                    ? null : s.usage().onCpuNanos()),
            config("fd_table"),
            config("workload"));

    /** The fields above, then the metrics and fields of other workloads and the grants of newer mechanisms. */
    private static final List<Field> ALL = withAppended();

    private SampleFields() {}

    /**
     * The fields above, then the others; those that came after the loops below had put theirs in
     * order (the stream's drops, udp's port, where the stream's ends ran) last, in the order they
     * came, so that no column of an older results file moves.
     */
    private static List<Field> withAppended() {
        Map<String, Field> later = new LinkedHashMap<>();
        later.put(StreamWorkload.DROPS, measured(StreamWorkload.DROPS));
        later.put("udp_port", grant("udp_port"));
        for (String end : StreamWorkload.INSTANCE.ends()) {
            for (String f : ipclab.run.RanOn.fields(end)) {
                later.put(f, measured(f));
            }
        }
        List<Field> all = new java.util.ArrayList<>(FIELDS);
        java.util.Set<String> named = new java.util.HashSet<>(FIELDS.stream().map(Field::name).toList());
        named.addAll(later.keySet());
        for (Workload w : Workloads.all()) {
            for (Metric m : w.metrics()) {
                if (named.add(m.name())) {
                    all.add(metric(m));
                }
            }
            for (String f : w.fields()) {
                if (named.add(f)) {
                    all.add(measured(f));
                }
            }
        }
        // The mechanisms' own settings, one text field for all of them (mq-depth=10;...).
        all.add(config(ConfigFields.IPC_SETTINGS));
        named.add(ConfigFields.IPC_SETTINGS);
        for (String g : ipclab.ipc.Mechanisms.grantFields()) {
            if (named.add(g)) {
                all.add(grant(g));
            }
        }
        all.addAll(later.values());
        return List.copyOf(all);
    }

    /** A workload's metric: null for a failed run or a run of another workload. */
    private static Field metric(Metric metric) {
        return new Field(metric.name(), s -> s.failed() || !Workloads.of(s.config()).metrics().contains(metric)
                ? null : metric.value().applyAsDouble(s));
    }

    /** A value the workload measured beside its metrics, or null where it measured none. */
    private static Field measured(String name) {
        return new Field(name, s -> s.measured().get(name));
    }

    /** A configuration column, as {@link ConfigFields} writes it. */
    private static Field config(String name) {
        return new Field(name, s -> ConfigFields.value(s.config(), name));
    }

    /** What the kernel granted, or null where the run's mechanism has no such grant. */
    private static Field grant(String name) {
        return new Field(name, s -> {
            long v = s.granted().get(name);
            return v < 0 ? null : v;
        });
    }

    /** Every field, in order: the CSV header, the JSON keys. */
    public static List<Field> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Field::name).toList();
    }

    /** The sample as an ordered map of field name to value (null where it does not apply). */
    public static Map<String, Object> toMap(Sample sample) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field f : ALL) {
            map.put(f.name(), f.value().apply(sample));
        }
        return map;
    }

    /** The kernel's list form ({@code 0-3}), or null when not read. */
    private static String cpuList(List<Integer> cpus) {
        return cpus.isEmpty() ? null : ipclab.sys.CpuSet.formatList(cpus);
    }

}
