package ipclab.bench;

import ipclab.model.Sample;
import ipclab.probe.Clock;

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

    public static final List<Field> FIELDS = List.of(
            new Field("mode", s -> s.config().mode().label()),
            new Field("ipc", s -> s.config().ipcType().label()),
            new Field("buffer_size_bytes", s -> s.config().bufferSizeBytes()),
            new Field("total_size_bytes", s -> s.config().totalSizeBytes()),
            new Field("socket_buffers", s -> s.config().socketBuffers()),
            new Field("pipe_size_bytes", s -> s.config().pipeSizeBytes()),
            new Field("cpus", s -> cpus(s.config().cpus())),
            new Field("bare", s -> s.config().bare()),
            new Field("iteration", Sample::iteration),
            new Field("warmup", Sample::warmup),
            new Field("elapsed_ns", Sample::elapsedNanos),
            new Field("seconds", Sample::elapsedSeconds),
            new Field("bytes", Sample::bytes),
            new Field("kib_per_sec", s -> s.failed() ? null : s.kibPerSec()),
            new Field("reads", Sample::reads),
            new Field("writes", Sample::writes),
            new Field("polls", Sample::polls),
            new Field("pipe_capacity_bytes", s -> orNull(s.granted().pipeCapacityBytes())),
            new Field("sndbuf_bytes", s -> orNull(s.granted().sendBufferBytes())),
            new Field("rcvbuf_bytes", s -> orNull(s.granted().receiveBufferBytes())),
            new Field("tcp_port", s -> orNull(s.granted().tcpPort())),
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
            new Field("fd_table", s -> s.config().fdTable()));

    private SampleFields() {}

    public static List<String> names() {
        return FIELDS.stream().map(Field::name).toList();
    }

    /** The sample as an ordered map of field name to value (null where it does not apply). */
    public static Map<String, Object> toMap(Sample sample) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            map.put(f.name(), f.value().apply(sample));
        }
        return map;
    }

    private static Object orNull(int value) {
        return value < 0 ? null : value;
    }

    /** The kernel's list form ({@code 0-3}), or null when not read. */
    private static String cpuList(List<Integer> cpus) {
        return cpus.isEmpty() ? null : ipclab.sys.CpuSet.formatList(cpus);
    }

    private static String cpus(List<Integer> cpus) {
        return cpus.isEmpty() ? "" : String.join(",", cpus.stream().map(String::valueOf).toList());
    }
}
