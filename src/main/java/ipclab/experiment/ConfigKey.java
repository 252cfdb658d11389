package ipclab.experiment;

import ipclab.model.BenchConfig;
import ipclab.model.Mode;
import ipclab.ipc.IpcType;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One configuration of a sweep, as far as it matters for grouping trials: everything of a
 * {@link BenchConfig} but the total size (which --min-time picks per configuration) and the
 * flags a sweep fixes (bare, any TCP port).
 *
 * @param cpus the placement, receiver first; empty for unpinned
 * @param sharedFdTable --fd-table shared: 1thread and 2proc keep the JVM's shared descriptor table
 */
public record ConfigKey(Mode mode, IpcType ipcType, int bufferSizeBytes, boolean socketBuffers, int pipeSizeBytes,
        List<Integer> cpus, boolean sharedFdTable) implements Comparable<ConfigKey> {

    private static final Comparator<ConfigKey> ORDER = Comparator.comparing(ConfigKey::mode)
            .thenComparing(ConfigKey::ipcType)
            .thenComparing(ConfigKey::socketBuffers)
            .thenComparingInt(ConfigKey::pipeSizeBytes)
            .thenComparing(ConfigKey::cpusText)
            .thenComparing(ConfigKey::sharedFdTable)
            .thenComparingInt(ConfigKey::bufferSizeBytes);

    public ConfigKey {
        cpus = List.copyOf(cpus);
    }

    /** A configuration with the default (private where ipc-static's is) descriptor table. */
    public ConfigKey(Mode mode, IpcType ipcType, int bufferSizeBytes, boolean socketBuffers, int pipeSizeBytes,
            List<Integer> cpus) {
        this(mode, ipcType, bufferSizeBytes, socketBuffers, pipeSizeBytes, cpus, false);
    }

    public static ConfigKey of(BenchConfig c) {
        return new ConfigKey(c.mode(), c.ipcType(), c.bufferSizeBytes(), c.socketBuffers(), c.pipeSizeBytes(),
                c.cpus(), c.sharedFdTable());
    }

    /**
     * The configuration a trial runs: bare (the sweep warms up by itself, and sleeps at most once
     * per block), on any free TCP port (thousands of connections on one port would meet TIME_WAIT).
     */
    public BenchConfig toConfig(long totalSizeBytes) {
        return new BenchConfig(mode, ipcType, bufferSizeBytes, totalSizeBytes, 0, socketBuffers, pipeSizeBytes, true,
                cpus, sharedFdTable);
    }

    public String cpusText() {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The series a chart line stands for: mode and IPC type. */
    public String series() {
        return mode.label() + " " + ipcType.label();
    }

    /**
     * What else sets this configuration apart from others of its series (-s, pipe size,
     * placement, a shared descriptor table).
     */
    public String variant() {
        StringBuilder b = new StringBuilder("-s ").append(socketBuffers ? "on" : "off");
        if (pipeSizeBytes > 0) {
            b.append(", pipe ").append(Sizes.format(pipeSizeBytes));
        }
        if (!cpus.isEmpty()) {
            b.append(", cpus ").append(cpusText());
        }
        if (sharedFdTable) {
            b.append(", shared fd table");
        }
        return b.toString();
    }

    /** {@code private} or {@code shared}: the descriptor table its benchmark threads use. */
    public String fdTable() {
        return toConfig(bufferSizeBytes).fdTable();
    }

    /** The whole configuration in words, for messages: {@code 2thread pipe 4 KiB -s off}. */
    public String describe() {
        return series() + " " + Sizes.format(bufferSizeBytes) + " " + variant().replace(",", "");
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
