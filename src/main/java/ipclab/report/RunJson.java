package ipclab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ipclab.model.BenchConfig;
import ipclab.probe.Clock;
import ipclab.model.Sample;
import ipclab.bench.SampleFields;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The -j document of a single run: the machine and JVM, the clock, the configuration, the
 * samples (each {@link SampleFields#toMap}) and the error that ended the run early, if any. Its
 * shape is documented by {@code ipclab/run.schema.json} (a resource), validated by the tests.
 * Jackson writes numbers without regard to the locale.
 */
public final class RunJson {
    /** Names the document's shape; changes when a field is renamed or removed (never, we hope). */
    public static final String FORMAT = "ipclab-run/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {}

    /**
     * @param machine the sections of {@code ipclab describe}
     * @param config what ran
     * @param settings how it ran besides the configuration: iterations, probes, recording
     * @param warmup what was done before the first run (null if preparation failed)
     * @param samples one per iteration run, failed ones included
     * @param error why the run ended early, or null
     */
    public static Map<String, Object> document(Map<String, ?> machine, BenchConfig config,
            Map<String, Object> settings, String warmup, List<Sample> samples, String error) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", FORMAT);
        d.put("machine", machine);
        Map<String, Object> clock = new LinkedHashMap<>();
        clock.put("name", Clock.NAME);
        clock.put("source", Clock.SOURCE);
        clock.put("resolution_ns", Clock.resolutionNanos() < 0 ? null : Clock.resolutionNanos());
        d.put("clock", clock);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("mode", config.mode().label());
        configuration.put("ipc", config.mechanism().name());
        configuration.put("buffer_size_bytes", config.bufferSizeBytes());
        configuration.put("total_size_bytes", config.totalSizeBytes());
        configuration.put("block_count", config.blockCount());
        configuration.put("tcp_port", config.tcpPort());
        configuration.put("socket_buffers", config.socketBuffers());
        configuration.put("pipe_size_bytes", config.pipeSizeBytes());
        configuration.put("bare", config.bare());
        configuration.put("cpus", config.cpus());
        configuration.put("fd_table", config.fdTable());
        configuration.put("workload", config.workload());
        configuration.putAll(settings);
        d.put("configuration", configuration);
        d.put("warmup", warmup);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Sample s : samples) {
            rows.add(SampleFields.toMap(s));
        }
        d.put("samples", rows);
        d.put("error", error);
        return d;
    }

    /** Any value (a document, a sample's map, a description) as indented JSON. */
    public static String render(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sample as JSON, fields in {@link SampleFields} order. */
    public static String sample(Sample sample) {
        return render(SampleFields.toMap(sample));
    }
}
