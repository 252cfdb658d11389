package ipclab.model;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Settings;
import ipclab.ipc.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link BenchConfig} as named fields: the configuration columns of every sample (CSV, JSON
 * lines, {@code -j}) and the text the 2proc child receives. One list, read and written here, so
 * the writer, the reader and the child agree by construction. The TCP port asked for is not a
 * field: samples record the port granted, and sweeps always take any free one.
 */
public final class ConfigFields {
    public static final String MODE = "mode";
    public static final String IPC = "ipc";
    public static final String BUFFER_SIZE = "buffer_size_bytes";
    public static final String TOTAL_SIZE = "total_size_bytes";
    public static final String SOCKET_BUFFERS = "socket_buffers";
    public static final String PIPE_SIZE = "pipe_size_bytes";
    public static final String CPUS = "cpus";
    public static final String BARE = "bare";
    public static final String FD_TABLE = "fd_table";
    public static final String WORKLOAD = "workload";
    /** The mechanism's own settings ({@link ipclab.ipc.Settings#text}): {@code mq-depth=10}; empty for none. */
    public static final String IPC_SETTINGS = "ipc_settings";

    private ConfigFields() {}

    /** The field names, in sample order. */
    public static final java.util.List<String> NAMES = java.util.List.of(MODE, IPC, BUFFER_SIZE, TOTAL_SIZE,
            SOCKET_BUFFERS, PIPE_SIZE, CPUS, BARE, FD_TABLE, WORKLOAD, IPC_SETTINGS);

    /** The fields in sample order, each with its value as the results files hold it (number, boolean, text). */
    public static Map<String, Object> values(BenchConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            m.put(name, value(c, name));
        }
        return m;
    }

    /** One field's value, as {@link #values} has it. */
    public static Object value(BenchConfig c, String name) {
        return switch (name) {
            case MODE -> c.mode().label();
            case IPC -> c.mechanism().name();
            case BUFFER_SIZE -> c.bufferSizeBytes();
            case TOTAL_SIZE -> c.totalSizeBytes();
            case SOCKET_BUFFERS -> c.socketBuffers();
            case PIPE_SIZE -> c.pipeSizeBytes();
            case CPUS -> cpus(c.cpus());
            case BARE -> c.bare();
            case FD_TABLE -> c.fdTable();
            case WORKLOAD -> c.workload();
            case IPC_SETTINGS -> c.settings().text();
            default -> throw new IllegalArgumentException("no configuration field " + name);
        };
    }

    /**
     * The configuration whose fields {@code field} gives as text (null for a missing field).
     * A missing {@code fd_table} is read as shared: results written before private tables ran
     * on the shared one, a missing {@code workload} as ipc-static's stream, missing
     * {@code ipc_settings} as the mechanism's defaults. Throws
     * IllegalArgumentException naming the field that is wrong.
     */
    public static BenchConfig parse(Function<String, String> field) {
        Mode mode = Mode.fromLabel(required(field, MODE))
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + field.apply(MODE) + "'"));
        var mechanism = Mechanisms.byName(required(field, IPC)).orElseThrow(() -> new IllegalArgumentException(
                "unknown mechanism '" + field.apply(IPC) + "': use " + String.join(", ", Mechanisms.names())));
        String table = field.apply(FD_TABLE);
        boolean shared = mode != Mode.TWO_THREAD && (table == null || table.equals("shared"));
        String workload = field.apply(WORKLOAD);
        if (workload != null && !workload.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("field workload is not a workload name: " + workload);
        }
        return new BenchConfig(mode, mechanism, (int) whole(field, BUFFER_SIZE), whole(field, TOTAL_SIZE), 0,
                bool(field, SOCKET_BUFFERS), (int) whole(field, PIPE_SIZE), bool(field, BARE),
                parseCpus(required(field, CPUS)), shared, workload == null ? Defaults.WORKLOAD : workload,
                settings(mechanism, field.apply(IPC_SETTINGS)));
    }

    private static Settings settings(Mechanism mechanism, String text) {
        try {
            return Settings.parse(mechanism, text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field " + IPC_SETTINGS + ": " + e.getMessage());
        }
    }

    private static String required(Function<String, String> field, String name) {
        String v = field.apply(name);
        if (v == null) {
            throw new IllegalArgumentException("field " + name + " is missing");
        }
        return v;
    }

    private static long whole(Function<String, String> field, String name) {
        String v = required(field, name);
        if (!v.matches("-?[0-9]{1,19}")) {
            throw new IllegalArgumentException("field " + name + " is not a whole number: " + v);
        }
        return Long.parseLong(v);
    }

    private static boolean bool(Function<String, String> field, String name) {
        String v = required(field, name);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("field " + name + " is not true/false: " + v);
        }
        return v.equals("true");
    }

    private static String cpus(List<Integer> cpus) {
        return cpus.isEmpty() ? "" : String.join(",", cpus.stream().map(String::valueOf).toList());
    }

    private static List<Integer> parseCpus(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String c : text.split(",")) {
            if (!c.isBlank()) {
                if (!c.strip().matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException("field cpus is not a list of CPU numbers: " + text);
                }
                cpus.add(Integer.parseInt(c.strip()));
            }
        }
        return cpus;
    }
}
