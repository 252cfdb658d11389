package ipclab.experiment;

import ipclab.machine.MachineDescription;
import ipclab.probe.Clock;
import ipclab.model.Host;
import ipclab.sys.CpuSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine a sweep ran on, for its metadata file and the report: a flat view of
 * {@link MachineDescription} (the one description of the machine, as {@code describe} prints it),
 * in the field names results folders have always used, with the whole description beside them.
 */
public final class Machine {
    private Machine() {}

    /** A description, in fields named for the metadata file. */
    public static Map<String, Object> describe() {
        Map<String, Map<String, Object>> d = MachineDescription.describeLive();
        Map<String, Object> hw = d.get("hardware");
        Map<String, Object> os = d.get("os");
        Map<String, Object> jvm = d.get("jvm");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", Host.name());
        m.put("cpu_model", hw.get("cpu_model"));
        m.put("online_cpus", hw.get("online_cpus"));
        m.put("available_processors", jvm.get("available_processors"));
        m.put("memory_total", hw.get("memory_bytes") instanceof Number n ? Sizes.format(n.longValue()) : "unknown");
        m.put("os", os.get("distribution"));
        m.put("kernel", os.get("kernel_release"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("jvm", jvm.get("vendor") + " " + jvm.get("vm"));
        m.put("clock", Clock.NAME + " (" + Clock.SOURCE + ")");
        m.put("description", d);
        return m;
    }

    /** CPUs the kernel has online, from /sys; empty when that cannot be read. */
    public static Set<Integer> onlineCpus() {
        String text = onlineCpusText();
        try {
            return text.isEmpty() || text.equals(MachineDescription.UNKNOWN) ? Set.of()
                    : new TreeSet<>(CpuSet.parseList(text));
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    public static String onlineCpusText() {
        // The one file, not a whole description (caches, limits, a pipe): plan checks call this.
        return ipclab.machine.SysFiles.live().read("/sys/devices/system/cpu/online").map(String::strip)
                .orElse(MachineDescription.UNKNOWN);
    }
}
