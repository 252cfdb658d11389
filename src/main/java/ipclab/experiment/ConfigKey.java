package ipclab.experiment;

import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Settings;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One configuration of a sweep, as far as it matters for grouping trials: a {@link BenchConfig}
 * with what a sweep fixes or picks per trial taken out (the total size, which --min-time picks;
 * bare; any TCP port). Derived from the configuration rather than repeating it, so a new option
 * of the configuration is a new option of the key.
 */
public record ConfigKey(BenchConfig config) implements Comparable<ConfigKey> {

    private static final Comparator<ConfigKey> ORDER = Comparator.comparing(ConfigKey::workload,
                    Comparator.comparing((String w) -> !w.equals(ipclab.model.Defaults.WORKLOAD))
                            .thenComparing(Comparator.naturalOrder()))
            .thenComparing(ConfigKey::mode)
            .thenComparing(ConfigKey::mechanism, Mechanisms.ORDER)
            .thenComparing(ConfigKey::socketBuffers)
            .thenComparingInt(ConfigKey::pipeSizeBytes)
            .thenComparing(ConfigKey::cpusText)
            .thenComparing(ConfigKey::sharedFdTable)
            .thenComparing(k -> k.settings().text())
            .thenComparingInt(ConfigKey::bufferSizeBytes);

    public ConfigKey {
        config = normal(config);
    }

    /**
     * @param cpus the placement, receiver first; empty for unpinned
     * @param sharedFdTable --fd-table shared: 1thread and 2proc keep the JVM's shared descriptor table
     * @throws IllegalArgumentException for a point that cannot run, as {@link BenchConfig} says
     */
    public ConfigKey(Mode mode, Mechanism mechanism, int bufferSizeBytes, boolean socketBuffers, int pipeSizeBytes,
            List<Integer> cpus, boolean sharedFdTable) {
        this(new BenchConfig(mode, mechanism, bufferSizeBytes, bufferSizeBytes, 0, socketBuffers, pipeSizeBytes, true,
                cpus, sharedFdTable));
    }

    /** A configuration with the default (private where ipc-static's is) descriptor table. */
    public ConfigKey(Mode mode, Mechanism mechanism, int bufferSizeBytes, boolean socketBuffers, int pipeSizeBytes,
            List<Integer> cpus) {
        this(mode, mechanism, bufferSizeBytes, socketBuffers, pipeSizeBytes, cpus, false);
    }

    public static ConfigKey of(BenchConfig c) {
        return new ConfigKey(c);
    }

    private static BenchConfig normal(BenchConfig c) {
        return new BenchConfig(c.mode(), c.mechanism(), c.bufferSizeBytes(), c.bufferSizeBytes(), 0, c.socketBuffers(),
                c.pipeSizeBytes(), true, c.cpus(), c.sharedFdTable(), c.workload(), c.settings());
    }

    /** The same point with another workload. */
    public ConfigKey withWorkload(String workload) {
        return new ConfigKey(config.withWorkload(workload));
    }

    public String workload() {
        return config.workload();
    }

    /** Whether this is ipc-static's stream (sized by buffers), not another workload (latency: by messages). */
    public boolean stream() {
        return workload().equals(ipclab.model.Defaults.WORKLOAD);
    }

    /** What its size is of, for axes and tables: {@code buffer} for the stream, {@code message} otherwise. */
    public String sizeName() {
        return stream() ? "buffer" : "message";
    }

    /**
     * The configuration a trial runs: bare (the sweep warms up by itself, and sleeps at most once
     * per block), on any free TCP port (thousands of connections on one port would meet TIME_WAIT).
     */
    public BenchConfig toConfig(long totalSizeBytes) {
        BenchConfig c = config;
        return new BenchConfig(c.mode(), c.mechanism(), c.bufferSizeBytes(), totalSizeBytes, 0, c.socketBuffers(),
                c.pipeSizeBytes(), true, c.cpus(), c.sharedFdTable(), c.workload(), c.settings());
    }

    public Mode mode() {
        return config.mode();
    }

    public Mechanism mechanism() {
        return config.mechanism();
    }

    public int bufferSizeBytes() {
        return config.bufferSizeBytes();
    }

    public boolean socketBuffers() {
        return config.socketBuffers();
    }

    public int pipeSizeBytes() {
        return config.pipeSizeBytes();
    }

    public List<Integer> cpus() {
        return config.cpus();
    }

    public boolean sharedFdTable() {
        return config.sharedFdTable();
    }

    /** The mechanism's own settings, every one given or at its default. */
    public Settings settings() {
        return config.settings();
    }

    public String cpusText() {
        return cpus().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The series a chart line stands for: mode and mechanism, and the mechanism's settings that
     * are not at their defaults ({@code 2thread shm wait=spin}), so that a sweep's levels of a
     * setting are lines of one chart beside the other mechanisms'. Defaults are left out, as
     * {@link #variant} leaves out the kernel's pipe size and a private descriptor table.
     */
    public String series() {
        StringBuilder b = new StringBuilder(mode().label()).append(' ').append(mechanism().name());
        for (MechanismSetting s : mechanism().settings()) {
            String value = settings().value(s.name());
            if (!value.equals(s.defaultValue())) {
                b.append(' ').append(s.name()).append('=').append(value);
            }
        }
        return b.toString();
    }

    /**
     * What else sets this configuration apart from others of its series (-s, pipe size,
     * placement, a shared descriptor table).
     */
    public String variant() {
        // The stream's variants keep their words ("-s off"); another workload's start with its name.
        StringBuilder b = new StringBuilder(stream() ? "-s " + (socketBuffers() ? "on" : "off") : workload());
        if (pipeSizeBytes() > 0) {
            b.append(", pipe ").append(Sizes.format(pipeSizeBytes()));
        }
        if (!cpus().isEmpty()) {
            b.append(", cpus ").append(cpusText());
        }
        if (sharedFdTable()) {
            b.append(", shared fd table");
        }
        return b.toString();
    }

    /** {@code private} or {@code shared}: the descriptor table its benchmark threads use. */
    public String fdTable() {
        return config.fdTable();
    }

    /** The whole configuration in words, for messages: {@code 2thread pipe 4 KiB -s off}. */
    public String describe() {
        return series() + " " + Sizes.format(bufferSizeBytes()) + " " + variant().replace(", ", " ");
    }

    @Override
    public int compareTo(ConfigKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return describe();
    }
}
